"""The terminal report of a feed (`mtcheck batch`): the feed's verdict, one row per article, the errored ones.

A feed of hundreds of articles cannot list every finding on a terminal: the
table says which articles to open (``--format html`` writes a review page for
each), worst verdict first (fail, review, pass). Ids, reasons and file names
are data (``data_text``).
"""

from __future__ import annotations

from collections import Counter

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text as RichText

from mtcheck.report.terminal import VERDICT_STYLES, verdict_line, verdict_panel
from mtcheck.report.terminal_findings import SEVERITY_STYLES, data_text
from mtcheck.report.verdict_words import shout, verdict_of, worst_first
from mtcheck.types import Report, Severity


def render_feed_terminal(report: Report, listing=None) -> RenderableType:
    """``listing`` is accepted for the same signature as the single-article report; a feed lists no findings."""
    # Every article the feed names is counted: passed + failed + errored is the feed.
    failed = sum(not gate.passed for gate in report.gates())
    title = (f"mtcheck batch · {len(report.documents) + len(report.errors)} articles: "
             f"{len(report.documents) - failed} passed, {failed} failed, {len(report.errors)} errored")
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("article", overflow="fold")
    table.add_column("quality", justify="right")
    table.add_column("coverage t/s", justify="right")
    for severity in (Severity.CRITICAL, Severity.MAJOR, Severity.MINOR):
        table.add_column(severity.value, justify="right", header_style=SEVERITY_STYLES.get(severity))
    table.add_column("verdict")
    table.add_column("first reason", overflow="fold", ratio=1)
    gates = report.gates()
    for document, gate in ((report.documents[i], gates[i]) for i in worst_first(gates)):
        counts = Counter(f.severity for f in document.findings if f.verdict != "false-alarm")
        scores = document.scores
        quality = "—" if scores is None or scores.quality is None else f"{scores.quality:.1f}"
        coverage = "—" if scores is None else f"{_share(scores.target_coverage)} / {_share(scores.source_coverage)}"
        verdict = RichText(f" {shout(gate)} ", style=VERDICT_STYLES[verdict_of(gate)])
        reason = data_text(gate.reasons[0]) if gate.reasons else RichText("—", style="dim")
        table.add_row(data_text(document.id), quality, coverage,
                      *(str(counts[s]) for s in (Severity.CRITICAL, Severity.MAJOR, Severity.MINOR)), verdict, reason)
    parts: list[RenderableType] = [verdict_panel(report.gate, "feed verdict"), table]
    if report.errors:
        errors = Table(title=f"{len(report.errors)} errored (not checked)", title_justify="left", box=box.SIMPLE_HEAD)
        errors.add_column("article", overflow="fold")
        errors.add_column("reason", overflow="fold")
        for error in report.errors:
            errors.add_row(data_text(error.id), data_text(error.reason))
        parts.append(errors)
    parts.append(verdict_line(report.gate))
    return Group(*parts)


def _share(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"
