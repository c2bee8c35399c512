"""The structural checks: critical on whole-article damage, silent on clean articles and on one odd pair."""

from __future__ import annotations

from pathlib import Path

import pytest

import wrecks
from mtcheck.analyses import analysed_view
from mtcheck.config import Config
from mtcheck.grade.judge import gate_threshold
from mtcheck.checks import detect
from mtcheck.pipeline import aligned_document, built_checks, compare_texts
from mtcheck.report.build import build_report
from mtcheck.types import Severity, Text
from span_checks import assert_spans_exact

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = {
    "fixture": (ROOT / "tests/fixtures/article.source.txt", ROOT / "tests/fixtures/article.target.txt"),
    "seed": (ROOT / "corpora/seed/source.en.txt", ROOT / "corpora/seed/target.txt"),
}
STRUCTURAL = ("sentence-order", "mass-duplication", "truncation", "wrong-article")
# Only the structural checks, rules only, no judge: they read no score, so the scoring stage's TER is skipped.
ONLY_STRUCTURAL = Config(models=False, judge="off", checks=STRUCTURAL)


def article(name: str) -> tuple[str, str]:
    source, target = ARTICLES[name]
    return source.read_text(encoding="utf-8"), target.read_text(encoding="utf-8")


def structural(source: str, target: str, config: Config = ONLY_STRUCTURAL) -> list:
    document = aligned_document(Text(source), Text(target), config)
    checks = built_checks(config)
    found = [f for f in detect(analysed_view(document, checks), checks) if f.check in STRUCTURAL]
    assert_spans_exact(found, document)
    return found


WRECKS = {
    "reversed": (wrecks.reversed_order, "sentence-order", "sentences out of order"),
    "shuffled": (lambda text: wrecks.shuffled(text, 3), "sentence-order", "sentences out of order"),
    "duplicated each": (wrecks.duplicated_each, "mass-duplication", "mass duplication"),
    "one sentence x200": (lambda text: wrecks.one_sentence_repeated(text, 200), "mass-duplication",
                          "one sentence repeated 200 times"),
    "truncated half": (wrecks.truncated_half, "truncation", "translation truncated"),
    "another article": (lambda text: wrecks.other_article(), "wrong-article", "another text"),
}


@pytest.mark.parametrize("name", ARTICLES)
@pytest.mark.parametrize("wreck", WRECKS)
def test_each_wreck_gets_one_critical_finding_from_its_check_naming_the_problem(name, wreck):
    make, check, words = WRECKS[wreck]
    source, target = article(name)
    (finding,) = structural(source, make(target))
    assert finding.check == check and finding.severity is Severity.CRITICAL
    assert words in finding.message
    assert finding.confidence >= 0.95 and finding.pair is None
    assert any("threshold" in name for name in dict(finding.evidence))  # the measured shares and their bounds


@pytest.mark.parametrize("name", ARTICLES)
def test_clean_and_identical_articles_get_no_structural_finding(name):
    source, target = article(name)
    assert structural(source, target) == []  # the seed's 29% of page furniture is no wreck
    assert structural(source, source) == []


def _moved_first_to_end(text: str) -> str:
    parts = wrecks.sentences(text)
    content = next(k for k, part in enumerate(parts) if len(part.split()) >= 10)
    return "\n\n".join(parts[:content] + parts[content + 1 :] + [parts[content]])


def _one_doubled(text: str) -> str:
    parts = wrecks.sentences(text)
    middle = len(parts) // 2
    return "\n\n".join(parts[: middle + 1] + [parts[middle]] + parts[middle + 1 :])


def _last_dropped(text: str) -> str:
    return "\n\n".join(wrecks.sentences(text)[:-1])


@pytest.mark.parametrize("name", ARTICLES)
@pytest.mark.parametrize("odd", [_moved_first_to_end, _one_doubled, _last_dropped])
def test_one_odd_pair_is_no_wreck(name, odd):
    source, target = article(name)
    assert structural(source, odd(target)) == []


def test_a_sentence_the_source_repeats_as_often_is_no_copy():
    sentence = "The council will publish a survey of the sea wall before the end of the year."
    text = " ".join([sentence] * 12) + " The library opens on Saturday morning at nine."
    assert structural(text, text) == []


def test_every_sentence_doubled_gives_no_negation_finding_for_the_copies():
    source, target = article("seed")
    config = Config(models=False, judge="off", checks=("negation", "mass-duplication"))
    assert structural(source, target, config) == []  # no mass duplication on the seed itself
    document = compare_texts(Text(source), Text(wrecks.duplicated_each(target)), config)
    assert [f.check for f in document.findings] == ["mass-duplication"]


def test_twenty_thousand_copies_are_one_folded_finding_and_the_spans_index_the_real_text():
    source, target = article("fixture")
    looped = wrecks.one_sentence_repeated(target, 20_000)
    config = Config(models=False)
    document = compare_texts(Text(source), Text(looped), config)
    assert_spans_exact(document.findings, document)
    (finding,) = [f for f in document.findings if f.check == "mass-duplication"]
    evidence = dict(finding.evidence)
    assert evidence["copies"] == 20_000 and "repeated 20,000 times" in finding.message
    start, end = evidence["folded_start"], evidence["folded_end"]
    assert looped[start:end].split() == looped.split()[len(finding.target_span.text.split()):]
    assert len(document.target_segments) < 5 and len(document.findings) < 40
    report = build_report([document], config)
    assert report.documents[0].findings and not report.gate.passed
    assert any("mass duplication" in reason for reason in report.gate.reasons)


@pytest.mark.parametrize("models", [False, True], ids=["rules", "models"])
def test_a_structural_finding_keeps_its_confidence_past_the_judge_and_fails_the_gate(models):
    source, target = article("fixture")
    config = Config(models=models)  # the packaged judge on, default settings
    document = compare_texts(Text(source), Text(wrecks.reversed_order(target)), config)
    (finding,) = [f for f in document.findings if f.severity is Severity.CRITICAL]
    assert finding.check == "sentence-order" and finding.confidence >= gate_threshold(config, models=models)
    report = build_report([document], config)
    assert not report.gate.passed and any("out of order" in reason for reason in report.gate.reasons)


def test_a_loop_of_a_short_line_is_reported_as_no_other_check_sees_folded_copies():
    source, target = article("fixture")
    (finding,) = structural(source, target + "\n" + "Share\n" * 5_000)
    assert finding.check == "mass-duplication" and "repeated 5,000 times" in finding.message
    assert structural(source, target + "\n" + "Share\n" * 12) == []  # short, and a small share: furniture


def test_a_big_article_is_matched_at_sampled_sentences_and_only_when_the_alignment_leaves_much_out(monkeypatch):
    import mtcheck.analyses.structure as structure

    monkeypatch.setattr(structure, "ALWAYS_MATCHED", 0)  # every article counts as big
    monkeypatch.setattr(structure, "BIG_SAMPLE", 40)  # the seed's 130 target segments are sampled
    source, target = article("seed")
    (finding,) = structural(source, wrecks.reversed_order(target))
    assert finding.check == "sentence-order" and dict(finding.evidence)["sampled"] is True
    assert [f.check for f in structural(source, wrecks.truncated_half(target))] == ["truncation"]
    assert [f.check for f in structural(source, wrecks.other_article())] == ["wrong-article"]
    assert structural(source, target) == []
    document = aligned_document(Text(source), Text(source), ONLY_STRUCTURAL)
    (facts,) = analysed_view(document, built_checks(ONLY_STRUCTURAL)).analyses.get("structure")
    assert not facts.matched  # aligned whole: nothing to match out of order
