"""The terminal report of a feed (`mtcheck batch`): one row per article, the errored ones, the feed's gate.

A feed of hundreds of articles cannot list every finding on a terminal: the
table says which articles to open (``--format html`` writes a review page for
each), most failed first. Ids, reasons and file names are data (``data_text``).
"""

from __future__ import annotations

from collections import Counter

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text as RichText

from mtcheck.report.terminal_findings import SEVERITY_STYLES, data_text
from mtcheck.types import Report, Severity


def render_feed_terminal(report: Report, listing=None) -> RenderableType:
    """``listing`` is accepted for the same signature as the single-article report; a feed lists no findings."""
    table = Table(title=f"mtcheck batch · {len(report.documents)} articles checked", title_justify="left",
                  box=box.SIMPLE_HEAD)
    table.add_column("article", overflow="fold")
    table.add_column("quality", justify="right")
    table.add_column("coverage t/s", justify="right")
    for severity in (Severity.CRITICAL, Severity.MAJOR, Severity.MINOR):
        table.add_column(severity.value, justify="right", header_style=SEVERITY_STYLES.get(severity))
    table.add_column("gate")
    rows = sorted(zip(report.documents, report.gates()), key=lambda row: row[1].passed)  # stable: failed first
    for document, gate in rows:
        counts = Counter(f.severity for f in document.findings if f.verdict != "false-alarm")
        scores = document.scores
        quality = "—" if scores is None or scores.quality is None else f"{scores.quality:.1f}"
        coverage = "—" if scores is None else f"{_share(scores.target_coverage)} / {_share(scores.source_coverage)}"
        verdict = RichText("passed", style="green") if gate.passed else RichText("FAILED", style="bold red")
        table.add_row(data_text(document.id), quality, coverage,
                      *(str(counts[s]) for s in (Severity.CRITICAL, Severity.MAJOR, Severity.MINOR)), verdict)
    parts: list[RenderableType] = [table]
    if report.errors:
        errors = Table(title=f"{len(report.errors)} errored (not checked)", title_justify="left", box=box.SIMPLE_HEAD)
        errors.add_column("article", overflow="fold")
        errors.add_column("reason", overflow="fold")
        for error in report.errors:
            errors.add_row(data_text(error.id), data_text(error.reason))
        parts.append(errors)
    verdict = RichText.from_markup("[bold green]PASSED[/]" if report.gate.passed else "[bold red]FAILED[/]")
    for reason in report.gate.reasons:
        verdict.append("\n• ").append(data_text(reason))
    parts.append(Panel(verdict, title="feed gate", title_align="left", box=box.ROUNDED, expand=False))
    return Group(*parts)


def _share(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"
