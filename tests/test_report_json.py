"""The JSON report keeps the contract of docs/report-format.md exactly."""

import json
import re
from pathlib import Path

import pytest

from mtcheck.config import Config
from mtcheck.read.text import read_text
from mtcheck.pipeline import compare_texts
from mtcheck.report.build import build_report
from mtcheck.report.json import render_json

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def report():
    source = read_text(FIXTURES / "article.source.txt")
    target = read_text(FIXTURES / "article.target.txt")
    document = compare_texts(source, target, Config(), doc_id="article")
    return json.loads(render_json(build_report([document], Config())))


def test_top_level_keys(report):
    assert list(report) == ["schema", "mtcheck_version", "signature", "documents", "gate", "errors"]
    assert report["errors"] == []  # only a batch has articles it could not check
    assert report["schema"] == "mtcheck.report/1"
    assert report["mtcheck_version"] == "0.1.0"
    assert list(report["gate"]) == ["passed", "reasons", "verdict"]
    assert report["gate"]["verdict"] in ("pass", "review", "fail")
    # The run's verdict is its one document's, and so are its reasons.
    assert report["gate"]["verdict"] == report["documents"][0]["verdict"]
    assert report["gate"]["reasons"] == report["documents"][0]["reasons"]


def test_signature_shape(report):
    parts = report["signature"].split("|")
    assert parts[0] == "mtcheck:0.1.0"
    assert [p.split(":")[0] for p in parts[1:6]] == ["seg", "align", "lm", "emb", "chrf"]
    assert "nrefs:1" in report["signature"] and "version:" in report["signature"]


def test_document_keys_and_offsets(report):
    (doc,) = report["documents"]
    assert list(doc) == [
        "id", "source", "target", "source_segments", "target_segments", "pairs", "findings", "scores",
        "verdict", "reasons",
    ]
    assert list(doc["source"]) == ["text", "lang", "path"]
    assert list(doc["scores"]) == [
        "chrf", "bleu", "ter", "similarity", "fluency", "mqm_penalty", "quality", "target_coverage", "source_coverage",
        "expected_penalty",
    ]
    for side in ("source", "target"):
        text = doc[side]["text"]
        for segment in doc[f"{side}_segments"]:
            assert list(segment) == ["index", "start", "end"]
            assert text[segment["start"] : segment["end"]].strip() == text[segment["start"] : segment["end"]]


def test_pairs(report):
    (doc,) = report["documents"]
    kinds = set()
    for index, pair in enumerate(doc["pairs"]):
        assert list(pair) == ["index", "id", "source", "target", "kind", "scores"]
        assert pair["index"] == index and pair["id"] is None
        assert pair["kind"] == f"{len(pair['source'])}-{len(pair['target'])}"
        assert list(pair["scores"]) == ["chrf", "bleu", "ter", "similarity", "fluency", "quality"]
        assert 0 <= pair["scores"]["quality"] <= 100
        kinds.add(pair["kind"])
    assert {"1-1", "0-1", "1-2"} <= kinds


def test_findings(report):
    (doc,) = report["documents"]
    assert doc["findings"]
    ids = [finding["id"] for finding in doc["findings"]]
    assert len(set(ids)) == len(ids)
    for finding in doc["findings"]:
        assert list(finding) == [
            "id", "check", "category", "severity", "pair", "target_span", "source_span", "message", "confidence",
            "evidence", "checks", "fingerprint", "verdict",
        ]
        assert finding["checks"][0] == finding["check"]
        assert re.fullmatch(r"v1:[0-9a-f]{20}", finding["fingerprint"])
        assert isinstance(finding["evidence"], dict)
        assert re.fullmatch(r"F[0-9a-f]{10}(-[2-9]|-[1-9]\d+)?", finding["id"])
        assert finding["severity"] in ("minor", "major", "critical")
        assert finding["category"].split("/")[0] in ("Accuracy", "Fluency", "Style", "Locale convention", "Other")
        for side in ("source", "target"):
            span = finding[f"{side}_span"]
            if span is not None:
                assert list(span) == ["start", "end", "text"]
                assert doc[side]["text"][span["start"] : span["end"]] == span["text"]
        if finding["check"] in ("insertion", "page-furniture"):
            assert finding["source_span"] is None
        if finding["check"] == "omission":
            assert finding["target_span"] is None


def test_mqm_penalty_is_weights_per_100_words(report):
    (doc,) = report["documents"]
    weights = {"minor": 1, "major": 5, "critical": 10}
    total = sum(weights[f["severity"]] for f in doc["findings"])
    words = len(__import__("re").findall(r"\w+", doc["target"]["text"]))
    assert doc["scores"]["mqm_penalty"] == pytest.approx(100 * total / words, abs=0.01)


def test_streamed_json_is_the_one_shot_encoding_byte_for_byte(monkeypatch):
    # The report is written in pieces so that a 10 MB article never exists as
    # one dict and one string; the pieces must join to exactly what
    # json.dumps(indent=2) gives, for several documents, empty lists, hostile text.
    from mtcheck.pipeline import compare_records
    from mtcheck.read.pairs import PairRecord
    from mtcheck.report import json as json_report
    from mtcheck.report.json import CONTROLS, _json_escape, iter_json, report_to_dict

    monkeypatch.setattr(json_report, "_STRING_PIECE", 7)  # the article texts go out in pieces

    config = Config(models=False, allow_non_english_source=True)
    source = read_text(FIXTURES / "article.source.txt")
    target = read_text(FIXTURES / "article.target.txt")
    hostile = "\n\u2028 \"quoted\" \\ \x1b[31m \x9b \u202e" * 3
    article = compare_texts(source, target.__class__(target.text + hostile), config, doc_id='article "1"\n\x9b[31m')
    records = [
        PairRecord("p\u202e1", "The minister spoke.", "The minister [bold]spoke[/].", "d1"),
        PairRecord(None, "Prices rose.", "", "d2"),
    ]
    for documents in ([article], [article, *compare_records(records, config, "pairs")], []):
        report = build_report(documents, config)
        one_shot = json.dumps(report_to_dict(report), ensure_ascii=False, indent=2)
        expected = CONTROLS.sub(_json_escape, one_shot) + "\n"
        pieces = list(iter_json(report))
        assert len(pieces) > 1 or not documents
        assert "".join(pieces) == expected == render_json(report)
