"""The terminal report's findings: the worst ones in context, then page furniture summed up and a count table.

An article with 120 findings, half of them page furniture, must still read
in a terminal, its worst findings on the first screen: findings come worst
first (severity, then confidence, then reading order); every critical and
major one is listed, minor ones only up to ``MINOR_BUDGET`` with a count of
the rest (``--all`` lists them); furniture becomes one line per label
(``--show-furniture`` lists it); ``--min-severity`` leaves out the minor
ones. A finding an editor dismissed (``--verdicts``) is counted in a line,
not listed; a confirmed one says so.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from rich import box
from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text as RichText

from mtcheck.report.inert import inert
from mtcheck.types import Document, Finding, Severity, Span
from mtcheck.views import pair_view_of

SEVERITY_STYLES = {
    Severity.CRITICAL: "bold white on red",
    Severity.MAJOR: "bold red",
    Severity.MINOR: "yellow",
}
MOST_SEVERE_FIRST = tuple(sorted(Severity, key=lambda severity: -severity.rank))
HIGHLIGHT = "bold black on yellow"
CONTEXT = 110  # characters of context shown on each side of a span
# Minor findings listed by default, the most confident first: about 80 lines at 100 columns, so that an article's
# verdict, summary and worst findings fit a few screens; --all lists the rest.
MINOR_BUDGET = 10
# Inserted text a check calls page furniture; the renderer reads only this name and its evidence's label.
FURNITURE_CHECK = "page-furniture"


@dataclass(frozen=True)
class Listing:
    """What the terminal report lists: ``min_severity`` and up, furniture one by one or summed up, every minor
    finding (``list_all``) or the first ``MINOR_BUDGET`` of them."""

    min_severity: Severity = Severity.MINOR
    show_furniture: bool = False
    list_all: bool = False

    def lists(self, finding: Finding) -> bool:
        return finding.severity.rank >= self.min_severity.rank


def findings_section(document: Document, listing: Listing) -> Group:
    findings = document.findings
    dismissed = [f for f in findings if f.verdict == "false-alarm"]
    furniture = [f for f in findings if f.check == FURNITURE_CHECK and f.verdict != "false-alarm" and listing.lists(f)]
    listed = sorted((f for f in findings if f.verdict != "false-alarm" and listing.lists(f)
                     and (listing.show_furniture or f.check != FURNITURE_CHECK)), key=worst_first)
    minor = [f for f in listed if f.severity is Severity.MINOR]
    beyond_budget = 0 if listing.list_all else max(0, len(minor) - MINOR_BUDGET)
    if beyond_budget:
        listed = listed[: len(listed) - beyond_budget]  # minor findings come last, least confident last of all
    blocks: list[RenderableType] = [Rule("Findings, worst first", align="left", style="dim")]
    left_out = sum(1 for f in findings if f.verdict != "false-alarm" and not listing.lists(f))
    notes = []
    if left_out:
        notes.append(f"{left_out} below {listing.min_severity.value} not listed (--min-severity)")
    if dismissed:
        notes.append(f"{len(dismissed)} dismissed by editors' verdicts, not counted by the gate")
    if notes:
        blocks.append(RichText(" · ".join(notes), style="dim"))
    blocks.append(RichText())
    for finding in listed:
        blocks += [_header(finding), _measured(finding), _sides(document, finding), RichText()]
    if beyond_budget:
        blocks += [RichText.assemble(f"… and {beyond_budget} more minor finding{'s' if beyond_budget != 1 else ''}: ",
                                     ("--all", "bold"), " to list them"), RichText()]
    if furniture and not listing.show_furniture:
        blocks += [furniture_lines(furniture), RichText()]
    blocks.append(check_counts(findings))
    return Group(*blocks)


def check_counts(findings: tuple[Finding, ...]) -> Table:
    """One row per check (a merged finding counts for each check that found it), most findings first."""
    counts: dict[str, Counter] = {}
    for finding in findings:
        for check in (finding.check, *finding.also):
            counts.setdefault(check, Counter())[finding.severity] += 1
    table = Table(box=box.SIMPLE_HEAD, title="Findings by check", title_justify="left")
    table.add_column("check")
    for severity in (*MOST_SEVERE_FIRST, None):
        table.add_column(severity.value if severity else "all", justify="right")
    for check, by_severity in sorted(counts.items(), key=lambda kv: (-sum(kv[1].values()), kv[0])):
        table.add_row(data_text(check), *(str(by_severity[s]) for s in MOST_SEVERE_FIRST), str(sum(by_severity.values())))
    return table


def furniture_lines(furniture: list[Finding]) -> RichText:
    """``page furniture · byline: 15 segments, e.g. 'By Jane Doe'``, one line per label."""
    by_label: dict[str, list[Finding]] = {}
    for finding in furniture:
        by_label.setdefault(str(dict(finding.evidence).get("label") or "other"), []).append(finding)
    text = RichText()
    for label, members in sorted(by_label.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        if text:
            text.append("\n")
        example = next((f.target_span.text for f in members if f.target_span), "")
        text.append("page furniture", style="dim").append(" · ").append(data_text(label))
        text.append(f": {len(members)} segment{'s' if len(members) != 1 else ''}")
        if example:
            text.append(", e.g. ").append(data_text(repr(clipped(example, 48))))
    text.append("\n")
    text.append("(--show-furniture lists each one)", style="dim")
    return text


def worst_first(finding: Finding) -> tuple:
    """Most severe, then most confident, then in reading order."""
    span = finding.target_span or finding.source_span
    return (-finding.severity.rank, -finding.confidence, finding.pair if finding.pair is not None else -1,
            span.start if span else -1)


def _header(finding: Finding) -> RichText:
    header = RichText()
    header.append(data_text(f"{finding.id} ", "bold"))
    header.append(finding.severity.value, style=SEVERITY_STYLES[finding.severity])
    header.append(data_text(f"  {', '.join((finding.check, *finding.also))}", "bold"))
    if finding.verdict == "confirmed":
        header.append("  [confirmed by an editor]", style="green")
    header.append(data_text(f"  {finding.category}", "dim"))
    header.append(data_text(f"  {finding.message}", "italic"))
    return header


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
        parts.append(f"{name.replace('_', ' ')} {clipped(shown, 80)}")
    return data_text("   " + " · ".join(parts), "dim")


def _sides(document: Document, finding: Finding) -> Table:
    sides = Table(box=None, expand=True, padding=(0, 2, 0, 3), header_style="dim")
    sides.add_column("translation", ratio=1)
    sides.add_column("source", ratio=1)
    sides.add_row(
        _in_context(document.target.text, pair_range(document, finding.pair, "target"), finding.target_span),
        _in_context(document.source.text, pair_range(document, finding.pair, "source"), finding.source_span),
    )
    return sides


def pair_range(document: Document, pair_index: int | None, side: str) -> tuple[int, int] | None:
    """The text range of a pair on one side, if it has one there."""
    if pair_index is None:
        return None
    view = getattr(pair_view_of(document, document.pairs[pair_index]), side)
    return (view.start, view.end) if view.segments else None


def _in_context(text: str, bounds: tuple[int, int] | None, span: Span | None) -> RichText:
    """The pair's text around the span, with the span highlighted."""
    if bounds is None and span is None:
        return RichText("—", style="dim")
    lo, hi = bounds or (span.start, span.end)
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


def data_text(text: str, style: str = "", *, one_line: bool = True) -> RichText:
    """Untrusted text as a rich ``Text``: never markup, never a terminal control."""
    return RichText(inert(text, one_line=one_line), style=style)


def clipped(text: str, limit: int) -> str:
    # Cut before escaping: the limit counts the article's characters, not the escapes'.
    return text if len(text) <= limit else text[:limit] + "…"
