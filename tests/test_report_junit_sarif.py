"""JUnit XML and SARIF 2.1.0: exact output, validity against the vendored schemas (tests/schemas/), hostile text."""

from __future__ import annotations

import dataclasses
import json
import re
import xml.etree.ElementTree as ElementTree
from functools import lru_cache
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from mtcheck import __version__
from mtcheck.config import Config
from mtcheck.segment.documents import parallel_document
from mtcheck.read.pairs import PairRecord
from mtcheck.pipeline import compare_records
from mtcheck.report.build import build_report
from mtcheck.report.inert import CONTROLS
from mtcheck.report.junit import render_junit
from mtcheck.report.sarif import file_uri, render_sarif, rule_name
from mtcheck.types import ArticleError, ArticleVerdict, CheckInfo, Document, Finding, Gate, Report, Severity, Span

SCHEMAS = Path(__file__).parent / "schemas"
SEED = Path(__file__).parent.parent / "corpora" / "seed"
# What must never reach a CI log or an XML parser raw: terminal, bidi and XML-illegal characters.
NOT_IN_XML = re.compile(f"{CONTROLS.pattern}|[\ufffe\uffff]")
HOSTILE = "a\x1b[31m\x9b2J\u202eevil\u2028\x00\x07\x1f]]><b>&amp;\"'\ud800\uffff"

CHECKS = (
    CheckInfo("numbers", "Accuracy/Mistranslation", Severity.MAJOR, "Finds numbers that differ from the source."),
    CheckInfo("punctuation", "Fluency/Punctuation", Severity.MINOR, "Finds stray punctuation."),
    CheckInfo("clause-omission", "Accuracy/Omission", Severity.MAJOR, "Finds source words the translation drops."),
)


