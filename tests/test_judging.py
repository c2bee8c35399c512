"""The judge step: measured confidences, the learned layer's own findings, and the operating points at work."""

from dataclasses import replace
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from mtcheck.config import Config
from mtcheck.segment.documents import parallel_document
from mtcheck.grade.judge.model import PRIOR_SEGMENTS, CheckRate, Logistic, Platt, Variant, parse, to_json
from mtcheck.pipeline import compare_records
from mtcheck.report.build import build_report
from mtcheck.read.pairs import PairRecord
from mtcheck.types import Finding, Severity, Span

SOURCES = ["The minister resigned on Monday.", "Prices rose by 5 percent in July.", "The bridge opened to traffic."]
TARGETS = ["The minister quit on Monday.", "Prices collapsed by 5 percent in July.", "The bridge opened to traffic."]


def judge_file(tmp_path, *, review=0.3, gate=0.8, unlinked_weight=4.0, measured=("numbers",)):
    """A judge whose word model calls any word with nothing opposite or standing for another an error."""
    word = Logistic(("link:none", "link:stands-for"), (0.0, 0.0), (1.0, 1.0), (unlinked_weight, unlinked_weight), -3.0)
    finding = Logistic(("word_logit_max",), (0.0,), (1.0,), (1.0,), 0.0)
    rules = Variant(word, finding, Platt(), Platt(), {check: CheckRate(100, 0.5) for check in measured},
                    {"review": review, "gate": gate})
    path = tmp_path / "judge.json"
    path.write_text(to_json({"rules": rules}, {}), encoding="utf-8")
    return str(path)


def run(sources, targets, config):
    records = [PairRecord(str(k), s, t, None) for k, (s, t) in enumerate(zip(sources, targets))]
    return compare_records(records, config, default_id="doc")


def test_a_word_standing_for_another_becomes_a_word_error_with_its_evidence(tmp_path):
    config = Config(models=False, judge=judge_file(tmp_path))
    (document,) = run(SOURCES, TARGETS, config)
    learned = [f for f in document.findings if f.check == "word-error"]
    texts = {f.target_span.text: f for f in learned}
    assert {"quit", "collapsed"} <= set(texts)
    quit = texts["quit"]
    evidence = dict(quit.evidence)
    assert evidence["link"] == "stands-for" and evidence["source_words"] == ("resigned",)
    assert quit.category == "Accuracy/Mistranslation" and quit.confidence == evidence["word_probability"]
    assert "resigned" in quit.message
    assert not [f for f in document.findings if f.pair == 2]  # the identical pair


def test_words_spelt_as_in_the_source_are_flagged_too_but_an_identical_pair_never(tmp_path):
    # A word model that calls every word an error: the words a pair shares with its source are in the
    # run as well (raters mark phrases), while the pair that is its source word for word gets nothing.
    path = tmp_path / "judge.json"
    every_word = Logistic((), (), (), (), 3.0)
    rules = Variant(every_word, Logistic(("word_logit_max",), (0.0,), (1.0,), (1.0,), 0.0), Platt(), Platt(), {},
                    {"review": 0.3, "gate": 0.8})
    path.write_text(to_json({"rules": rules}, {}), encoding="utf-8")
    (document,) = run(SOURCES, TARGETS, Config(models=False, judge=str(path)))
    learned = {f.pair: f.target_span.text for f in document.findings if f.check == "word-error"}
    assert learned[0].startswith("The minister quit on Monday")
    assert 2 not in learned


def test_word_errors_are_selected_like_a_check(tmp_path):
    path = judge_file(tmp_path)
    for config in (Config(models=False, judge=path, skip_checks=("word-error",)),
                   Config(models=False, judge=path, checks=("numbers",))):
        (document,) = run(SOURCES, TARGETS, config)
        assert not [f for f in document.findings if f.check == "word-error"]
    (document,) = run(SOURCES, TARGETS, Config(models=False, judge=path, checks=("word-error",)))
    assert {f.check for f in document.findings} == {"word-error"}


def test_findings_below_the_listing_threshold_are_not_reported(tmp_path):
    path = judge_file(tmp_path, review=0.3, gate=0.99)
    (listed,) = run(SOURCES, TARGETS, Config(models=False, judge=path))
    (strict,) = run(SOURCES, TARGETS, Config(models=False, judge=path, operating_point="gate"))
    assert listed.findings and not [f for f in strict.findings if f.check == "word-error"]
    assert all(f.confidence >= 0.3 for f in listed.findings)


