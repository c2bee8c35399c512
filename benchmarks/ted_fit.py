"""Fitting mtcheck's per-item features to TED MQM on the dev talks, reporting on the held-out ones.

Used by ``mqm_correlation.py --fit``. Three kinds of fit, each printed with
its dev and test tau side by side, for a human to choose from:

- ``lstsq``: MQM ~ b0 + sum b_k * feature_k, ordinary least squares on dev;
- ``rank-grid``: weights from a small grid over the features' dev percentiles,
  maximising dev global tau;
- ``formula``: mtcheck's own quality formula (``mtcheck.grade.quality``) with its
  weights and anchors from a grid, maximising dev global + grouped tau.

The test split is never fitted on.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
from typing import Callable, Sequence
from unittest import mock

import numpy as np

from mqm_correlation import FINDING_FEATURES, LABELS, SCORE_FEATURES, column, taus
from ted import TEST_DOCS, TedItem, kendall_tau

# Feature sets tried by --fit, each also with the finding penalty added.
COMBINATIONS = (
    ("chrf",),
    ("bleu",),
    ("chrf", "bleu"),
    ("similarity",),
    ("chrf", "similarity"),
    ("chrf", "similarity", "fluency"),
    ("chrf", "similarity", "fluency", "contrast"),
    ("chrf", "similarity", "contrast"),
    ("given_source",),
    ("given_source", "chrf"),
    ("given_source", "chrf", "similarity"),
    ("given_source", "chrf", "fluency"),
    ("given_source", "chrf", "similarity", "fluency", "contrast"),
)
GRID = (0.0, 0.25, 0.5, 1.0, 2.0, 4.0)  # weights of the other features; the first one's weight is 1
# PENALTY_WEIGHT 0 is left out by design: an omission or a flipped meaning
# must lower quality even where TED's raters' errors are subtler than what the
# checks find. (Allowed, dev picks 0: dev 0.146 / 0.087, test 0.065 / 0.052.)
FORMULA_GRID = {
    "READING_WEIGHT": (0.0, 0.25, 0.4, 0.5, 0.6, 0.75, 1.0),
    "PENALTY_WEIGHT": (0.25, 0.5, 1.0),
    "BITS_GOOD": (0.5, 1.0, 1.5),
    "BITS_POOR": (4.0, 5.0, 6.0),
}


@dataclasses.dataclass
class Fit:
    label: str
    method: str
    predict: Callable[[Sequence[TedItem]], np.ndarray]
    weights: str


def fit_least_squares(names: Sequence[str], dev: Sequence[TedItem], features: dict[str, dict]) -> Fit:
    """MQM ~ b0 + sum b_k * feature_k, ordinary least squares on dev."""
    def design(items):
        return np.column_stack([np.ones(len(items))] + [column(features, items, n) for n in names])

    x, y = design(dev), np.array([item.mqm for item in dev])
    keep = np.isfinite(x).all(axis=1)
    coefficients, *_ = np.linalg.lstsq(x[keep], y[keep], rcond=None)
    weights = f"{coefficients[0]:+.3g} " + " ".join(f"{c:+.3g}*{LABELS[n]}" for c, n in zip(coefficients[1:], names))
    return Fit("+".join(LABELS[n] for n in names), "lstsq", lambda items: design(items) @ coefficients, weights)


class Percentiles:
    """A feature's mid-rank percentile in the dev distribution, oriented so higher agrees with MQM.

    Between distinct dev values the percentile is interpolated linearly, and
    beyond the dev range it keeps a tiny slope, so the transform is strictly
    increasing: it adds no ties to test items that fall between dev values.
    """

    def __init__(self, name: str, dev: Sequence[TedItem], features: dict[str, dict]):
        values = column(features, dev, name)
        finite = np.sort(values[np.isfinite(values)])
        self.name = name
        self.points = np.unique(finite)
        below = np.searchsorted(finite, self.points, side="left")
        upto = np.searchsorted(finite, self.points, side="right")
        self.percentiles = (below + upto) / (2.0 * len(finite))
        self.slope = 1e-6 / max(float(self.points[-1] - self.points[0]), 1e-12)
        self.sign = 1.0 if kendall_tau(values, [item.mqm for item in dev]) >= 0 else -1.0

    def __call__(self, items: Sequence[TedItem], features: dict[str, dict]) -> np.ndarray:
        values = column(features, items, self.name)
        result = np.interp(values, self.points, self.percentiles)
        result += self.slope * (np.minimum(values - self.points[0], 0) + np.maximum(values - self.points[-1], 0))
        return self.sign * result


def fit_rank_grid(names: Sequence[str], dev: Sequence[TedItem], features: dict[str, dict]) -> Fit:
    """Weights (first feature 1, others from GRID) of dev percentiles that maximise dev global tau."""
    scalers = [Percentiles(name, dev, features) for name in names]
    dev_columns = np.column_stack([scale(dev, features) for scale in scalers])
    human = np.array([item.mqm for item in dev])
    best, best_tau = None, -math.inf
    for rest in itertools.product(GRID, repeat=len(names) - 1):
        weights = np.array((1.0, *rest))
        tau = kendall_tau(dev_columns @ weights, human)
        if tau > best_tau + 1e-12:
            best, best_tau = weights, tau
    shown = " ".join(f"{(w * s.sign) or 0.0:+g}*{LABELS[s.name]}" for w, s in zip(best, scalers))

    def predict(items):
        return np.column_stack([scale(items, features) for scale in scalers]) @ best

    return Fit("+".join(LABELS[n] for n in names), "rank-grid", predict, f"{shown} (dev percentiles)")


def run_fit(dev: Sequence[TedItem], test: Sequence[TedItem], features: dict[str, dict]) -> None:
    available = {name for name in SCORE_FEATURES + FINDING_FEATURES
                 if column(features, dev, name) is not None and column(features, test, name) is not None}
    combinations = []
    for names in COMBINATIONS:
        for extended in (names, names + ("penalty",)):
            if all(name in available for name in extended) and extended not in combinations:
                combinations.append(extended)
    skipped = [n for n in ("similarity", "fluency", "contrast") if n not in available]
    print(f"\nfit on DEV ({len(dev)} items, {len({i.seg_id for i in dev})} segments), "
          f"evaluated on TEST ({len(test)} items, {len({i.seg_id for i in test})} segments; talks "
          f"{', '.join(sorted(TEST_DOCS))}); tau-b with MQM, global / grouped by segment")
    if skipped:
        print(f"  (no {', '.join(skipped)} in these features: combinations with them skipped)")
    header = f"  {'features':<44}{'method':<10}{'dev glob':>9}{'dev grp':>8}{'test glob':>10}{'test grp':>9}  weights"
    print(header)
    print("  " + "-" * (len(header) + 20))
    fits = [Fit("quality (mtcheck now)", "as is", lambda items: column(features, items, "quality"), "-")]
    for names in combinations:
        fits.append(fit_least_squares(names, dev, features))
        if len(names) > 1:
            fits.append(fit_rank_grid(names, dev, features))
    if "given_source" in available:
        fits.append(fit_formula(dev, features))
    for fit in fits:
        dev_tau, test_tau = taus(fit.predict(dev), dev), taus(fit.predict(test), test)
        print(f"  {fit.label:<44}{fit.method:<10}{dev_tau[0]:>9.4f}{dev_tau[1]:>8.4f}"
              f"{test_tau[0]:>10.4f}{test_tau[1]:>9.4f}  {fit.weights}")




def formula_quality(items: Sequence[TedItem], features: dict[str, dict], **constants) -> np.ndarray:
    """mtcheck.grade.quality.quality over the items' features, with some of its constants replaced."""
    from mtcheck.grade import quality as formula

    with mock.patch.multiple(formula, **constants):
        return np.array([
            formula.quality(
                features[item.id]["chrf"],
                features[item.id]["penalty"],
                bits_given_source=features[item.id].get("given_source"),
                tokens_read=features[item.id].get("tokens_read") or 0,
            )
            for item in items
        ])


def fit_formula(dev: Sequence[TedItem], features: dict[str, dict]) -> Fit:
    """The quality formula's constants from FORMULA_GRID that maximise dev global + grouped tau."""
    names = list(FORMULA_GRID)
    best, best_score = None, -math.inf
    for values in itertools.product(*FORMULA_GRID.values()):
        constants = dict(zip(names, values))
        if constants["BITS_GOOD"] >= constants["BITS_POOR"]:
            continue
        score = sum(taus(formula_quality(dev, features, **constants), dev))
        if score > best_score + 1e-12:
            best, best_score = constants, score
    shown = " ".join(f"{name}={value:g}" for name, value in best.items())
    return Fit("quality formula", "formula", lambda items: formula_quality(items, features, **best), shown)
