"""Fitting the verdict's estimate and cut points (training time; training.verdict_fit) on made-up articles."""

import json
import random

import pytest

from mtcheck.training.article_data import ArticleReading
from mtcheck.grade.judge.model import ESTIMATE_INPUTS, VerdictCuts, load
from mtcheck.training.verdict_fit import BEST_MAX, PROMISE, WORST_MIN, band, fit_cuts, with_cuts


def _reading(human: float, expected: float, quality: float, chrf: float, k: int = 0) -> ArticleReading:
    return ArticleReading(f"d{k}:s", "s", f"d{k}", "calibrate", human, 100, quality, chrf, 1.0, 1.0, 0.0, 0.0,
                          expected, 0.0, 0, 0, (), 0.0)


def _articles(n: int = 300, noise: float = 4.0, seed: int = 1) -> list[ArticleReading]:
    rng = random.Random(seed)
    found = []
    for k in range(n):
        human = max(0.0, rng.gauss(14, 9))
        # The judge sees a noisy third of the raters' penalty; chrF falls as errors rise; quality is noise.
        expected = max(0.0, human / 3 + rng.gauss(0, noise / 3))
        found.append(_reading(human, expected, rng.uniform(20, 80), max(0.0, 80 - human + rng.gauss(0, noise)), k))
    return found


def test_bands_are_fixed_ranges_of_the_raters_penalty():
    assert band(0) == band(BEST_MAX) == "best"
    assert band(BEST_MAX + 0.1) == band(WORST_MIN) == "middle"
    assert band(WORST_MIN + 0.1) == "worst"


def test_the_estimate_is_monotone_and_in_the_raters_unit():
    cuts = fit_cuts(_articles()).cuts
    weights = dict(zip(ESTIMATE_INPUTS, cuts.weights))
    assert weights["expected_penalty"] > 0 and weights["quality"] <= 0 and weights["chrf"] <= 0
    # The made-up judge sees a third of the penalty: the line scales it back (about 3, less where chrF helps).
    assert 1.0 < weights["expected_penalty"] < 3.5
    assert cuts.estimate({"expected_penalty": 0.0, "quality": 100.0, "chrf": 100.0}) < cuts.review_penalty


@pytest.mark.parametrize("noise", [1.0, 4.0, 12.0])
def test_the_cuts_keep_both_promises_on_the_articles_they_were_fitted_on(noise):
    readings = _articles(noise=noise)
    fitted = fit_cuts(readings)
    cuts = fitted.cuts

    def estimate(r):
        return cuts.estimate({name: getattr(r, name) for name in ESTIMATE_INPUTS})

    worst = [r for r in readings if band(r.human_per_100_words) == "worst"]
    best = [r for r in readings if band(r.human_per_100_words) == "best"]
    assert (fitted.worst, fitted.best) == (len(worst), len(best))
    assert sum(estimate(r) <= cuts.review_penalty for r in worst) <= PROMISE * len(worst)
    assert sum(estimate(r) > cuts.fail_penalty for r in best) <= PROMISE * len(best)
    assert cuts.review_penalty <= cuts.fail_penalty
    # A sharp estimate separates the bands: it passes what looks like the best band and fails what looks
    # like the worst, and the middle band goes to review.
    if noise == 1.0:
        assert abs(cuts.review_penalty - BEST_MAX) < 2 and abs(cuts.fail_penalty - WORST_MIN) < 2


def test_fitting_needs_both_bands():
    with pytest.raises(ValueError, match="both the best and the worst band"):
        fit_cuts([_reading(10, 3, 50, 50, k) for k in range(20)])


def test_with_cuts_writes_a_judge_file_that_reads_back():
    cuts = VerdictCuts(2.0, (1.5, -0.1, -0.2), 30.0, 12.0, 0.5, 0.85)
    text = with_cuts(json.dumps({"format": "mtcheck.judge/1", "about": {}, "variants": {"rules": {}}}),
                     {"rules": cuts}, {"command": "test"})
    data = json.loads(text)
    assert VerdictCuts.from_json(data["variants"]["rules"]["verdict"]) == cuts
    assert data["about"]["verdict"] == {"command": "test"}


def test_the_shipped_cuts_are_in_order_for_both_variants():
    for models in (False, True):
        cuts = load().variant(models).verdict
        assert cuts is not None
        assert 0 <= cuts.review_penalty <= cuts.fail_penalty and 0 <= cuts.fail_coverage <= cuts.review_coverage <= 1
