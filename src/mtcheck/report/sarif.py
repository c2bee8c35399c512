"""SARIF 2.1.0: findings as static-analysis results, for GitHub code scanning and other SARIF viewers.

One run. ``tool.driver.rules`` describes each check that ran (``Report.checks``),
plus a minimal rule for any check a finding names that is not among them. Each
finding is a result on its span: in the target file, or in the source file for
an omission. Where the text has no file (stdin, a pairs file) the result names
the document as a logical location instead. A finding an editor dismissed
(``--verdicts``) stays, with an external suppression: SARIF viewers hide
suppressed results but keep them, as mtcheck's own report does.

Lines and columns are 1-based and count Unicode code points (``columnKind``
says so; SARIF's default is UTF-16 code units), and ``endColumn`` is the column
just after the span, as SARIF wants. ``charOffset`` and ``charLength`` index
the decoded text, whose newlines are ``\\n`` (report/locations.py): in a file
with CRLF newlines they do not count bytes or raw characters, lines and
columns still match.

The run's ``properties`` lead with its verdict (``gate``: ``verdict``,
``passed``, ``reasons``), then each article's own (``articles``, in document
order), then the report signature. A batch's articles that could not be
checked (``Report.errors``) are error notifications of the invocation.

Strings are the data itself: ``snippet.text`` is the span's text exactly, so a
viewer can match it against the file. The JSON escapes the terminal and bidi
controls that ``ensure_ascii=False`` would leave raw, like the JSON report
(report/json.py), and messages, which viewers show to a person, show them as
visible escapes (report/inert.py).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from mtcheck import __version__
from mtcheck.report.inert import inert
from mtcheck.report.json import inert_json
from mtcheck.report.locations import LineIndex, pointed_at
from mtcheck.report.verdict_words import verdict_of
from mtcheck.types import ArticleError, CheckInfo, Document, Finding, Gate, Report, Severity, Span

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.CRITICAL: "error", Severity.MAJOR: "error", Severity.MINOR: "warning"}
FINGERPRINT = "mtcheck/v1"  # the partialFingerprints key: bump the version if the fingerprint ever changes meaning
DISMISSED = {"kind": "external", "justification": "false alarm (editor's verdict)"}


def render_sarif(report: Report) -> str:
    rules, rule_index = _rules(report)
    results = []
    for document in report.documents:
        lines = _Lines(document)
        results += [_result(document, finding, rule_index[finding.check], lines) for finding in document.findings]
    invocation: dict[str, Any] = {
        # True even when some articles errored: the tool ran to completion and accounts for every article, the
        # ones it could not check as error notifications beside it, which is how SARIF reports a target a tool
        # could not analyse. False says the tool itself failed, and a consumer may then set the whole run aside,
        # the results of the articles that were checked with it.
        "executionSuccessful": True,
    }
    if report.errors:
        invocation["toolExecutionNotifications"] = [_notification(error) for error in report.errors]
    run = {
        "tool": {"driver": {"name": "mtcheck", "version": __version__, "rules": rules}},
        "invocations": [invocation],
        "columnKind": "unicodeCodePoints",
        "results": results,
        "properties": {
            "gate": _gate(report.gate),
            "articles": [{"document": document.id, **_gate(gate)}
                         for document, gate in zip(report.documents, report.gates())],
            "signature": report.signature,
        },
    }
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return inert_json(json.dumps(log, indent=2, ensure_ascii=False)) + "\n"


def _gate(gate: Gate) -> dict[str, Any]:
    # Reasons are data, as in the JSON report: exact once decoded, their controls escaped in the file.
    return {"verdict": verdict_of(gate).value, "passed": gate.passed, "reasons": list(gate.reasons)}


def rule_name(check: str) -> str:
    """``clause-omission`` -> ``ClauseOmission``: SARIF's rule names are identifiers, check names are not."""
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^0-9A-Za-z]+", check) if part)


def _rules(report: Report) -> tuple[list[dict[str, Any]], dict[str, int]]:
    rules: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    for check in report.checks:
        if check.name not in index:
            index[check.name] = len(rules)
            rules.append(_rule(check))
    # A report read back or built by hand may name checks it does not describe: each result still needs its rule.
    # GitHub code scanning requires all three descriptions of a rule, so even this one has them.
    for document in report.documents:
        for finding in document.findings:
            if finding.check not in index:
                index[finding.check] = len(rules)
                described = {"text": f"{finding.check} (MQM category: {finding.category})"}
                rules.append({"id": finding.check, "shortDescription": described, "fullDescription": described,
                              "help": described})
    return rules, index