@lru_cache(maxsize=None)
def _sarif_validator():
    import jsonschema

    schema = json.loads((SCHEMAS / "sarif-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema)


@lru_cache(maxsize=None)
def _junit_schema():
    import xmlschema

    return xmlschema.XMLSchema(str(SCHEMAS / "junit-jenkins.xsd"))


def valid_sarif(text: str) -> dict:
    log = json.loads(text)
    _sarif_validator().validate(log)
    return log


def valid_junit(text: str) -> ElementTree.Element:
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n') and text.endswith("\n")
    root = ElementTree.fromstring(text.encode("utf-8"))
    _junit_schema().validate(text)
    return root


def with_findings(document: Document, *findings: Finding) -> Document:
    return dataclasses.replace(document, findings=findings)


def city() -> Document:
    """Two lines each side: target ``The mayor said 71 people died.\\nThe council, met on Monday.``."""
    document = parallel_document("city", ["The mayor said 17 people died.", "The council met on Monday."],
                                 ["The mayor said 71 people died.", "The council, met on Monday."],
                                 source_path="in/city.en.txt", target_path="out/city.txt")
    number = Finding("numbers", "Accuracy/Mistranslation", Severity.MAJOR, 0, Span(15, 17, "71"),
                     Span(15, 17, "17"), "number '17' became '71'", confidence=0.91, id="F0000000001",
                     fingerprint="fp-number")
    comma = Finding("punctuation", "Fluency/Punctuation", Severity.MINOR, 1, Span(42, 43, ","), None,
                    "comma before the verb", confidence=0.3, id="F0000000002", also=("stray-symbol",),
                    verdict="false-alarm")
    dropped = Finding("clause-omission", "Accuracy/Omission", Severity.MAJOR, 1, None, Span(31, 42, "The council"),
                      "source words 'The council' have no counterpart", confidence=0.5, id="F0000000003")
    return with_findings(document, number, comma, dropped)


def feed() -> Document:
    """From a pairs file: no paths; one minor finding of a check the report does not describe."""
    document = parallel_document("feed-7", ["Prices rose."], ["Prices rose ~."])
    odd = Finding("mystery", "Other", Severity.MINOR, 0, Span(12, 13, "~"), None, "a tilde", id="F0000000004")
    return with_findings(document, odd)


def report() -> Report:
    """Two articles: city fails its gate, feed-7 goes to review (a passed test case that says so)."""
    failed = Gate(False, ("2 major findings > max 0",))
    review = Gate(True, ("quality 61.0 is in the review band (below 65)",), ArticleVerdict.REVIEW)
    return Report((city(), feed()), "mtcheck:0.1.0|seg:given", failed, (failed, review),
                  checks=CHECKS, errors=(ArticleError("broken", "target file is empty", "in/b.en.txt", "out/b.txt"),))


def test_junit_exactly():
    assert render_junit(report()) == """\
<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="mtcheck" tests="3" failures="1" errors="1" time="0">
  <testsuite name="mtcheck" tests="3" failures="1" errors="1" skipped="0" time="0">
    <properties>
      <property name="mtcheck.verdict" value="fail" />
      <property name="mtcheck.gate" value="fail: 2 major findings &gt; max 0" />
      <property name="mtcheck.review" value="feed-7: quality 61.0 is in the review band (below 65)" />
      <property name="mtcheck.signature" value="mtcheck:0.1.0|seg:given" />
    </properties>
    <testcase name="city" classname="mtcheck" time="0" status="fail">
      <failure message="fail: 2 major findings &gt; max 0" type="mtcheck.gate">major numbers: '71' number '17' became '71' (1:16)
major clause-omission: source: 'The council' source words 'The council' have no counterpart (2:1)</failure>
      <system-out>verdict fail: 2 major findings &gt; max 0
findings: 0 critical, 2 major, 0 minor; 1 dismissed by editors' verdicts</system-out>
    </testcase>
    <testcase name="feed-7" classname="mtcheck" time="0" status="review">
      <system-out>verdict review: quality 61.0 is in the review band (below 65)
findings: 0 critical, 0 major, 1 minor</system-out>
    </testcase>
    <testcase name="broken" classname="mtcheck" time="0">
      <error message="target file is empty" type="mtcheck.error" />
    </testcase>
  </testsuite>
</testsuites>
"""


def _rule(check: CheckInfo, level: str) -> dict:
    described = f"{check.summary} MQM category: {check.category}."
    return {"id": check.name, "name": rule_name(check.name), "shortDescription": {"text": check.summary},
            "fullDescription": {"text": described}, "help": {"text": described},
            "defaultConfiguration": {"level": level},
            "properties": {"category": check.category, "severity": check.severity.value}}


def _region(start_line, start_column, end_line, end_column, offset, text) -> dict:
    return {"startLine": start_line, "startColumn": start_column, "endLine": end_line, "endColumn": end_column,
            "charOffset": offset, "charLength": len(text), "snippet": {"text": text}}


def _properties(finding_id, confidence, category, severity, checks, document, **more) -> dict:
    return {"confidence": confidence, "category": category, "severity": severity, "checks": checks,
            "document": document, "id": finding_id, **more}


def test_sarif_exactly():
    on = lambda uri, region: [{"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region}}]  # noqa: E731
    expected = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "mtcheck", "version": __version__, "rules": [
                _rule(CHECKS[0], "error"), _rule(CHECKS[1], "warning"), _rule(CHECKS[2], "error"),
                {"id": "mystery", "shortDescription": {"text": "mystery (MQM category: Other)"},
                 "fullDescription": {"text": "mystery (MQM category: Other)"},
                 "help": {"text": "mystery (MQM category: Other)"}},
            ]}},
            "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": [
                {"level": "error", "message": {"text": "broken: target file is empty"},
                 "locations": [{"physicalLocation": {"artifactLocation": {"uri": "out/b.txt"}}}]},
            ]}],
            "columnKind": "unicodeCodePoints",
            "results": [
                {"ruleId": "numbers", "ruleIndex": 0, "level": "error",
                 "message": {"text": "'71' number '17' became '71'"},
                 "locations": on("out/city.txt", _region(1, 16, 1, 18, 15, "71")),
                 "partialFingerprints": {"mtcheck/v1": "fp-number"},
                 "properties": _properties("F0000000001", 0.91, "Accuracy/Mistranslation", "major", ["numbers"],
                                           "city")},
                {"ruleId": "punctuation", "ruleIndex": 1, "level": "warning",
                 "message": {"text": "',' comma before the verb"},
                 "locations": on("out/city.txt", _region(2, 12, 2, 13, 42, ",")),
                 "suppressions": [{"kind": "external", "justification": "false alarm (editor's verdict)"}],
                 "properties": _properties("F0000000002", 0.3, "Fluency/Punctuation", "minor",
                                           ["punctuation", "stray-symbol"], "city", verdict="false-alarm")},
                {"ruleId": "clause-omission", "ruleIndex": 2, "level": "error",
                 "message": {"text": "source: 'The council' source words 'The council' have no counterpart"},
                 "locations": on("in/city.en.txt", _region(2, 1, 2, 12, 31, "The council")),
                 "properties": _properties("F0000000003", 0.5, "Accuracy/Omission", "major", ["clause-omission"],
                                           "city")},
                {"ruleId": "mystery", "ruleIndex": 3, "level": "warning", "message": {"text": "'~' a tilde"},
                 "locations": [{"logicalLocations": [{"name": "feed-7", "kind": "module"}]}],
                 "properties": _properties("F0000000004", 1.0, "Other", "minor", ["mystery"], "feed-7")},
            ],
            "properties": {
                "gate": {"verdict": "fail", "passed": False, "reasons": ["2 major findings > max 0"]},
                "articles": [
                    {"document": "city", "verdict": "fail", "passed": False, "reasons": ["2 major findings > max 0"]},
                    {"document": "feed-7", "verdict": "review", "passed": True,
                     "reasons": ["quality 61.0 is in the review band (below 65)"]},
                ],
                "signature": "mtcheck:0.1.0|seg:given",
            },
        }],
    }
    assert render_sarif(report()) == json.dumps(expected, indent=2, ensure_ascii=False) + "\n"


