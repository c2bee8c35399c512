"""A LightGBM model read from LightGBM's own text format, and evaluated with numpy.

The judge's word model is a gradient-boosted forest that training.train fits
with LightGBM and ships as the text ``Booster.model_to_string`` writes (plain
data, never pickle). Reading it needs no LightGBM: importing the library costs
over a second (it brings scikit-learn and its wrappers along), more than the
judge spends on a whole article, and the format is a few arrays per tree.
tests/test_judge_forest.py checks that this reader gives LightGBM's own raw
scores.

A small tree (at most 16 splits: the judge's have 14) is read through a table:
every split is decided for all rows in one comparison, each tree's decisions
make a number, and a table built once per process says which leaf that
number reaches, so a pair's words cost five array operations whatever the
depth. Bigger trees are walked instead, one level per numpy step, for all rows
and trees at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Mapping, Sequence

import numpy as np

_CATEGORICAL = 1  # decision_type bit 0
_DEFAULT_LEFT = 2  # bit 1: where a missing value goes
_MISSING_SHIFT, _MISSING_MASK = 2, 3  # bits 2-3: 0 none, 1 zero, 2 NaN
_MISSING_NAN = 2
# Rows per pass: the leaf-table lookup holds (rows x trees x splits) floats and ints, 2,800 columns for the
# shipped forest, so 2,048 rows took over 100 MB of temporaries and 256 about 13 MB; 64 take about 3 MB
# and run faster still (4,096 rows: 256 a pass 107 ms, 64 a pass 61 ms: the temporaries stay in cache).
_CHUNK = 64
_TABLE_SPLITS = 16  # trees with at most this many splits are read through a table of 2**splits leaves each


@dataclass(frozen=True)
class Forest:
    """raw score = the sum over trees of the leaf each row reaches; ``logit`` is that score."""

    features: tuple[str, ...]
    text: str = field(repr=False)  # LightGBM's model text, as shipped

    def logit(self, x: Mapping[str, float]) -> float:
        return float(self.logits([x])[0])

    def logits(self, rows: Sequence[Mapping[str, float]]) -> np.ndarray:
        """Raw scores of feature rows (a missing feature is 0, as when it was fitted)."""
        # In chunks: the walk holds a (rows x trees) array or two.
        return np.concatenate([self._trees.raw(matrix(rows[start : start + _CHUNK], self.features))
                               for start in range(0, len(rows), _CHUNK)] or [np.zeros(0)])

    @cached_property
    def _trees(self) -> _Trees:
        return _Trees.parse(self.text, len(self.features))

    def to_json(self) -> dict:
        return {"kind": "lightgbm", "features": list(self.features), "model": self.text}

    @classmethod
    def from_json(cls, data: Mapping) -> Forest:
        forest = cls(tuple(data["features"]), str(data["model"]))
        forest._trees  # noqa: B018 -- parse now, so a bad file is an error when it is loaded, not mid-article
        return forest


@dataclass(frozen=True, eq=False)
class _Trees:
    """All trees padded to one shape: per tree, its internal nodes' splits and its leaves' values."""

    feature: np.ndarray  # (trees, nodes) int
    threshold: np.ndarray  # (trees, nodes) float
    left: np.ndarray  # (trees, nodes) int: a child >= 0 is a node, ~child a leaf
    right: np.ndarray
    default_left: np.ndarray  # (trees, nodes) bool: where NaN goes
    leaf_value: np.ndarray  # (trees, leaves) float
    start: np.ndarray  # (trees,) int: 0, the root, or ~0 for a tree that is a single leaf
    depth: int

    @classmethod
    def parse(cls, text: str, features: int) -> _Trees:
        blocks = [_fields(block) for block in text.split("\nTree=")[1:]]
        if not blocks:
            raise ValueError("the LightGBM model has no trees")
        nodes = max(int(b["num_leaves"][0]) - 1 for b in blocks) or 1
        leaves = max(int(b["num_leaves"][0]) for b in blocks)
        shape = (len(blocks), nodes)
        feature, left, right = np.zeros(shape, int), np.full(shape, -1), np.full(shape, -1)
        threshold, default_left = np.zeros(shape), np.zeros(shape, bool)
        leaf_value = np.zeros((len(blocks), leaves))
        start = np.zeros(len(blocks), int)
        for t, block in enumerate(blocks):
            values = [float(v) for v in block["leaf_value"]]
            leaf_value[t, : len(values)] = values
            if len(values) == 1:
                start[t] = ~0  # a single leaf: the walk starts (and ends) at it
                continue
            kinds = [int(v) for v in block["decision_type"]]
            if any(kind & _CATEGORICAL for kind in kinds):
                raise ValueError("categorical splits are not supported")
            if any((kind >> _MISSING_SHIFT) & _MISSING_MASK not in (0, _MISSING_NAN) for kind in kinds):
                raise ValueError("zero-as-missing splits are not supported")
            count = len(kinds)
            feature[t, :count] = [int(v) for v in block["split_feature"]]
            threshold[t, :count] = [float(v) for v in block["threshold"]]
            left[t, :count] = [int(v) for v in block["left_child"]]
            right[t, :count] = [int(v) for v in block["right_child"]]
            default_left[t, :count] = [bool(kind & _DEFAULT_LEFT) for kind in kinds]
        if feature.max(initial=0) >= features:
            raise ValueError("the LightGBM model splits on more features than the judge file names")
        return cls(feature, threshold, left, right, default_left, leaf_value, start, depth=leaves)

    def raw(self, x: np.ndarray) -> np.ndarray:
        if self.feature.shape[1] <= _TABLE_SPLITS:
            return self._looked_up(x)
        return self._walked(x)

    @cached_property
    def _table(self) -> np.ndarray:
        """(trees, 2**splits): the leaf reached when bit k of the column number says "left" at split k."""
        trees, splits = self.feature.shape
        codes = np.arange(1 << splits)
        table = np.zeros((trees, 1 << splits), dtype=np.int16)
        for t in range(trees):  # a tree at a time: a few MB of temporaries, not hundreds
            node = np.full(codes.shape, self.start[t])
            for _ in range(self.depth):
                inside = node >= 0
                if not inside.any():
                    break
                n = node[inside]
                go_left = (codes[inside] >> n) & 1 == 1
                node[inside] = np.where(go_left, self.left[t, n], self.right[t, n])
            table[t] = ~node
        return table

    def _looked_up(self, x: np.ndarray) -> np.ndarray:
        trees, splits = self.feature.shape
        value = x[:, self.feature.ravel()]  # (rows, trees * splits); unused split slots read column 0
        decided = np.where(np.isnan(value), self.default_left.ravel(), value <= self.threshold.ravel())
        code = decided.reshape(len(x), trees, splits) @ (1 << np.arange(splits))
        leaf = self._table[np.arange(trees), code]
        return self.leaf_value[np.arange(trees), leaf].sum(axis=1)

    def _walked(self, x: np.ndarray) -> np.ndarray:
        rows, trees = x.shape[0], self.feature.shape[0]
        tree = np.broadcast_to(np.arange(trees), (rows, trees))
        row = np.broadcast_to(np.arange(rows)[:, None], (rows, trees))
        node = np.repeat(self.start[None, :], rows, axis=0)
        for _ in range(self.depth):
            inside = node >= 0
            if not inside.any():
                break
            t, r, n = tree[inside], row[inside], node[inside]
            value = x[r, self.feature[t, n]]
            go_left = np.where(np.isnan(value), self.default_left[t, n], value <= self.threshold[t, n])
            node[inside] = np.where(go_left, self.left[t, n], self.right[t, n])
        return self.leaf_value[tree, ~node].sum(axis=1)


def matrix(rows: Sequence[Mapping[str, float]], names: Sequence[str]) -> np.ndarray:
    """Rows of named features as columns in ``names`` order; a feature a row lacks is 0."""
    x = np.zeros((len(rows), len(names)), dtype=np.float64)
    column = {name: k for k, name in enumerate(names)}
    for r, row in enumerate(rows):
        for name, value in row.items():
            k = column.get(name)
            if k is not None:
                x[r, k] = value
    return x


def _fields(block: str) -> dict[str, list[str]]:
    """A tree block's ``key=v1 v2 ...`` lines (its first line is the tree's number)."""
    out = {}
    for line in block.splitlines()[1:]:
        if not line.strip():
            break
        key, _, values = line.partition("=")
        out[key] = values.split()
    return out
