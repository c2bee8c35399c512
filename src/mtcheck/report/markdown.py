"""A Markdown summary of a run, for ``$GITHUB_STEP_SUMMARY`` or a pull-request comment.

The run's verdict and its reasons first (``## mtcheck: REVIEW — route to an
editor``), then one table row per article, worst verdict first (its verdict,
with its reasons when there are several articles, quality, coverage, findings
by severity), then the worst findings: most severe first, then the most
confident. GitHub renders HTML inside Markdown, so every piece of
article text is HTML-escaped, and the characters Markdown would read as
syntax (``|``, ``*``, ``_``, backticks, brackets) are escaped too; controls
are shown as escapes (report/inert.py).
"""

from __future__ import annotations

import html
import re
from collections import Counter

from mtcheck.report.inert import inert
from mtcheck.report.verdict_words import action, failing_note, shout, verdict_of, worst_first
from mtcheck.types import ArticleVerdict, Finding, Gate, Report, Severity

WORST = 10  # findings listed under the table
SPAN_CHARS = 60
# Inline syntax inside a table cell (HTML's own characters are escaped as HTML).
_MARKUP = re.compile(r"([\\`*_{}\[\]|~])")


def render_markdown(report: Report) -> str:
    lines = [f"## mtcheck: {shout(report.gate)} — {_cell(action(report.gate))}", ""]
    if report.gate.reasons:
        lines += [*(f"- {_cell(reason)}" for reason in report.gate.reasons), ""]
    # Several articles: each one's own reasons beside its verdict (the run's reasons may only count them).
    several = len(report.documents) > 1
    why = (" why |", "---|") if several else ("", "")
    lines += [f"| article | verdict |{why[0]} quality | coverage (target / source) | critical | major | minor |",
              f"|---|---|{why[1]}---:|---:|---:|---:|---:|"]
    gates = report.gates()
    for index in worst_first(gates):
        document, gate = report.documents[index], gates[index]
        counts = Counter(f.severity for f in document.findings if f.verdict != "false-alarm")
        scores = document.scores
        quality = "—" if scores is None else f"{scores.quality:.1f}"
        coverage = "—" if scores is None else f"{_share(scores.target_coverage)} / {_share(scores.source_coverage)}"
        reasons = f" {_reasons(gate)} |" if several else ""
        lines.append(f"| {_cell(document.id)} | {_verdict(gate)} |{reasons} {quality} | {coverage} | "
                     f"{counts[Severity.CRITICAL]} | {counts[Severity.MAJOR]} | {counts[Severity.MINOR]} |")
    if report.errors:
        lines += ["", f"### Not checked ({len(report.errors)})", "", "| article | reason |", "|---|---|"]
        lines += [f"| {_cell(error.id)} | {_cell(error.reason)} |" for error in report.errors]
    worst = sorted(((d.id, f) for d in report.documents for f in d.findings if f.verdict != "false-alarm"),
                   key=lambda pair: (-pair[1].severity.rank, -pair[1].confidence))[:WORST]
    if worst:
        lines += ["", f"### Worst findings ({len(worst)} shown)", "",
                  "| article | severity | check | text | message | confidence |", "|---|---|---|---|---|---:|"]
        lines += [_finding_row(doc_id, finding) for doc_id, finding in worst]
    dismissed = sum(f.verdict == "false-alarm" for d in report.documents for f in d.findings)
    if dismissed:
        lines += ["", f"{dismissed} finding{'s' if dismissed != 1 else ''} dismissed by editors' verdicts."]
    lines += ["", f"<sub>{_cell(report.signature)}</sub>", ""]
    return "\n".join(lines)


def _finding_row(doc_id: str, finding: Finding) -> str:
    span = finding.target_span or finding.source_span
    text = "—" if span is None else _cell(_clip(span.text))
    if span is not None and finding.target_span is None:
        text = f"source: {text}"
    checks = ", ".join((finding.check, *finding.also))
    return (f"| {_cell(doc_id)} | {finding.severity.value} | {_cell(checks)} | {text} | {_cell(finding.message)} | "
            f"{finding.confidence:.2f} |")


def _verdict(gate: Gate) -> str:
    """``**FAIL**``, ``**REVIEW**`` (``**REVIEW** (fails the gate)`` under ``--fail-on review``) or ``PASS``."""
    shown = shout(gate) if verdict_of(gate) is ArticleVerdict.PASS else f"**{shout(gate)}**"
    return shown + failing_note(gate)


def _reasons(gate: Gate) -> str:
    """A verdict short of pass says why; a pass says nothing (its reasons only list the thresholds met)."""
    return "—" if verdict_of(gate) is ArticleVerdict.PASS else _cell("; ".join(gate.reasons)) or "—"


def _share(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


def _clip(text: str) -> str:
    return text if len(text) <= SPAN_CHARS else text[:SPAN_CHARS] + "…"


def _cell(text: str) -> str:
    """Untrusted text as one table cell: one line, no HTML, no Markdown syntax."""
    one_line = inert(" ".join(str(text).split()), one_line=True)
    # Markdown first, then HTML: an entity's own "#" and ";" must stay as they are.
    return html.escape(_MARKUP.sub(r"\\\1", one_line), quote=True)
