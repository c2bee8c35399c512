"""The rich terminal report: a summary panel, then every finding in context.

``render_terminal`` returns a renderable; the caller picks the console, so
tests render into ``Console(file=StringIO(), width=...)``.
"""

from __future__ import annotations

from collections import Counter

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text as RichText

from mtcheck.report.json import finding_ids
from mtcheck.types import Document, Finding, Pair, Report, Segment, Severity, Span

SEVERITY_STYLES = {
    Severity.CRITICAL: "bold white on red",
    Severity.MAJOR: "bold red",
    Severity.MINOR: "yellow",
}
CONTEXT = 110  # characters of context shown on each side of a span
WEAKEST_PAIRS = 8


def render_terminal(report: Report) -> RenderableType:
    ids = finding_ids(report)
    parts: list[RenderableType] = []
    for document in report.documents:
        parts.append(_summary(document))
        scored = [p for p in document.pairs if p.source and p.target and p.scores is not None]
        if scored:
            parts.append(_weakest_pairs(document, scored))
        if document.findings:
            parts.append(_findings(document, ids))
    parts.append(_gate(report))
    return Group(*parts)


def _summary(document: Document) -> Panel:
    scores = document.scores
    grid = Table.grid(padding=(0, 3))
    grid.add_column(style="bold")
    grid.add_column()
    if scores is not None:
        grid.add_row("quality", f"[bold]{scores.quality:.1f}[/] / 100")
        grid.add_row("chrF · BLEU · TER", f"{scores.chrf:.1f} · {scores.bleu:.1f} · {scores.ter:.1f}")
        grid.add_row("MQM penalty", f"{scores.mqm_penalty:.2f} per 100 words")
        if scores.similarity is not None:
            grid.add_row(
                "similarity · fluency",
                f"{scores.similarity:.3f} · {_maybe(scores.fluency, '.3f')}"
                f"   (contrast {_maybe(scores.contrast, '+.2f')} bits/token against the source)",
            )
            grid.add_row("read after source", f"{_maybe(scores.given_source, '.2f')} bits/token the source does not explain")
    kinds = Counter(pair.kind for pair in document.pairs)
    grid.add_row(
        "segments · pairs",
        f"{len(document.source_segments)} source · {len(document.target_segments)} target · "
        f"{len(document.pairs)} pairs ({', '.join(f'{k} ×{n}' for k, n in sorted(kinds.items()))})",
    )
    grid.add_row("findings", _severity_counts(document.findings))
    return Panel(grid, title=f"[bold]mtcheck[/] · {document.id}", title_align="left", box=box.ROUNDED)


def _weakest_pairs(document: Document, pairs: list[Pair]) -> Table:
    """The aligned pairs an editor should read first: lowest quality, then similarity."""
    weakest = sorted(pairs, key=lambda p: (p.scores.quality, p.scores.similarity or 1.0))[:WEAKEST_PAIRS]
    table = Table(box=box.SIMPLE_HEAD, title=f"Weakest of {len(pairs)} aligned pairs", title_justify="left", expand=True)
    table.add_column("pair", no_wrap=True)
    for name in ("quality", "chrF", "similarity", "fluency", "bits|src"):
        table.add_column(name, justify="right", no_wrap=True)
    table.add_column("translation", ratio=1)
    for pair in weakest:
        scores = pair.scores
        first, last = document.target_segments[pair.target[0]], document.target_segments[pair.target[-1]]
        text = document.target.text[first.start : last.end]
        table.add_row(
            f"{pair.index} ({pair.kind})",
            f"{scores.quality:.1f}",
            f"{scores.chrf:.1f}",
            _maybe(scores.similarity, ".3f"),
            _maybe(scores.fluency, ".3f"),
            _maybe(scores.given_source, ".2f"),
            text if len(text) <= 2 * CONTEXT else text[: 2 * CONTEXT] + "…",
        )
    return table


def _maybe(value: float | None, spec: str) -> str:
    return "—" if value is None else format(value, spec)


def _severity_counts(findings: tuple[Finding, ...]) -> RichText:
    counts = Counter(finding.severity for finding in findings)
    text = RichText()
    for severity in (Severity.CRITICAL, Severity.MAJOR, Severity.MINOR):
        if text:
            text.append(" · ")
        text.append(f"{counts[severity]} {severity.value}", style=SEVERITY_STYLES[severity])
    return text


def _findings(document: Document, ids: dict[int, str]) -> Group:
    blocks: list[RenderableType] = [Rule("Findings", align="left", style="dim")]
    for finding in document.findings:
        header = RichText()
        header.append(f"{ids[id(finding)]} ", style="bold")
        header.append(finding.severity.value, style=SEVERITY_STYLES[finding.severity])
        header.append(f"  {finding.check}", style="bold")
        header.append(f"  {finding.category}", style="dim")
        header.append(f"  {finding.message}", style="italic")
        sides = Table(box=None, expand=True, padding=(0, 2, 0, 3), header_style="dim")
        sides.add_column("translation", ratio=1)
        sides.add_column("source", ratio=1)
        sides.add_row(
            _in_context(document.target.text, _pair_span(document, finding, "target"), finding.target_span),
            _in_context(document.source.text, _pair_span(document, finding, "source"), finding.source_span),
        )
        blocks += [header, sides, RichText()]
    return Group(*blocks)


def _pair_span(document: Document, finding: Finding, side: str) -> tuple[int, int] | None:
    """The text range of the finding's pair on one side, if it has one."""
    if finding.pair is None:
        return None
    pair = document.pairs[finding.pair]
    indices = pair.target if side == "target" else pair.source
    segments: tuple[Segment, ...] = document.target_segments if side == "target" else document.source_segments
    if not indices:
        return None
    return segments[indices[0]].start, segments[indices[-1]].end


def _in_context(text: str, pair_range: tuple[int, int] | None, span: Span | None) -> RichText:
    """The pair's text around the span, with the span highlighted."""
    if pair_range is None and span is None:
        return RichText("—", style="dim")
    lo, hi = pair_range or (span.start, span.end)
    if span is None:
        window = (lo, min(hi, lo + 2 * CONTEXT))
    else:
        lo, hi = min(lo, span.start), max(hi, span.end)
        window = (max(lo, span.start - CONTEXT), min(hi, span.end + CONTEXT))
    prefix = "…" if window[0] > lo else ""
    shown = RichText(prefix + text[window[0] : window[1]] + ("…" if window[1] < hi else ""))
    if span is not None:
        offset = len(prefix) - window[0]
        shown.stylize("bold black on yellow", span.start + offset, span.end + offset)
    return shown


def _gate(report: Report) -> Panel:
    verdict = "[bold green]PASSED[/]" if report.gate.passed else "[bold red]FAILED[/]"
    body = RichText.from_markup(verdict)
    for reason in report.gate.reasons:
        body.append(f"\n• {reason}")
    return Panel(body, title="gate", title_align="left", box=box.ROUNDED, expand=False)
