"""Editors' verdicts on whole articles move the verdict's cut points (`mtcheck calibrate`)."""

import json

import pytest

from mtcheck.cli import main
from mtcheck.errors import InputError
from mtcheck.grade.judge.model import VerdictCuts, load
from mtcheck.training.verdict_refit import MIN_ARTICLES, refit_cuts
from mtcheck.report.verdicts import ArticleJudgement, read_article_judgements

# An estimate that is the expected penalty itself: the tests place articles by it.
CUTS = VerdictCuts(0.0, (1.0, 0.0, 0.0), fail_penalty=30.0, review_penalty=10.0, fail_coverage=0.5,
                   review_coverage=0.85)


def _judged(estimate: float, verdict: str, models: bool = True) -> ArticleJudgement:
    return ArticleJudgement("a", verdict, models, (("expected_penalty", estimate), ("quality", 50.0), ("chrf", 50.0)))


def test_editors_who_pass_more_move_the_review_cut_up():
    # Twenty articles between 10 and 20 that the editors passed, and a few above 20 they sent to review.
    judged = [_judged(10.5 + k / 2, "pass") for k in range(20)] + [_judged(21 + k, "review") for k in range(5)]
    moved = refit_cuts(CUTS, judged)
    assert 19.9 < moved.review_penalty < 21
    assert moved.fail_penalty == 30.0  # nobody failed anything: the fail cut keeps its place


def test_editors_who_fail_more_move_the_fail_cut_down():
    judged = [_judged(15 + k / 2, "fail") for k in range(20)] + [_judged(5, "pass") for _ in range(5)]
    moved = refit_cuts(CUTS, judged)
    assert moved.fail_penalty < 15 and moved.review_penalty <= moved.fail_penalty


def test_too_few_article_verdicts_keep_the_cuts():
    assert refit_cuts(CUTS, [_judged(25, "pass")] * (MIN_ARTICLES - 1)) == CUTS


def test_a_few_verdicts_against_the_cut_move_it_less_than_many():
    few = refit_cuts(CUTS, [_judged(12, "pass")] * 2 + [_judged(40, "fail")] * 3)
    many = refit_cuts(CUTS, [_judged(12, "pass")] * 40 + [_judged(40, "fail")] * 3)
    assert few.review_penalty == 10.0
    assert many.review_penalty >= 12


def test_calibrate_from_article_verdicts_alone_writes_moved_cuts(tmp_path, capsys):
    shipped = load().variant(models=False).verdict
    # Articles the editors passed, each estimated just above the shipped review cut.
    above = shipped.review_penalty + 0.5
    weights = dict(zip(("expected_penalty", "quality", "chrf"), shipped.weights))
    expected = (above - shipped.intercept - 50.0 * (weights["quality"] + weights["chrf"])) / weights["expected_penalty"]
    rows = [{"id": f"a{k}", "verdict": "pass", "models": False,
             "scores": {"expected_penalty": expected, "quality": 50.0, "chrf": 50.0}} for k in range(30)]
    path = tmp_path / "editors.json"
    path.write_text(json.dumps({"format": "mtcheck.verdicts/1", "verdicts": [], "articles": rows}), encoding="utf-8")
    out = tmp_path / "newsroom.json"
    assert main(["calibrate", str(path), "--output", str(out)]) == 0
    assert "rules: review above" in capsys.readouterr().out
    moved = load(str(out)).variant(models=False).verdict
    assert moved.review_penalty >= above - 0.01
    assert load(str(out)).variant(models=True).verdict == load().variant(models=True).verdict


def test_a_bad_article_verdict_is_one_input_error(tmp_path):
    path = tmp_path / "editors.json"
    path.write_text(json.dumps({"format": "mtcheck.verdicts/1", "verdicts": [],
                                "articles": [{"id": "a", "verdict": "publish", "scores": {}}]}), encoding="utf-8")
    with pytest.raises(InputError, match="article verdict 1: verdict must be one of pass, review, fail"):
        read_article_judgements([path])
