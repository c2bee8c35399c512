"""judge.forest: a LightGBM forest read from its text format gives LightGBM's own raw scores."""

from __future__ import annotations

import json

import numpy as np
import pytest

from mtcheck.training.fit import fit_forest
from mtcheck.grade.judge.forest import Forest

lightgbm = pytest.importorskip("lightgbm")


def _data(rows=600, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(rows, 4))
    x[:, 3] = rng.integers(0, 2, size=rows)  # a 0/1 feature, as most of the judge's are
    y = ((x[:, 0] + 0.5 * x[:, 1] * x[:, 3] + rng.normal(scale=0.7, size=rows)) > 0.4).astype(int)
    return x, y


@pytest.mark.parametrize("leaves", [7, 15, 40])  # read through the table (6, 14 splits), and walked (39 splits)
def test_the_forest_gives_lightgbms_raw_scores(leaves):
    x, y = _data(rows=3000)
    booster = lightgbm.train({"objective": "binary", "num_leaves": leaves, "min_data_in_leaf": 5, "verbose": -1,
                              "deterministic": True,
                              "force_col_wise": True, "num_threads": 1}, lightgbm.Dataset(x, y), num_boost_round=40)
    forest = Forest(("a", "b", "c", "d"), booster.model_to_string())
    assert forest._trees.feature.shape[1] == leaves - 1
    probe, _ = _data(rows=300, seed=1)
    rows = [dict(zip(forest.features, row)) for row in probe]
    assert np.allclose(forest.logits(rows), booster.predict(probe, raw_score=True), rtol=0, atol=1e-9)
    assert forest.logit(rows[0]) == pytest.approx(float(booster.predict(probe[:1], raw_score=True)[0]), abs=1e-9)


def test_the_table_and_the_walk_reach_the_same_leaves():
    x, y = _data(rows=2000)
    forest = fit_forest([dict(zip("abcd", row)) for row in x], y.tolist())
    probe, _ = _data(rows=500, seed=2)
    probe[::7, 2] = np.nan  # a missing value goes where the split says
    assert np.array_equal(forest._trees._looked_up(probe), forest._trees._walked(probe))


def test_trees_that_are_a_single_leaf_add_their_value():
    x, y = _data(rows=60)
    # So few rows per leaf allowed that no tree can split: every tree is one leaf.
    booster = lightgbm.train({"objective": "binary", "min_data_in_leaf": 1000, "verbose": -1}, lightgbm.Dataset(x, y),
                             num_boost_round=3)
    forest = Forest(("a", "b", "c", "d"), booster.model_to_string())
    assert np.allclose(forest.logits([{}, {"a": 5.0}]), booster.predict(np.array([[0, 0, 0, 0], [5, 0, 0, 0.]]),
                                                                       raw_score=True), atol=1e-12)


def test_a_missing_feature_is_zero_and_an_unknown_one_is_ignored():
    x, y = _data()
    rows = [dict(zip("abcd", row)) for row in x]
    forest = fit_forest(rows, y.tolist())
    assert forest.features == ("a", "b", "c", "d")
    assert forest.logits([{"a": 1.0, "zzz": 9.0}])[0] == forest.logits([{"a": 1.0, "b": 0.0, "c": 0.0, "d": 0.0}])[0]
    assert forest.logits([]).shape == (0,)


def test_fitting_is_deterministic_and_the_json_round_trips():
    x, y = _data()
    rows = [dict(zip("abcd", row)) for row in x]
    first, second = fit_forest(rows, y.tolist()), fit_forest(rows, y.tolist())
    assert first.text == second.text
    again = Forest.from_json(json.loads(json.dumps(first.to_json())))
    assert again == first
    assert np.array_equal(again.logits(rows[:50]), first.logits(rows[:50]))


@pytest.mark.parametrize("text, message", [
    ("tree\nversion=v4\n", "no trees"),
    ("tree\n\nTree=0\nnum_leaves=2\nsplit_feature=7\nthreshold=0.5\ndecision_type=2\nleft_child=-1\n"
     "right_child=-2\nleaf_value=0.1 0.2\n\nend of trees\n", "more features"),
    ("tree\n\nTree=0\nnum_leaves=2\nsplit_feature=0\nthreshold=0\ndecision_type=1\nleft_child=-1\n"
     "right_child=-2\nleaf_value=0.1 0.2\n\nend of trees\n", "categorical"),
])
def test_a_model_it_cannot_read_is_refused_when_loaded(text, message):
    with pytest.raises(ValueError, match=message):
        Forest.from_json({"kind": "lightgbm", "features": ["a"], "model": text})