def _rule(check: CheckInfo) -> dict[str, Any]:
    summary = check.summary or f"The {check.name} check."
    described = f"{summary} MQM category: {check.category}."
    return {
        "id": check.name,
        "name": rule_name(check.name),
        "shortDescription": {"text": summary},
        "fullDescription": {"text": described},
        "help": {"text": described},
        "defaultConfiguration": {"level": LEVELS[check.severity]},
        "properties": {"category": check.category, "severity": check.severity.value},
    }


class _Lines:
    """A document's line index per side, built when a finding first points there."""

    def __init__(self, document: Document):
        self._texts = {"target": document.target.text, "source": document.source.text}
        self._indexes: dict[str, LineIndex] = {}

    def __getitem__(self, side: str) -> LineIndex:
        if side not in self._indexes:
            self._indexes[side] = LineIndex(self._texts[side])
        return self._indexes[side]


def _result(document: Document, finding: Finding, rule_index: int, lines: _Lines) -> dict[str, Any]:
    # On the target where it has a span there, else on the source (an omission); with no span, on the target.
    side, span = pointed_at(finding)
    quoted = "" if span is None else f"{'source: ' if side == 'source' else ''}'{span.text}' "
    result: dict[str, Any] = {
        "ruleId": finding.check,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        # Code scanning takes the message as the alert's title and refuses an empty one.
        "message": {"text": inert(quoted + finding.message, one_line=True) or finding.check or "finding"},
        "locations": [_location(document, side, span, lines)],
    }
    if finding.fingerprint:
        result["partialFingerprints"] = {FINGERPRINT: finding.fingerprint}
    if finding.verdict == "false-alarm":
        result["suppressions"] = [dict(DISMISSED)]
    properties: dict[str, Any] = {
        "confidence": round(finding.confidence, 3),
        "category": finding.category,
        "severity": finding.severity.value,
        "checks": [finding.check, *finding.also],
        "document": document.id,
        "id": finding.id,
    }
    if finding.verdict is not None:
        properties["verdict"] = finding.verdict
    result["properties"] = properties
    return result


def _location(document: Document, side: str, span: Span | None, lines: _Lines) -> dict[str, Any]:
    path = (document.target if side == "target" else document.source).path
    if path is None:
        return {"logicalLocations": [{"name": document.id, "kind": "module"}]}
    physical: dict[str, Any] = {"artifactLocation": {"uri": file_uri(path)}}
    if span is not None:
        physical["region"] = _region(span, lines[side])
    return {"physicalLocation": physical}


def _region(span: Span, lines: LineIndex) -> dict[str, Any]:
    start_line, start_column = lines.line_col(span.start)
    # SARIF's end is exclusive: the position of the character after the span (an empty span is an insertion point).
    end_line, end_column = lines.line_col(span.end)
    return {
        "startLine": start_line,
        "startColumn": start_column,
        "endLine": end_line,
        "endColumn": end_column,
        "charOffset": span.start,
        "charLength": span.end - span.start,
        "snippet": {"text": span.text},
    }


def _notification(error: ArticleError) -> dict[str, Any]:
    notification: dict[str, Any] = {"level": "error", "message": {"text": inert(f"{error.id}: {error.reason}",
                                                                              one_line=True)}}
    path = error.target if error.target is not None else error.source
    if path is not None:
        notification["locations"] = [{"physicalLocation": {"artifactLocation": {"uri": file_uri(path)}}}]
    return notification


def file_uri(path: str) -> str:
    """A file path as a URI reference: relative paths stay relative (code scanning resolves them against the
    checkout), absolute ones become ``file:`` URIs; spaces, ``%``, ``#``, ``:``, controls and non-ASCII are
    percent-encoded, so an odd file name can neither break the URI nor carry a control into it."""
    pure = PurePath(path)
    if pure.is_absolute():
        try:
            return pure.as_uri()
        except (UnicodeEncodeError, ValueError):
            pass  # a lone surrogate the file system cannot encode: quoted below like any other character
    quoted = quote(_path_bytes(pure.as_posix()), safe="/")
    return f"file://{quoted}" if pure.is_absolute() else quoted


def _path_bytes(path: str) -> bytes:
    try:
        return os.fsencode(path)  # a name's undecodable bytes come back as they were on disk
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogatepass")  # a lone surrogate no file system wrote: any bytes will do
