"""Fitting the judge: logistic models, Platt scaling, operating points, reliability, and training end to end."""

from pathlib import Path

import numpy as np
import pytest

from mtcheck.training import examples as examples_module
from mtcheck.training import fit, train
from mtcheck.training.mqm_data import load_news
from mtcheck.grade.judge.model import sigmoid, to_json

FIXTURE = Path(__file__).parent / "fixtures" / "mqm"


def synthetic(n=2000, seed=3):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 2))
    p = 1 / (1 + np.exp(-(2.0 * x[:, 0] - 1.0 * x[:, 1] - 0.5)))
    y = (rng.random(n) < p).astype(int)
    return [{"a": float(a), "b": float(b)} for a, b in x], y.tolist()


def test_a_fitted_logistic_model_recovers_the_signs_and_refits_identically():
    rows, labels = synthetic()
    model = fit.fit_logistic(rows, labels)
    assert model.features == ("a", "b") and model.weights[0] > 1.0 and model.weights[1] < -0.5
    assert fit.fit_logistic(rows, labels) == model


def test_one_class_gives_the_smoothed_base_rate():
    model = fit.fit_logistic([{"a": 1.0}] * 3, [1, 1, 1])
    assert model.weights == (0.0,) and abs(sigmoid(model.intercept) - 0.8) < 1e-6


def test_platt_scaling_calibrates_overconfident_logits():
    rng = np.random.default_rng(0)
    true = rng.normal(size=5000)
    labels = (rng.random(5000) < 1 / (1 + np.exp(-true))).astype(int).tolist()
    platt = fit.fit_platt((3 * true).tolist(), labels)  # logits three times too sure
    assert abs(platt.a - 1 / 3) < 0.05 and abs(platt.b) < 0.1


def test_the_gate_point_keeps_error_free_items_under_five_percent_and_review_is_below_it():
    rng = np.random.default_rng(1)
    items = []
    for k in range(400):
        error_free = k % 2 == 0
        gold = np.zeros(20, dtype=bool) if error_free else np.arange(20) < 5
        scores = np.where(gold, rng.uniform(0.3, 1.0, 20), rng.uniform(0.0, 0.6, 20))
        items.append(fit.ScoredItem(scores, gold, float(scores.max()), error_free))
    points = fit.operating_points(items)
    clean = sum(item.error_free for item in items)
    # The gate holds the share's 95% upper bound, not only the share seen, under 5%.
    assert fit.wilson_upper(fit.error_free_flagged(items, points["gate"]), clean) <= 0.05
    assert fit.wilson_upper(fit.error_free_flagged(items, round(points["gate"] - 0.02, 2)), clean) > 0.05
    assert fit.error_free_flagged(items, points["gate"]) < 0.05
    assert points["review"] <= points["gate"]
    def mcc(t):
        return fit.span_counts(items, t).mcc

    assert mcc(points["review"]) == max(mcc(t) for t in fit.CANDIDATES if t <= points["gate"])
    # Not the floor: below the best MCC, flags on error-free items only add false alarms.
    assert points["review"] > fit.CANDIDATES[0]


def test_the_wilson_upper_bound_by_hand():
    z2 = 1.645 ** 2
    assert fit.wilson_upper(0.0, 100) == pytest.approx(z2 / (100 + z2))
    # The bound is the upper root of (share - p)^2 = z^2 p (1 - p) / n.
    a, b = 1 + z2 / 500, -(2 * 0.05 + z2 / 500)
    assert fit.wilson_upper(0.05, 500) == pytest.approx((-b + (b * b - 4 * a * 0.05 ** 2) ** 0.5) / (2 * a))
    assert fit.wilson_upper(0.05, 500) == pytest.approx(0.0686, abs=1e-4)
    assert fit.wilson_upper(0.05, 50_000) == pytest.approx(0.0516, abs=1e-4)  # more items, a tighter bound
    assert fit.wilson_upper(0.3, 0) == 1.0


def test_span_counts_and_mcc_by_hand():
    item = fit.ScoredItem(np.array([0.9, 0.9, 0.1, 0.1]), np.array([True, False, True, False]), 0.9, False)
    counts = fit.span_counts([item], 0.5)
    assert (counts.tp, counts.fp, counts.fn, counts.tn) == (1, 1, 1, 1)
    assert counts.precision == counts.recall == counts.f1 == counts.f_beta(2.0) == 0.5 and counts.mcc == 0.0


def test_reliability_rows_and_expected_calibration_error():
    rows, ece = fit.reliability([0.05, 0.15, 0.95, 0.95], [0, 1, 1, 1], bins=10)
    assert rows[0] == (0.0, 0.1, 1, 0.05, 0.0) and rows[9][2] == 2
    assert abs(ece - (0.05 + 0.85 + 0.05 + 0.05) / 4) < 1e-9


def test_training_on_a_small_mqm_file_gives_a_judge_file_that_loads(tmp_path):
    from mtcheck.grade.judge.model import parse

    items = load_news(FIXTURE)
    examples = examples_module.examples(items, models=False)
    assert sum(len(e.rows) for e in examples) == sum(len(i.target.split()) for i in items)  # a row per word
    fell = next(e for e in examples if e.item.target.startswith("Prices fell"))
    assert [row.end - row.start for row, y in zip(fell.rows, fell.word_labels) if y] == [4]
    variant = train.fit_variant(examples, examples, models=False)
    text = to_json({"rules": variant}, {"test": True})
    assert parse(text, "tiny").variants["rules"].operating_points == variant.operating_points
    assert to_json({"rules": train.fit_variant(examples, examples, models=False)}, {"test": True}) == text


def test_a_checks_rate_counts_each_segment_once_however_many_translations_it_fired_on():
    from mtcheck.training.mqm_data import MqmItem
    from mtcheck.types import Finding, Severity

    def example(doc, segment, system, labels):
        item = MqmItem(system, doc, segment, "s", "t", ())
        findings = [Finding("pronouns", "Accuracy/Mistranslation", Severity.MAJOR, 0, None, None, "m", 0.9)
                    for _ in labels]
        return examples_module.Example(item, [], [], findings, list(labels), None)

    # One segment whose reference is wrong: thirteen translations, none confirmed; two others confirmed.
    examples = [example("d1", 0, f"sys{k}", [0]) for k in range(13)]
    examples += [example("d1", 1, "sys0", [1]), example("d2", 0, "sys0", [1, 0])]
    rate = train.check_rates(examples)["pronouns"]
    assert rate.segments == 3
    assert rate.confirmed == round((0.0 + 1.0 + 0.5) / 3, 4)
