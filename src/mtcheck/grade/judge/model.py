"""The judge's learned layer as plain data: logistic models, calibration, measured check rates, operating points.

A judge file (``mtcheck.judge/1``, JSON) holds one *variant* per way
mtcheck can run: ``rules`` (``--no-models``) and ``models``. Each has

- ``word``: a model of the probability that a rater marks a target word as
  part of an error, over judge.word_features: gradient-boosted trees in
  LightGBM's text format (judge.forest), or a logistic model;
- ``finding``: a logistic model of the probability that a rater marks an
  error where a finding is, over the finding's check and the word
  probabilities under its span (judge.finding_features);
- ``word_calibration`` and ``finding_calibration``: Platt scaling, fitted on
  documents the models were not fitted on;
- ``checks``: per check, in how many segments of the fit data it fired and,
  averaged over those segments, the share of its findings a rater confirmed
  (a segment is one piece of evidence: its 14 translations share one source
  and one reference, so one reference error can make all their findings look
  false); a check seen in too few segments keeps its own confidence, moved
  toward that share;
- ``operating_points``: the confidence thresholds named ``review`` and ``gate``;
- ``quality``: a linear model of a pair's MQM score (grade.quality_v3);
- ``newsroom`` (written by ``mtcheck calibrate``): the recalibration of every
  confidence on one newsroom's verdicts (training.newsroom);
- ``verdict`` (written by ``python -m mtcheck.training.train_verdict fit``): the
  article verdict's cut points (``VerdictCuts``, mtcheck.gate.article).

No pickle: the numbers (and LightGBM's text) are the whole model, and
json.loads is all it takes to read one.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Mapping, Sequence

from mtcheck.errors import InputError
from mtcheck.grade.judge.forest import Forest

FORMAT = "mtcheck.judge/1"
PACKAGED = "packaged"
OPERATING_POINTS = ("review", "gate")


@dataclass(frozen=True)
class Logistic:
    """p = sigmoid(intercept + sum_k weight_k * (x_k - mean_k) / scale_k); a missing feature is 0."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    intercept: float

    def logits(self, rows: Sequence[Mapping[str, float]]) -> list[float]:
        return [self.logit(row) for row in rows]

    def logit(self, x: Mapping[str, float]) -> float:
        total = self.intercept
        for name, mean, scale, weight in zip(self.features, self.mean, self.scale, self.weights):
            total += weight * (x.get(name, 0.0) - mean) / scale
        return total

    def to_json(self) -> dict:
        return {"features": list(self.features), "mean": list(self.mean), "scale": list(self.scale),
                "weights": list(self.weights), "intercept": self.intercept}

    @classmethod
    def from_json(cls, data: Mapping) -> Logistic:
        return cls(tuple(data["features"]), tuple(map(float, data["mean"])), tuple(map(float, data["scale"])),
                   tuple(map(float, data["weights"])), float(data["intercept"]))


@dataclass(frozen=True)
class Platt:
    """Calibrated p = sigmoid(a * logit + b)."""

    a: float = 1.0
    b: float = 0.0

    def __call__(self, logit: float) -> float:
        return sigmoid(self.a * logit + self.b)


@dataclass(frozen=True)
class CheckRate:
    segments: int  # of the fit documents where the check fired
    confirmed: float  # over those segments, the mean share of its findings whose place a rater marked

    @property
    def measured(self) -> bool:
        return self.segments >= MIN_SEGMENTS


MIN_SEGMENTS = 25  # fewer: the rate says too little, and the check's own confidence is shrunk toward it
# How many segments' worth of evidence a check's own confidence counts as, when shrunk. Both chosen on the
# calibrate documents' ECE of findings, over 10, 15, 20, 25, 30 segments to be measured x 10, 20, 30 for
# the prior: 25 x 20 was lowest (0.037; 20 x 20 and 30 x 20: 0.038; 10 x 10: 0.056).
PRIOR_SEGMENTS = 20


def word_model_from_json(data: Mapping) -> Logistic | Forest:
    return Forest.from_json(data) if data.get("kind") == "lightgbm" else Logistic.from_json(data)


# What the verdict's estimate of an article's human MQM penalty reads of its document scores.
ESTIMATE_INPUTS = ("expected_penalty", "quality", "chrf")


@dataclass(frozen=True)
class VerdictCuts:
    """Where an article's verdict changes (mtcheck.gate.article).

    ``estimate`` is a linear model of the penalty human raters give an article per 100 words (MQM: minor 1,
    major 5) over its document scores (``ESTIMATE_INPUTS``): above ``fail_penalty`` it fails, above
    ``review_penalty`` it goes to review. A side's coverage below ``fail_coverage`` fails, below
    ``review_coverage`` goes to review. The estimate and its cuts are fitted on human document MQM
    (training.verdict_fit); the coverage cuts are set by rule, as the human data has no uncovered text."""

    intercept: float
    weights: tuple[float, ...]  # one per ESTIMATE_INPUTS
    fail_penalty: float
    review_penalty: float
    fail_coverage: float
    review_coverage: float

    def estimate(self, inputs: Mapping[str, float | None]) -> float | None:
        """Penalty points per 100 words (never below 0); None where an input is missing (no judge ran)."""
        values = [inputs.get(name) for name in ESTIMATE_INPUTS]
        if any(value is None for value in values):
            return None
        return max(0.0, self.intercept + sum(w * v for w, v in zip(self.weights, values)))

    def to_json(self) -> dict:
        return {"estimate": {"intercept": self.intercept, **dict(zip(ESTIMATE_INPUTS, self.weights))},
                "fail_penalty": self.fail_penalty, "review_penalty": self.review_penalty,
                "fail_coverage": self.fail_coverage, "review_coverage": self.review_coverage}

    @classmethod
    def from_json(cls, data: Mapping) -> VerdictCuts:
        estimate = data["estimate"]
        cuts = cls(float(estimate["intercept"]), tuple(float(estimate[name]) for name in ESTIMATE_INPUTS),
                   *(float(data[key]) for key in ("fail_penalty", "review_penalty", "fail_coverage",
                                                  "review_coverage")))
        if not (0 <= cuts.review_penalty <= cuts.fail_penalty and 0 <= cuts.fail_coverage
                <= cuts.review_coverage <= 1):
            raise ValueError("its verdict cut points are out of order")
        return cuts


