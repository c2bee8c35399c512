"""GitHub Actions workflow commands: each finding an annotation on the line it is on.

    ::error file=article.txt,line=3,col=12,endLine=3,endColumn=20,title=numbers (major)::'17' ...

The first line is the verdict with its reasons: ``::error`` for fail,
``::warning`` for review, ``::notice`` for pass (and ``::error`` for any
verdict that fails the gate, as review does under ``--fail-on review``). A run
of several articles then gives each article that did not pass its own verdict
line, on its target file. Then the findings: major and critical ones are
``::error``, minor ones ``::warning``; a finding an editor dismissed
(``--verdicts``) gives none. A finding points into the target file, or the
source file for an omission; where the text came from stdin or a pairs file,
the annotation names no file.

GitHub reads commands from the log line by line, so every value is escaped as
its runner expects (``%``, CR and LF; in properties also ``:`` and ``,``), and
terminal controls are shown as escapes (report/inert.py): an article cannot
end its annotation and start a command of its own.
"""

from __future__ import annotations

from typing import Iterator

from mtcheck.report.inert import inert
from mtcheck.report.locations import LineIndex, pointed_at
from mtcheck.report.verdict_words import ACTION, failing_note, shout, verdict_of
from mtcheck.types import ArticleVerdict, Document, Finding, Gate, Report, Severity

LEVELS = {Severity.CRITICAL: "error", Severity.MAJOR: "error", Severity.MINOR: "warning"}
VERDICT_LEVELS = {ArticleVerdict.FAIL: "error", ArticleVerdict.REVIEW: "warning", ArticleVerdict.PASS: "notice"}


def render_github(report: Report) -> str:
    return "".join(iter_github(report))


def iter_github(report: Report) -> Iterator[str]:
    yield _verdict(report.gate, None, "") + "\n"
    if len(report.documents) > 1:
        for document, gate in zip(report.documents, report.gates()):
            if verdict_of(gate) is not ArticleVerdict.PASS or not gate.passed:
                yield _verdict(gate, document.target.path, f"{document.id}: ") + "\n"
    for document in report.documents:
        lines = {"target": LineIndex(document.target.text), "source": LineIndex(document.source.text)}
        for finding in document.findings:
            if finding.verdict != "false-alarm":
                yield _annotation(document, finding, lines) + "\n"
    for error in report.errors:  # a feed's articles that could not be checked, on their target file
        where = f"file={_property(error.target)}," if error.target else ""
        yield f"::error {where}title=mtcheck: article not checked::{_data(f'{error.id}: {error.reason}')}\n"


def _verdict(gate: Gate, path: str | None, named: str) -> str:
    """``::warning title=mtcheck verdict REVIEW::route to an editor — <reasons>``, on ``path`` when given."""
    level = "error" if not gate.passed else VERDICT_LEVELS[verdict_of(gate)]
    where = f"file={_property(path)}," if path else ""
    title = _property(f"mtcheck verdict {shout(gate)}{failing_note(gate)}")
    reasons = f" — {'; '.join(gate.reasons)}" if gate.reasons else ""
    return f"::{level} {where}title={title}::{_data(named + ACTION[verdict_of(gate)] + reasons)}"


def _annotation(document: Document, finding: Finding, lines: dict[str, LineIndex]) -> str:
    # On the target where it has a span there, else on the source (an omission); with no span, on the target file.
    side, span = pointed_at(finding)
    path = (document.target if side == "target" else document.source).path
    properties = []
    if path is not None:
        properties.append(("file", path))
        if span is not None:
            line, col = lines[side].line_col(span.start)
            end_line, end_col = lines[side].line_col(max(span.end - 1, span.start))
            properties += [("line", line), ("col", col), ("endLine", end_line), ("endColumn", end_col)]
    checks = ", ".join((finding.check, *finding.also))
    properties.append(("title", f"{checks} ({finding.severity.value})"))
    where = "" if path is not None else f"{document.id}: "
    quoted = f"'{span.text}' " if span is not None else ""
    message = f"{where}{quoted}{finding.message} [{finding.category}, confidence {finding.confidence:.2f}]"
    shown = ",".join(f"{name}={_property(str(value))}" for name, value in properties)
    return f"::{LEVELS[finding.severity]} {shown}::{_data(message)}"


def _data(text: str) -> str:
    return inert(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
