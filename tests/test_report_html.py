"""The HTML review page as a file: self-contained, locked down by its CSP, and article text only ever data."""

import base64
import hashlib
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mtcheck.cli import main
from mtcheck.config import Config
from mtcheck.read.text import read_text
from mtcheck.grade.judge.model import ESTIMATE_INPUTS, load as load_judge
from mtcheck.pipeline import compare_texts
from mtcheck.report.build import build_report
from mtcheck.report.html import payload, render_html, script_json
from mtcheck.report.json import report_to_dict
from mtcheck.types import Text

SEED = Path(__file__).resolve().parents[1] / "corpora" / "seed"
HOSTILE = [
    "<script>window.__xss = 1</script>",
    "</script><script>window.__xss = 2</script>",
    '"><img src=x onerror="window.__xss = 3">',
    "<a href=\"javascript:window.__xss = 4\">link</a>",
    "<!-- <script> --> &amp; &lt;",
    "Bidi \u202etxt.exe\u202c and isolate \u2067x\u2069, U+2028\u2028here.",
]


def hostile_pair():
    source = " ".join(f"Sentence {k} says {text} plainly." for k, text in enumerate(HOSTILE)) + "\n"
    target = " ".join(f"Line {k} reads {text} clearly." for k, text in enumerate(HOSTILE)) + "\n"
    return source, target


@pytest.fixture(scope="module")
def seed_report():
    config = Config(models=False)
    document = compare_texts(read_text(SEED / "source.en.txt"), read_text(SEED / "target.txt"), config,
                             doc_id="seed <b>&")
    return build_report([document], config)


@pytest.fixture(scope="module")
def seed_page(seed_report):
    return render_html(seed_report)