def test_a_check_the_data_did_not_measure_keeps_its_confidence_and_says_so(tmp_path):
    (document,) = run(["The talks ended."], ["The talks ended ended."], Config(models=False, judge=judge_file(tmp_path)))
    doubled = [f for f in document.findings if f.check == "doubled-words"]
    assert doubled and dict(doubled[0].evidence)["confidence_basis"] == "asserted"
    (off,) = run(["The talks ended."], ["The talks ended ended."], Config(models=False, judge="off"))
    assert [f.confidence for f in off.findings if f.check == "doubled-words"] == [doubled[0].confidence]


def test_a_check_seen_a_few_times_moves_toward_its_measured_rate(tmp_path):
    path = tmp_path / "judge.json"
    rules = parse(Path(judge_file(tmp_path)).read_text(encoding="utf-8"), "t").variants["rules"]
    rates = {**rules.checks, "doubled-words": CheckRate(10, 0.0)}
    path.write_text(to_json({"rules": replace(rules, checks=rates)}, {}), encoding="utf-8")
    (document,) = run(["The talks ended."], ["The talks ended ended."], Config(models=False, judge=str(path)))
    (off,) = run(["The talks ended."], ["The talks ended ended."], Config(models=False, judge="off"))
    (doubled,) = [f for f in document.findings if f.check == "doubled-words"]
    (own,) = [f.confidence for f in off.findings if f.check == "doubled-words"]
    # Ten segments of unconfirmed findings against twenty segments' worth of the check's own value.
    assert doubled.confidence == round(own * PRIOR_SEGMENTS / (PRIOR_SEGMENTS + 10), 4) < own
    assert dict(doubled.evidence)["confidence_basis"] == "asserted+shrunk"


def test_the_gate_counts_only_findings_at_or_above_its_operating_point(tmp_path):
    path = judge_file(tmp_path, review=0.1, gate=0.5)
    document = parallel_document("d", ["a"], ["b"])
    span = Span.of(document.target.text, 0, 1)
    weak = Finding("numbers", "Accuracy/Mistranslation", Severity.CRITICAL, 0, span, None, "weak", confidence=0.3)
    strong = replace(weak, confidence=0.7, message="strong")
    for findings, passed in (((weak,), True), ((weak, strong), False)):
        report = build_report([replace(document, findings=findings)], Config(models=False, judge=path))
        assert report.gate.passed is passed
        assert report.gate.reasons[0].startswith(f"{0 if passed else 1} critical finding")
    assert "|judge:judge@" in report.signature and "|op:review|verdict:" in report.signature


texts = st.lists(st.sampled_from("the minister quit resigned on Monday prices rose fell collapsed by 5 percent ,".split()),
                 min_size=1, max_size=10).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(texts, texts), min_size=1, max_size=4))
def test_every_judged_finding_has_an_exact_span_and_a_probability(tmp_path_factory, pairs):
    path = judge_file(tmp_path_factory.mktemp("judge"), review=0.05)
    config = Config(models=False, judge=path, allow_non_english_source=True)
    (document,) = run([s for s, _ in pairs], [t for _, t in pairs], config)
    for finding in document.findings:
        assert 0.0 <= finding.confidence <= 1.0
        for span, text in ((finding.target_span, document.target.text), (finding.source_span, document.source.text)):
            if span is not None:
                assert text[span.start : span.end] == span.text


def test_the_judge_reads_its_findings_once_so_a_caller_can_hand_over_an_iterator(tmp_path):
    # pipeline.evaluate hands the checks' findings over as an iterator, its only reference to them, so that
    # each pair's are let go as their measured copies are made: the result must not depend on that.
    from mtcheck.analyses import analysed_view
    from mtcheck.grade.judge import judge_model
    from mtcheck.grade.judge.judging import NEEDS, judged
    from mtcheck.checks import detect
    from mtcheck.pipeline import aligned_document, built_checks
    from mtcheck.score.scoring import score
    from mtcheck.types import Text

    config = Config(models=False, judge=judge_file(tmp_path))
    document = score(aligned_document(Text("\n\n".join(SOURCES)), Text("\n\n".join(TARGETS)), config))
    checks = built_checks(config)
    view = analysed_view(document, checks, also=NEEDS)
    findings = detect(view, checks)
    assert findings
    model = judge_model(config)
    as_list, stats = judged(view, findings, model)
    as_iterator, _ = judged(view, iter(findings), model)
    assert as_iterator == as_list and any(f.check == "word-error" for f in as_list)
    assert all(stats.get(pair.index).words > 0 for pair in document.pairs)
    assert stats.get(len(document.pairs)) is None
