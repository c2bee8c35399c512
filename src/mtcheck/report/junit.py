"""JUnit XML: one test case per article, for CI systems that show test results (Jenkins, GitLab, Azure).

One ``<testsuites>`` holding one ``<testsuite name="mtcheck">`` whose
properties are the whole report's verdict, its gate, each article to review
and the signature, then a
``<testcase name="<article id>" classname="mtcheck" status="<verdict>">`` per
article, with a ``<system-out>`` whose first line is its verdict and why, then
its findings by severity (tests/test_report_junit_sarif.py shows a whole file).

A document whose own gate (``Report.gates``) fails is a failure: its verdict
is ``fail`` (or ``review`` under ``--fail-on review``); its text lists the
findings that fail gates, major and critical, one line each with the line:col
they start at. A ``review`` that does not fail the gate is a passed test case
that says ``review`` and why in its ``status`` and its ``<system-out>``, and
the suite has a ``mtcheck.review`` property naming it and why (the Jenkins
schema gives a test case no properties of its own). A batch's articles that
could not be checked (``Report.errors``) are test cases with an ``<error>``,
after the documents.
Times are 0: a report does not record how long an article took, and a made-up
time would be worse than none. The layout is the Jenkins JUnit schema's
(tests/schemas/junit-jenkins.xsd), which the tests validate against.

Article text, ids and messages are untrusted. XML 1.0 cannot carry most C0
controls, lone surrogates or U+FFFE/U+FFFF at all, not even as character
references, so each is shown as a visible escape (report/inert.py, which also
escapes the terminal and bidi controls that a CI log would otherwise act on);
ElementTree then escapes ``&``, ``<``, ``>`` and quotes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from collections import Counter

from mtcheck.report.inert import inert
from mtcheck.report.locations import LineIndex, pointed_at
from mtcheck.report.verdict_words import verdict_of
from mtcheck.types import ArticleError, ArticleVerdict, Document, Finding, Gate, Report, Severity

HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n'
# Findings that fail gates, and so are listed in a failure; minor ones are only counted.
LISTED = (Severity.CRITICAL, Severity.MAJOR)
# What inert leaves that XML 1.0 still cannot carry: the two non-characters at the end of the BMP.
_NOT_XML = re.compile("[\ufffe\uffff]")


def render_junit(report: Report) -> str:
    gates = report.gates()
    failures = sum(not gate.passed for gate in gates)
    totals = {"tests": str(len(report.documents) + len(report.errors)), "failures": str(failures),
              "errors": str(len(report.errors))}
    root = ElementTree.Element("testsuites", {"name": "mtcheck", **totals, "time": "0"})
    suite = ElementTree.SubElement(root, "testsuite", {"name": "mtcheck", **totals, "skipped": "0", "time": "0"})
    properties = ElementTree.SubElement(suite, "properties")
    # The whole report's verdict and gate: a batch can fail it while every article passes its own.
    _property(properties, "mtcheck.verdict", verdict_of(report.gate).value)
    _property(properties, "mtcheck.gate", _verdict_and_why(report.gate))
    # A review passes its test case, so CI shows it green: a property per article to review says which and why.
    for document, gate in zip(report.documents, gates):
        if verdict_of(gate) is ArticleVerdict.REVIEW:
            _property(properties, "mtcheck.review", f"{document.id}: {'; '.join(gate.reasons)}")
    _property(properties, "mtcheck.signature", report.signature)
    for document, gate in zip(report.documents, gates):
        _document_case(suite, document, gate)
    for error in report.errors:
        _error_case(suite, error)
    ElementTree.indent(root, space="  ")
    return HEADER + ElementTree.tostring(root, encoding="unicode") + "\n"


def xml_safe(text: str, *, one_line: bool = False) -> str:
    """``text`` with every character XML 1.0 cannot carry, and every terminal or bidi control, as a visible escape."""
    return _NOT_XML.sub(lambda match: f"\\u{ord(match.group()):04x}", inert(text, one_line=one_line))


def _property(properties: ElementTree.Element, name: str, value: str) -> None:
    ElementTree.SubElement(properties, "property", {"name": name, "value": xml_safe(value, one_line=True)})


def _verdict_and_why(gate: Gate) -> str:
    """``review: 29% of the target has no counterpart in the source``: the verdict, then its reasons."""
    verdict = verdict_of(gate).value
    return f"{verdict}: {'; '.join(gate.reasons)}" if gate.reasons else verdict


def _test_case(suite: ElementTree.Element, name: str, status: str | None = None) -> ElementTree.Element:
    attributes = {"name": xml_safe(name, one_line=True), "classname": "mtcheck", "time": "0"}
    if status is not None:
        attributes["status"] = status
    return ElementTree.SubElement(suite, "testcase", attributes)


def _document_case(suite: ElementTree.Element, document: Document, gate: Gate) -> None:
    case = _test_case(suite, document.id, verdict_of(gate).value)
    standing = [finding for finding in document.findings if finding.verdict != "false-alarm"]
    if not gate.passed:
        failure = ElementTree.SubElement(case, "failure", {
            "message": xml_safe(_verdict_and_why(gate), one_line=True), "type": "mtcheck.gate"})
        lines = {"target": LineIndex(document.target.text), "source": LineIndex(document.source.text)}
        listed = [_finding_line(finding, lines) for finding in standing if finding.severity in LISTED]
        if listed:
            failure.text = "\n".join(listed)
    counts = Counter(finding.severity for finding in standing)
    dismissed = len(document.findings) - len(standing)
    summary = "findings: " + ", ".join(f"{counts[severity]} {severity.value}" for severity in reversed(Severity))
    out = ElementTree.SubElement(case, "system-out")
    out.text = (xml_safe(f"verdict {_verdict_and_why(gate)}", one_line=True) + "\n" + summary
                + (f"; {dismissed} dismissed by editors' verdicts" if dismissed else ""))


def _finding_line(finding: Finding, lines: dict[str, LineIndex]) -> str:
    """``major numbers, stray-symbol: '71' number '17' became '71' (1:16)``; an omission quotes its source span."""
    checks = ", ".join((finding.check, *finding.also))
    side, span = pointed_at(finding)
    if span is None:  # a finding on the whole text has no place to point at
        return xml_safe(f"{finding.severity.value} {checks}: {finding.message}", one_line=True)
    prefix = "source: " if side == "source" else ""
    line, column = lines[side].line_col(span.start)
    text = f"{finding.severity.value} {checks}: {prefix}'{span.text}' {finding.message} ({line}:{column})"
    return xml_safe(text, one_line=True)


def _error_case(suite: ElementTree.Element, error: ArticleError) -> None:
    case = _test_case(suite, error.id)
    ElementTree.SubElement(case, "error", {"message": xml_safe(error.reason, one_line=True), "type": "mtcheck.error"})