def test_both_validate_passing_failing_and_errored_reports():
    failing = report()
    passing = Report((feed(),), "sig", Gate(True), checks=CHECKS)
    errored_only = Report((), "sig", Gate(False, ("1 article could not be checked",)),
                          errors=(ArticleError("gone", "no such file", None, None),
                                  ArticleError("big", "article too big (12 MB > max 10 MB)", "a b#1.txt", None)))
    for case in (failing, passing, errored_only, Report((), "sig")):
        valid_sarif(render_sarif(case))
        valid_junit(render_junit(case))
    root = valid_junit(render_junit(errored_only))
    assert [(case.get("name"), case.find("error").get("message")) for case in root.iter("testcase")] == [
        ("gone", "no such file"), ("big", "article too big (12 MB > max 10 MB)")]
    notifications = valid_sarif(render_sarif(errored_only))["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert notifications[0] == {"level": "error", "message": {"text": "gone: no such file"}}
    # Without a target file the source is named, percent-encoded as a URI must be.
    assert notifications[1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "a%20b%231.txt"
    passing_case = valid_junit(render_junit(passing)).find("testsuite/testcase")
    assert passing_case.find("failure") is None and passing_case.get("status") == "pass"
    assert passing_case.find("system-out").text.splitlines() == ["verdict pass", "findings: 0 critical, 0 major, 1 minor"]


def hostile_report(text: str = HOSTILE, doc_id: str = HOSTILE) -> Report:
    document = parallel_document(doc_id, [text], [text], source_path=None, target_path=f"out/{text}.txt")
    start, end = 0, len(text)
    finding = Finding(text, text, Severity.CRITICAL, 0, Span(start, end, text), None, text, id=text,
                      fingerprint=text)
    gate = Gate(False, (text,))
    return Report((with_findings(document, finding),), text, gate, (gate,),
                  checks=(CheckInfo(text, text, Severity.CRITICAL, text),),
                  errors=(ArticleError(text, text, text, text),))


def test_hostile_text_stays_inert_and_round_trips_in_junit():
    out = render_junit(hostile_report())
    assert not NOT_IN_XML.search(out)
    root = valid_junit(out)
    shown = "a\\x1b[31m\\x9b2J\\u202eevil\\u2028\\x00\\x07\\x1f]]><b>&amp;\"'\\ud800\\uffff"
    cases = root.findall("testsuite/testcase")
    assert [case.get("name") for case in cases] == [shown, shown]
    failure = cases[0].find("failure")
    assert failure.get("message") == f"fail: {shown}"  # the gate's reason
    assert failure.text == f"critical {shown}: '{shown}' {shown} (1:1)"
    assert cases[0].find("system-out").text.splitlines()[0] == f"verdict fail: {shown}"
    assert cases[1].find("error").get("message") == shown
    properties = {p.get("name"): p.get("value") for p in root.findall("testsuite/properties/property")}
    assert properties["mtcheck.signature"] == shown and properties["mtcheck.gate"] == f"fail: {shown}"
    assert "]]>" not in out and "<b>" not in out  # escaped: no early end of a CDATA section, no element


def test_hostile_text_stays_inert_and_round_trips_in_sarif():
    out = render_sarif(hostile_report())
    assert not CONTROLS.search(out)
    log = valid_sarif(out)
    result = log["runs"][0]["results"][0]
    # Data comes back exactly, once the JSON is decoded; what a viewer shows a person is visibly escaped.
    assert result["locations"][0]["physicalLocation"]["region"]["snippet"]["text"] == HOSTILE
    assert result["properties"]["document"] == HOSTILE and result["ruleId"] == HOSTILE
    assert result["partialFingerprints"] == {"mtcheck/v1": HOSTILE}
    assert not CONTROLS.search(result["message"]["text"])
    assert "\\x1b[31m" in result["message"]["text"] and "\\u202e" in result["message"]["text"]
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.isascii() and uri.startswith("out/a%1B%5B31m%C2%9B2J%E2%80%AE")
    assert log["runs"][0]["properties"]["signature"] == HOSTILE


def test_the_pipeline_on_hostile_articles_gives_valid_reports():
    config = Config(models=False, allow_non_english_source=True)
    records = [PairRecord(HOSTILE, "The mayor said 17 people died.", f"The mayor said 71 people died. {HOSTILE}",
                          HOSTILE),
               PairRecord(None, "Prices rose.", "", "empty\u202e")]
    built = build_report(compare_records(records, config, "pairs"), config, pre_aligned=True)
    assert not NOT_IN_XML.search(render_junit(built))
    valid_junit(render_junit(built))
    assert not CONTROLS.search(render_sarif(built))
    valid_sarif(render_sarif(built))


any_text = st.text(st.characters(exclude_categories=()), max_size=40)
# A file's text never has a CR: mtcheck.read.text makes every newline LF, and lines are counted on the same text.
file_text = st.text(st.characters(exclude_categories=(), exclude_characters="\r"), max_size=40)


@settings(max_examples=150, deadline=None)
@given(file_text, any_text, any_text, st.data())
def test_any_text_gives_valid_xml_and_sarif(target, doc_id, message, data):
    start = data.draw(st.integers(0, len(target)))
    end = data.draw(st.integers(start, len(target)))
    document = parallel_document(doc_id, [message], [target], target_path=data.draw(st.none() | any_text))
    finding = Finding(message or "x", message, Severity.MAJOR, 0, Span(start, end, target[start:end]), None, message,
                      fingerprint=message, verdict=data.draw(st.sampled_from([None, "false-alarm"])))
    gate = Gate(False, (message,))
    built = Report((with_findings(document, finding),), message, gate, (gate,),
                   errors=(ArticleError(doc_id, message, None, data.draw(st.none() | any_text)),))
    junit = render_junit(built)
    assert not NOT_IN_XML.search(junit)
    valid_junit(junit)
    sarif = render_sarif(built)
    assert not CONTROLS.search(sarif)
    region_checked(valid_sarif(sarif), {document.target.path: target})


def region_checked(log: dict, files: dict[str, str]) -> int:
    """Each result's region, read off the file's text by line and column (SARIF's way), is its snippet."""
    by_uri = {file_uri(path): text for path, text in files.items() if path is not None}
    checked = 0
    for result in log["runs"][0]["results"]:
        physical = result["locations"][0].get("physicalLocation")
        if physical is None or "region" not in physical:
            continue
        region = physical["region"]
        text = by_uri[physical["artifactLocation"]["uri"]]
        start = _offset(text, region["startLine"], region["startColumn"])
        end = _offset(text, region["endLine"], region["endColumn"])
        assert text[start:end] == region["snippet"]["text"]
        if "\r" not in text:  # char offsets count the decoded text, whose newlines are all LF
            assert (region["charOffset"], region["charLength"]) == (start, end - start)
        checked += 1
    return checked


def _offset(text: str, line: int, column: int) -> int:
    # SARIF's line breaks are CR, LF and CRLF; columns count code points here (columnKind unicodeCodePoints).
    lines = re.split(r"(?<=\r\n)|(?<=\n)|(?<=\r)(?!\n)", text)
    assert 1 <= line <= len(lines) and 1 <= column <= len(lines[line - 1].rstrip("\r\n")) + 1
    return sum(len(previous) for previous in lines[: line - 1]) + column - 1


def test_sarif_regions_give_back_their_snippets_across_lines_and_scripts():
    target = "Première ligne — 😀 ok\nzweite Zeile: 東京 17\n\nlast line, no newline"
    emoji, newline, tokyo = target.index("😀"), target.index("\n"), target.index("東京")
    spans = [(0, 8), (emoji, emoji + 1), (emoji - 2, newline + 3), (tokyo, tokyo + 2), (newline, newline + 1),
             (tokyo, len(target)), (tokyo + 5, tokyo + 5), (len(target) - 7, len(target))]
    document = parallel_document("scripts", [target], [target], target_path="out/scripts.txt")
    findings = [Finding("numbers", "Other", Severity.MINOR, 0, Span(start, end, target[start:end]), None, "m")
                for start, end in spans]
    log = valid_sarif(render_sarif(Report((with_findings(document, *findings),), "sig")))
    assert region_checked(log, {"out/scripts.txt": target}) == len(spans)
    regions = [result["locations"][0]["physicalLocation"]["region"] for result in log["runs"][0]["results"]]
    # The emoji is one column, not two UTF-16 code units; a span ending in the newline ends at column 1 below.
    assert (regions[1]["startLine"], regions[1]["startColumn"], regions[1]["endColumn"]) == (1, 18, 19)
    assert (regions[3]["startLine"], regions[3]["startColumn"], regions[3]["endColumn"]) == (2, 15, 17)
    assert [regions[4][key] for key in ("startLine", "startColumn", "endLine", "endColumn")] == [1, 22, 2, 1]
    assert [regions[5][key] for key in ("startLine", "endLine", "endColumn")] == [2, 4, 22]


def test_compare_writes_both_formats_that_validate(tmp_path):
    from mtcheck.cli import main

    # The seed article, and a copy with CRLF newlines: lines and columns must still point at the file's text.
    crlf_target = tmp_path / "target.crlf.txt"
    crlf_target.write_bytes((SEED / "target.txt").read_bytes().replace(b"\n", b"\r\n"))
    for target in (SEED / "target.txt", crlf_target):
        sarif, junit = tmp_path / "r.sarif", tmp_path / "r.xml"
        code = main(["compare", str(SEED / "source.en.txt"), str(target), "--no-models",
                     "--format", "sarif", "--output", str(sarif), "--format", "junit", "--output", str(junit)])
        assert code in (0, 1)
        log = valid_sarif(sarif.read_text(encoding="utf-8"))
        root = valid_junit(junit.read_text(encoding="utf-8"))
        files = {str(path): path.read_bytes().decode("utf-8") for path in (SEED / "source.en.txt", target)}
        assert region_checked(log, files) == len(log["runs"][0]["results"]) > 0
        from mtcheck.checks import all_checks

        # One rule per check that ran (the registry's order depends on what was imported first).
        rules = [rule["id"] for rule in log["runs"][0]["tool"]["driver"]["rules"]]
        assert set(all_checks()) <= set(rules) and len(rules) == len(set(rules))
        assert all(rule.get("fullDescription") for rule in log["runs"][0]["tool"]["driver"]["rules"])
        case = root.find("testsuite/testcase")
        assert (case.find("failure") is None) == (code == 0) == log["runs"][0]["properties"]["gate"]["passed"]