@dataclass(frozen=True)
class Variant:
    word: Logistic | Forest
    finding: Logistic
    word_calibration: Platt
    finding_calibration: Platt
    checks: Mapping[str, CheckRate]
    operating_points: Mapping[str, float]
    quality: Logistic | None = None  # linear: a pair's predicted MQM score (grade.quality_v3)
    newsroom: Logistic | None = None  # one newsroom's recalibration from its verdicts (training.newsroom)
    verdict: VerdictCuts | None = None  # the article verdict's cut points (mtcheck.gate.article)

    def word_probability(self, features: Mapping[str, float]) -> float:
        return self.word_calibration(self.word.logit(features))

    def word_probabilities(self, rows: Sequence[Mapping[str, float]]) -> list[float]:
        """All of a pair's words at once (one pass of the forest's trees)."""
        return [self.word_calibration(float(value)) for value in self.word.logits(rows)] if rows else []

    def finding_probability(self, features: Mapping[str, float]) -> float:
        return self.finding_calibration(self.finding.logit(features))


@dataclass(frozen=True)
class JudgeModel:
    name: str
    digest: str  # sha256 of the file, first 12 hex digits: the signature's record of it
    variants: Mapping[str, Variant]

    def variant(self, models: bool) -> Variant:
        return self.variants["models" if models and "models" in self.variants else "rules"]

    def threshold(self, point: str, models: bool) -> float:
        return self.variant(models).operating_points[point]

    @property
    def signature(self) -> str:
        return f"judge:{self.name}@{self.digest}"


def sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x)) if x >= 0 else math.exp(x) / (1.0 + math.exp(x))


def logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def to_json(variants: Mapping[str, Variant], about: Mapping) -> str:
    """The judge file's text: stable key order and float reprs, so a refit from the same data is the same file."""
    body = {"format": FORMAT, "about": dict(about), "variants": {
        name: {
            "word": v.word.to_json(), "finding": v.finding.to_json(),
            "word_calibration": [v.word_calibration.a, v.word_calibration.b],
            "finding_calibration": [v.finding_calibration.a, v.finding_calibration.b],
            "checks": {check: [rate.segments, rate.confirmed] for check, rate in sorted(v.checks.items())},
            "operating_points": dict(v.operating_points),
            **({"quality": v.quality.to_json()} if v.quality else {}),
            **({"newsroom": v.newsroom.to_json()} if v.newsroom else {}),
            **({"verdict": v.verdict.to_json()} if v.verdict else {}),
        } for name, v in variants.items()
    }}
    return json.dumps(body, indent=1, sort_keys=False) + "\n"


def parse(text: str, name: str, origin: str | None = None) -> JudgeModel:
    """A judge file's model; ``name`` is what the signature records, ``origin`` what errors name."""
    try:
        data = json.loads(text)
        if data.get("format") != FORMAT:
            raise ValueError(f"not a {FORMAT} file")
        variants = {
            key: Variant(
                word_model_from_json(v["word"]), Logistic.from_json(v["finding"]),
                Platt(*map(float, v["word_calibration"])), Platt(*map(float, v["finding_calibration"])),
                {check: CheckRate(int(n), float(rate)) for check, (n, rate) in v["checks"].items()},
                {point: float(v["operating_points"][point]) for point in OPERATING_POINTS},
                Logistic.from_json(v["quality"]) if "quality" in v else None,
                Logistic.from_json(v["newsroom"]) if "newsroom" in v else None,
                VerdictCuts.from_json(v["verdict"]) if "verdict" in v else None,
            )
            for key, v in data["variants"].items()
        }
        if "rules" not in variants:
            raise ValueError("it has no 'rules' variant")
    except (ValueError, KeyError, TypeError, AttributeError, IndexError) as error:
        raise InputError(f"cannot read judge file {origin or name}: {error}") from None
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    return JudgeModel(name, digest, variants)


@lru_cache(maxsize=8)
def load(spec: str = PACKAGED) -> JudgeModel:
    """The shipped judge, or a file ``mtcheck calibrate`` wrote."""
    text, name = source_text(spec)
    return parse(text, name, spec)


def source_text(spec: str = PACKAGED) -> tuple[str, str]:
    """A judge file's text, and the name the signature gives it."""
    if spec == PACKAGED:
        return resources.files("mtcheck.grade.judge").joinpath("data/judge.json").read_text(encoding="utf-8"), "wmt21-news"
    path = Path(spec)
    try:
        return path.read_text(encoding="utf-8"), path.stem
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read judge file {spec}: {getattr(error, 'strerror', None) or error}") from None


def newsroom_features(checks: Sequence[str], confidence: float) -> dict[str, float]:
    """A finding's inputs to a newsroom's layer (``mtcheck calibrate``): its confidence's logit and its checks."""
    return {"confidence_logit": logit(confidence), **{f"check:{check}": 1.0 for check in checks}}
