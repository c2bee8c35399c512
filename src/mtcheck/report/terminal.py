"""The rich terminal report: the verdict and its reasons, a summary, the worst findings in context.

The first screen answers what an editor asks first: publish, review or
retranslate, and why. The verdict panel leads, then each document's summary
and its findings, worst first (terminal_findings.py: every critical and major
finding, the most confident minor ones up to a budget, ``--all`` for the
rest), then the counts per check and the weakest pairs. A last line repeats
the verdict for whoever reads the end of the output first.

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
from rich.table import Table
from rich.text import Text as RichText

from mtcheck.report.terminal_findings import MOST_SEVERE_FIRST, SEVERITY_STYLES, Listing, clipped, data_text, findings_section
from mtcheck.report.verdict_words import action, shout, verdict_of
from mtcheck.types import ArticleVerdict, Document, Finding, Gate, Pair, Report
from mtcheck.views import pair_view_of

WEAKEST_PAIRS = 5
REASONS_SHOWN = 10  # of a run of many articles, whose reasons name each one that did not pass; --all shows all
PAIR_ID_CHARS = 24  # a longer --pairs id is cut, so the pair column cannot squeeze out the text
PAIR_TEXT_CHARS = 100  # of each side of a weakest pair: enough to recognise it, short enough for 80 columns


VERDICT_STYLES = {
    ArticleVerdict.FAIL: "bold white on red",
    ArticleVerdict.REVIEW: "bold black on yellow",
    ArticleVerdict.PASS: "bold white on green",
}


def render_terminal(report: Report, listing: Listing = Listing()) -> RenderableType:
    parts: list[RenderableType] = [verdict_panel(report.gate, "verdict", None if listing.list_all else REASONS_SHOWN)]
    several = len(report.documents) > 1
    for document, gate in zip(report.documents, report.gates()):
        parts.append(_summary(document, gate if several else None))
        if document.findings:
            parts.append(findings_section(document, listing))
        scored = [p for p in document.pairs if p.source and p.target and p.scores is not None]
        if scored:
            parts.append(_weakest_pairs(document, scored))
    parts.append(verdict_line(report.gate))
    return Group(*parts)


def verdict_panel(gate: Gate, title: str, most: int | None = None) -> Panel:
    """``FAIL  do not publish: retranslate`` in the verdict's colour, then its reasons (the first ``most`` of
    them), one a line, worst first."""
    return Panel(_verdict_body(gate, most), title=title, title_align="left", box=box.ROUNDED, expand=False)


def verdict_line(gate: Gate) -> RichText:
    """The closing line: the verdict again, where a scrolled terminal shows it."""
    count = len(gate.reasons)
    text = RichText.assemble(("verdict ", "bold"), (f" {shout(gate)} ", VERDICT_STYLES[verdict_of(gate)]))
    if count:
        text.append(f" ({count} reason{'s' if count != 1 else ''} at the top)", style="dim")
    return text


def _verdict_body(gate: Gate, most: int | None = None) -> Group:
    """The verdict's word in its colour and what it asks for, then one bullet per reason (a long one hangs)."""
    headline = RichText.assemble((f" {shout(gate)} ", VERDICT_STYLES[verdict_of(gate)]), "  ", (action(gate), "bold"))
    shown = gate.reasons if most is None else gate.reasons[:most]
    reasons = Table.grid(padding=(0, 1, 0, 0))
    reasons.add_column(no_wrap=True)
    reasons.add_column()
    for reason in shown:
        reasons.add_row("•", data_text(reason))
    parts: list[RenderableType] = [headline, reasons] if shown else [headline]
    if len(shown) < len(gate.reasons):
        parts.append(RichText.assemble((f"… and {len(gate.reasons) - len(shown)} more reasons: ", "dim"),
                                       ("--all", "bold"), (" to list them", "dim")))
    return Group(*parts)


def _summary(document: Document, gate: Gate | None = None) -> Panel:
    scores = document.scores
    grid = Table.grid(padding=(0, 3))
    grid.add_column(style="bold")
    grid.add_column()
    if gate is not None:  # one of several documents: its own verdict, which the run's panel only sums up
        grid.add_row("verdict", _verdict_body(gate))
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
    title = RichText.assemble(("mtcheck", "bold"), " · ", data_text(document.id))
    return Panel(grid, title=title, title_align="left", box=box.ROUNDED)


def _weakest_pairs(document: Document, pairs: list[Pair]) -> Table:
    """The aligned pairs an editor should read first (lowest quality, then similarity): the scores in one
    narrow column, the source and the translation one above the other, so each keeps most of the width."""
    weakest = sorted(pairs, key=lambda p: (p.scores.quality, p.scores.similarity or 1.0))[:WEAKEST_PAIRS]
    table = Table(box=box.SIMPLE_HEAD, title=f"Weakest of {len(pairs)} aligned pairs", title_justify="left",
                  expand=True, show_lines=False, padding=(0, 1))
    table.add_column("pair", no_wrap=True)
    table.add_column("scores", no_wrap=True)
    table.add_column("text (src, tgt)", ratio=1)
    for pair in weakest:
        scores = pair.scores
        name = RichText(f"{pair.index} ({pair.kind})")
        if pair.id is not None:
            name.append("\n").append(data_text(clipped(pair.id, PAIR_ID_CHARS)))
        numbers = [f"q {scores.quality:.1f}", f"chrF {scores.chrf:.1f}"]
        if scores.similarity is not None:
            numbers.append(f"sim {scores.similarity:.3f}")
        if scores.fluency is not None:
            numbers.append(f"flu {scores.fluency:.3f}")
        if scores.given_source is not None:
            numbers.append(f"bits|src {scores.given_source:.2f}")
        view = pair_view_of(document, pair)
        texts = RichText()
        for label, side in (("src ", view.source), ("tgt ", view.target)):
            if texts:
                texts.append("\n")
            texts.append(label, style="dim").append(data_text(clipped(" ".join(side.text.split()), PAIR_TEXT_CHARS)))
        table.add_row(name, "\n".join(numbers), texts)
    return table


def _maybe(value: float | None, spec: str) -> str:
    return "—" if value is None else format(value, spec)


def _severity_counts(findings: tuple[Finding, ...]) -> RichText:
    counts = Counter(finding.severity for finding in findings)
    text = RichText()
    for severity in MOST_SEVERE_FIRST:
        if text:
            text.append(" · ")
        text.append(f"{counts[severity]} {severity.value}", style=SEVERITY_STYLES[severity])
    return text
