"""A Markdown summary of a run, for ``$GITHUB_STEP_SUMMARY`` or a pull-request comment.

One table row per article (quality, coverage, findings by severity, its
gate), the gate's reasons, then the worst findings: most severe first, then
the most confident. GitHub renders HTML inside Markdown, so every piece of
article text is HTML-escaped, and the characters Markdown would read as
syntax (``|``, ``*``, ``_``, backticks, brackets) are escaped too; controls
are shown as escapes (report/inert.py).
"""

from __future__ import annotations

import html
import re
from collections import Counter

from mtcheck.report.inert import inert
from mtcheck.types import Finding, Gate, Report, Severity

WORST = 10  # findings listed under the table
SPAN_CHARS = 60
# Inline syntax inside a table cell (HTML's own characters are escaped as HTML).
_MARKUP = re.compile(r"([\\`*_{}\[\]|~])")


def render_markdown(report: Report) -> str:
    verdict = "passed" if report.gate.passed else "failed"
    lines = [f"## mtcheck: gate {verdict}", "",
             "| article | quality | coverage (target / source) | critical | major | minor | gate |",
             "|---|---:|---:|---:|---:|---:|---|"]
    for document, gate in zip(report.documents, report.gates()):
        counts = Counter(f.severity for f in document.findings if f.verdict != "false-alarm")
        scores = document.scores
        quality = "—" if scores is None else f"{scores.quality:.1f}"
        coverage = "—" if scores is None else f"{_share(scores.target_coverage)} / {_share(scores.source_coverage)}"
        lines.append(f"| {_cell(document.id)} | {quality} | {coverage} | {counts[Severity.CRITICAL]} | "
                     f"{counts[Severity.MAJOR]} | {counts[Severity.MINOR]} | {_gate(gate)} |")
    if report.errors:
        lines += ["", f"### Not checked ({len(report.errors)})", "", "| article | reason |", "|---|---|"]
        lines += [f"| {_cell(error.id)} | {_cell(error.reason)} |" for error in report.errors]
    lines += ["", *(f"- {_cell(reason)}" for reason in report.gate.reasons)]
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


def _gate(gate: Gate) -> str:
    return "passed" if gate.passed else "**failed**"


def _share(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


def _clip(text: str) -> str:
    return text if len(text) <= SPAN_CHARS else text[:SPAN_CHARS] + "…"


def _cell(text: str) -> str:
    """Untrusted text as one table cell: one line, no HTML, no Markdown syntax."""
    one_line = inert(" ".join(str(text).split()), one_line=True)
    # Markdown first, then HTML: an entity's own "#" and ";" must stay as they are.
    return html.escape(_MARKUP.sub(r"\\\1", one_line), quote=True)