def data_block(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="mtcheck-data">(.*?)</script>', page, re.S)
    assert match, "no data block"
    return json.loads(match.group(1))


def digest(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


def test_the_page_is_one_file_that_loads_nothing(seed_page):
    assert seed_page.startswith("<!DOCTYPE html>")
    lowered = seed_page.lower()
    for needle in ("<link", "@import", "<iframe", "<object", "<embed", "<img"):
        assert needle not in lowered, needle
    style = re.search(r"<style>(.*?)</style>", seed_page, re.S).group(1)
    assert "url(" not in style
    # The only address in the page is the SVG namespace, which names and never loads.
    assert set(re.findall(r"https?://[^\s\"')]+", seed_page)) <= {"http://www.w3.org/2000/svg"}
    assert seed_page.count("<script") == 2  # the data block and the page's own script
    assert len(seed_page.encode("utf-8")) < 2_000_000


def test_the_policy_allows_only_its_own_two_inline_blocks(seed_page):
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', seed_page).group(1)
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'none'"
    style = re.search(r"<style>(.*?)</style>", seed_page, re.S).group(1)
    script = re.search(r"<script>(.*?)</script>", seed_page, re.S).group(1)
    assert directives["style-src"] == f"'{digest(style)}'"
    assert directives["script-src"] == f"'{digest(script)}'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_the_data_block_holds_the_report_the_json_gives(seed_report, seed_page):
    data = data_block(seed_page)
    assert data == payload(seed_report)
    plain = report_to_dict(seed_report)
    (doc,) = data["documents"]
    (json_doc,) = plain["documents"]
    assert doc["source"] == json_doc["source"]["text"] and doc["target"] == json_doc["target"]["text"]
    assert [f["id"] for f in doc["findings"]] == [f["id"] for f in json_doc["findings"]]
    assert [f["fingerprint"] for f in doc["findings"]] == [f["fingerprint"] for f in json_doc["findings"]]
    for finding, json_finding in zip(doc["findings"], json_doc["findings"]):
        span = json_finding["target_span"]
        if span:
            assert finding["target"] == [span["start"], span["end"]]
            assert doc["target"][span["start"] : span["end"]] == span["text"]


def test_the_data_block_carries_what_an_exported_article_verdict_needs(seed_report, seed_page):
    # The page exports the editor's verdict on an article with the scores the verdict's estimate reads and,
    # from the signature, which variant made them; it has nothing else to read them from.
    data = data_block(seed_page)
    plain = report_to_dict(seed_report)
    assert data["signature"] == plain["signature"] and "lm:none" in data["signature"].split("|")
    (doc,), (json_doc,) = data["documents"], plain["documents"]
    assert doc["id"] == json_doc["id"] == "seed <b>&"
    for name in ESTIMATE_INPUTS:
        assert doc["scores"][name] == json_doc["scores"][name], name
    # Without models the judge still gives the expected penalty, so calibrate can place a rules-only article.
    assert load_judge().variant(models=False).verdict.estimate(doc["scores"]) is not None


def test_furniture_pairs_carry_their_label(seed_page):
    (doc,) = data_block(seed_page)["documents"]
    labels = {p["furniture"] for p in doc["pairs"] if p["furniture"]}
    assert {"navigation", "byline", "teaser"} <= labels
    assert all(p["source"] is None for p in doc["pairs"] if p["furniture"])


def test_source_marks_point_at_the_source_words_a_finding_names(seed_page):
    (doc,) = data_block(seed_page)["documents"]
    marked = [f for f in doc["findings"] if f["marks"]]
    assert marked
    for finding in marked:
        texts = [doc["source"][a:b].casefold() for a, b in finding["marks"]]
        named = {w.casefold() for w in finding["context"]["source_words"]}
        if finding["source"]:
            assert texts == [doc["source"][finding["source"][0] : finding["source"][1]].casefold()]
        else:
            assert set(texts) <= named


@pytest.mark.parametrize("text", HOSTILE + ["\ud800 lone surrogate", "\x1b[31mred\x1b[0m"])
def test_script_json_cannot_break_out_of_its_element(text):
    encoded = script_json({"text": text})
    assert "<" not in encoded and ">" not in encoded and "&" not in encoded
    assert encoded.isascii()
    assert json.loads(encoded) == {"text": text}


def test_hostile_text_is_only_data(tmp_path):
    source, target = hostile_pair()
    config = Config(models=False)
    report = build_report([compare_texts(Text(source), Text(target), config, doc_id="<img src=x onerror=1>")], config)
    page = render_html(report)
    body = page.split("<script type=\"application/json\"", 1)[0]
    for text in HOSTILE:
        assert text not in page  # neither raw in the markup nor in the data block
    assert "<img" not in body and "onerror=" not in body.replace("onerror=1&gt;", "")
    (doc,) = data_block(page)["documents"]
    assert doc["source"] == source and doc["target"] == target
    assert doc["id"] == "<img src=x onerror=1>"


def test_compare_writes_the_page(tmp_path, capsys):
    out = tmp_path / "review.html"
    code = main(["compare", str(SEED / "source.en.txt"), str(SEED / "target.txt"), "--no-models",
                 "--format", "html", "--output", str(out)])
    assert code in (0, 1)
    page = out.read_text(encoding="utf-8")
    assert data_block(page)["documents"][0]["id"] == str(SEED / "target.txt")
    assert capsys.readouterr().out == ""


def test_compare_prints_the_page_without_output(capsys, tmp_path):
    source, target = tmp_path / "s.txt", tmp_path / "t.txt"
    source.write_text("The city council met on Monday.\n", encoding="utf-8")
    target.write_text("The city council met on Monday.\n", encoding="utf-8")
    assert main(["compare", str(source), str(target), "--no-models", "--format", "html"]) == 0
    page = capsys.readouterr().out
    (doc,) = data_block(page)["documents"]
    assert doc["findings"] == [] and doc["scores"]["quality"] == 100.0


MARKUP = st.sampled_from(["<script>", "</script>", "<!--", "&amp;", '"', "'", "<img src=x onerror=1>", "\u202e",
                          "Iraq", "the", "said", "U.S.", "17", ".", "\n\n", "–"])
markup_text = st.lists(MARKUP, min_size=1, max_size=40).map(" ".join)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(markup_text, st.text(min_size=1, max_size=120)), st.one_of(markup_text, st.text(min_size=1, max_size=120)))
def test_every_span_in_the_page_indexes_its_text(source, target):
    config = Config(models=False, allow_non_english_source=True)
    report = build_report([compare_texts(Text(source), Text(target), config)], config)
    (doc,) = data_block(render_html(report))["documents"]
    assert doc["source"] == source and doc["target"] == target
    for finding in doc["findings"]:
        for side, text in (("target", target), ("source", source)):
            if finding[side]:
                start, end = finding[side]
                assert 0 <= start <= end <= len(text)
        span = finding["target"] or finding["source"]
        if span:
            assert (target if finding["target"] else source)[span[0] : span[1]] == finding["context"]["span"]
        for start, end in finding["marks"]:
            assert 0 <= start < end <= len(source)
