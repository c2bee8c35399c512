"""The rich terminal report: a summary panel, then every finding in context.

``render_terminal`` returns a renderable; the caller picks the console, so
tests render into ``Console(file=StringIO(), width=...)``.

Article text, ids, file names, messages and gate reasons are data: each goes
into rich as a ``Text`` (rich parses a plain ``str`` cell or title as markup)
after ``inert`` (report/inert.py) turned its controls into visible escapes.
Only the fixed labels written here use markup.
"""

from __future__ import annotations

from collections import Counter

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text as RichText

from mtcheck.report.inert import inert
from mtcheck.types import Document, Finding, Pair, Report, Segment, Severity, Span

SEVERITY_STYLES = {
    Severity.CRITICAL: "bold white on red",
    Severity.MAJOR: "bold red",
    Severity.MINOR: "yellow",
}
HIGHLIGHT = "bold black on yellow"
CONTEXT = 110  # characters of context shown on each side of a span
WEAKEST_PAIRS = 8
PAIR_ID_CHARS = 24  # a longer --pairs id is cut, so the pair column cannot squeeze out the text


def render_terminal(report: Report) -> RenderableType:
    parts: list[RenderableType] = []
    for document in report.documents:
        parts.append(_summary(document))
        scored = [p for p in document.pairs if p.source and p.target and p.scores is not None]
        if scored:
            parts.append(_weakest_pairs(document, scored))
        if document.findings:
            parts.append(_findings(document))
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
        if scores.target_coverage is not None and scores.source_coverage is not None:
            grid.add_row(
                "coverage",
                f"{scores.target_coverage:.0%} of the target has a source · "
                f"{scores.source_coverage:.0%} of the source reaches the target",
            )
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
    title = RichText.assemble(("mtcheck", "bold"), " · ", _data(document.id))
    return Panel(grid, title=title, title_align="left", box=box.ROUNDED)


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
        name = RichText(f"{pair.index} ({pair.kind})")
        if pair.id is not None:
            name.append(" ").append(_data(_clip(pair.id, PAIR_ID_CHARS)))
        table.add_row(
            name,
            f"{scores.quality:.1f}",
            f"{scores.chrf:.1f}",
            _maybe(scores.similarity, ".3f"),
            _maybe(scores.fluency, ".3f"),
            _maybe(scores.given_source, ".2f"),
            _data(_clip(text, 2 * CONTEXT), one_line=False),
        )
    return table


def _data(text: str, style: str = "", *, one_line: bool = True) -> RichText:
    """Untrusted text as a rich ``Text``: never markup, never a terminal control."""
    return RichText(inert(text, one_line=one_line), style=style)


def _clip(text: str, limit: int) -> str:
    # Cut before escaping: the limit counts the article's characters, not the escapes'.
    return text if len(text) <= limit else text[:limit] + "…"


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


def _findings(document: Document) -> Group:
    blocks: list[RenderableType] = [Rule("Findings", align="left", style="dim")]
    for finding in document.findings:
        header = RichText()
        header.append(_data(f"{finding.id} ", "bold"))
        header.append(finding.severity.value, style=SEVERITY_STYLES[finding.severity])
        header.append(_data(f"  {finding.check}", "bold"))
        if finding.also:
            header.append(_data(f" (also {', '.join(finding.also)})", "dim"))
        header.append(_data(f"  {finding.category}", "dim"))
        header.append(_data(f"  {finding.message}", "italic"))
        sides = Table(box=None, expand=True, padding=(0, 2, 0, 3), header_style="dim")
        sides.add_column("translation", ratio=1)
        sides.add_column("source", ratio=1)
        sides.add_row(
            _in_context(document.target.text, _pair_span(document, finding, "target"), finding.target_span),
            _in_context(document.source.text, _pair_span(document, finding, "source"), finding.source_span),
        )
        blocks += [header, _measured(finding), sides, RichText()]
    return Group(*blocks)


def _measured(finding: Finding) -> RichText:
    """The finding's confidence and evidence, as the check gave them: "confidence 0.60 · rule clean cut · …"."""
    parts = [f"confidence {finding.confidence:.2f}"]
    for name, value in finding.evidence:
        if value is None:
            continue
        if isinstance(value, bool):
            shown = "yes" if value else "no"
        else:
            shown = ", ".join(map(str, value)) if isinstance(value, tuple) else str(value)
        parts.append(f"{name.replace('_', ' ')} {_clip(shown, 80)}")
    return _data("   " + " · ".join(parts), "dim")


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
    # Each piece is escaped on its own, so the highlight covers exactly the
    # span's characters however many of them turn into longer escapes.
    shown = RichText("…" if window[0] > lo else "")
    if span is None:
        shown.append(inert(text[window[0] : window[1]]))
    else:
        shown.append(inert(text[window[0] : span.start]))
        shown.append(inert(text[span.start : span.end]), style=HIGHLIGHT)
        shown.append(inert(text[span.end : window[1]]))
    shown.append("…" if window[1] < hi else "")
    return shown


def _gate(report: Report) -> Panel:
    verdict = "[bold green]PASSED[/]" if report.gate.passed else "[bold red]FAILED[/]"
    body = RichText.from_markup(verdict)
    for reason in report.gate.reasons:
        body.append("\n• ").append(_data(reason))
    return Panel(body, title="gate", title_align="left", box=box.ROUNDED, expand=False)
