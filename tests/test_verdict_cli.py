"""The article verdict end to end: pass, review and fail with their reasons, and what exits 1."""

import json
from pathlib import Path

import pytest

import wrecks
from mtcheck.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
SOURCE = FIXTURES / "article.source.txt"


def _report(capsys, tmp_path, source: Path, target: Path, *flags: str) -> tuple[int, dict]:
    out = tmp_path / "report.json"
    code = main(["compare", "--no-models", str(source), str(target), "--format", "json", "-o", str(out), *flags])
    capsys.readouterr()
    return code, json.loads(out.read_text(encoding="utf-8"))


def test_an_identical_pair_passes(capsys, tmp_path):
    code, report = _report(capsys, tmp_path, SOURCE, SOURCE)
    assert code == 0
    (document,) = report["documents"]
    assert document["verdict"] == "pass" and report["gate"]["verdict"] == "pass"
    assert report["gate"] == {"passed": True, "reasons": document["reasons"], "verdict": "pass"}
    # What was met: no critical finding, the judge's estimate under its review cut, both sides covered.
    assert document["reasons"][0] == "0 critical findings (max 0)"
    assert document["reasons"][1].startswith("estimated ") and "(review above " in document["reasons"][1]
    assert document["reasons"][2] == "coverage: source 100%, target 100%"


def test_an_article_with_a_third_of_furniture_goes_to_review_and_review_can_fail_the_gate(capsys, tmp_path):
    furniture = "\n\n".join(f"Read more: Subscribe to our newsletter number {k} today and win." for k in range(12))
    target = tmp_path / "target.txt"
    target.write_text(SOURCE.read_text(encoding="utf-8") + "\n\n" + furniture + "\n", encoding="utf-8")
    code, report = _report(capsys, tmp_path, SOURCE, target)
    (document,) = report["documents"]
    assert code == 0 and document["verdict"] == "review", document["reasons"]
    assert any("of the target has no counterpart in the source" in reason for reason in document["reasons"])
    code, report = _report(capsys, tmp_path, SOURCE, target, "--fail-on", "review")
    assert code == 1 and report["gate"]["verdict"] == "review" and report["gate"]["passed"] is False
    assert "|verdict:" in report["signature"] and report["signature"].endswith("on:review")


def test_a_settings_threshold_fails_with_its_reason(capsys, tmp_path):
    code, report = _report(capsys, tmp_path, SOURCE, SOURCE, "--min-quality", "100", "--judge", "off")
    assert code == 0  # an exact copy has quality 100, not below it
    code, report = _report(capsys, tmp_path, SOURCE, SOURCE, "--min-coverage", "1")
    assert code == 0
    target = tmp_path / "half.txt"
    paragraphs = SOURCE.read_text(encoding="utf-8").split("\n\n")
    target.write_text("\n\n".join(paragraphs[: len(paragraphs) // 2]), encoding="utf-8")
    code, report = _report(capsys, tmp_path, SOURCE, target, "--min-coverage", "0.9")
    assert code == 1 and report["gate"]["verdict"] == "fail"
    assert any("of the source has no translation (fail below 90% covered)" in r for r in report["gate"]["reasons"])


def test_a_bad_fail_on_is_a_usage_error(capsys):
    assert main(["compare", "--no-models", str(SOURCE), str(SOURCE), "--fail-on", "never"]) == 2
    assert "--fail-on" in capsys.readouterr().err


SEED = Path(__file__).resolve().parents[1] / "corpora" / "seed"
WRECKS = {  # wreck -> the structural check whose critical finding names it
    "reversed": ("sentence-order", lambda text: wrecks.reversed_order(text)),
    "shuffled": ("sentence-order", lambda text: wrecks.shuffled(text, seed=0)),
    "every sentence doubled": ("mass-duplication", lambda text: wrecks.duplicated_each(text)),
    "one sentence 20,000 times": ("mass-duplication", lambda text: wrecks.one_sentence_repeated(text, 20_000)),
    "truncated to half": ("truncation", lambda text: wrecks.truncated_half(text)),
    "another article": ("wrong-article", lambda text: wrecks.other_article()),
}


@pytest.mark.parametrize("wreck", WRECKS)
def test_every_wreck_of_the_seed_fails_with_default_settings_and_a_critical_finding_naming_it(capsys, tmp_path,
                                                                                             wreck):
    check, make = WRECKS[wreck]
    source = SEED / "source.en.txt"
    target = tmp_path / "wrecked.txt"
    target.write_text(make((SEED / "target.txt").read_text(encoding="utf-8")), encoding="utf-8")
    code, report = _report(capsys, tmp_path, source, target)
    (document,) = report["documents"]
    assert code == 1 and document["verdict"] == "fail" and report["gate"]["verdict"] == "fail"
    named = [f for f in document["findings"] if f["severity"] == "critical" and f["check"] == check]
    assert len(named) == 1, [(f["check"], f["severity"]) for f in document["findings"] if f["severity"] != "minor"]
    assert document["reasons"][0].startswith("1 critical finding: " + named[0]["message"][:40])
