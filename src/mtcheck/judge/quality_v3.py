"""Quality v3: a pair's quality learned from human MQM scores, and an article's, with its coverage.

A linear model in the judge file (``quality``) predicts a pair's MQM score
(0 for no error, -1 per minor and -5 per major error) from what mtcheck
measured on it:

- chrF, BLEU and TER; with the models, embedding similarity, the target's
  bits alone and once the source is read, and their contrast;
- the judge's word probabilities: their mean, their maximum, and their sum
  per word (the expected share of words in error);
- the findings, each weighted by its severity and its measured confidence.

    pair quality     = 100 * exp(min(predicted MQM, 0) / SCALE)
    article quality  = (pair qualities, weighted by target characters)
                       * target coverage * source coverage

so one major error (-5) makes 61, one minor (-1) 90; an exact copy of the
source is 100, and so is an article that is nothing but exact copies. A page
that is half portal text scores at most half, with or without the models.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

from mtcheck.types import Finding, Scores

SCALE = 10.0  # MQM points per factor e of quality


@dataclass(frozen=True)
class WordStats:
    """The judge's word probabilities of one pair, summed up."""

    words: int
    mean: float
    top: float

    @classmethod
    def of(cls, probabilities: Sequence[float]) -> WordStats:
        if not probabilities:
            return cls(0, 0.0, 0.0)
        return cls(len(probabilities), sum(probabilities) / len(probabilities), max(probabilities))


def pair_features(scores: Scores, stats: WordStats | None, findings: Sequence[Finding], models: bool) -> dict[str, float]:
    """The quality model's inputs for one pair."""
    words = stats.words if stats else 0
    weighted = sum(f.severity.weight * f.confidence for f in findings)
    features = {
        "chrf": scores.chrf / 100.0,
        "bleu": scores.bleu / 100.0,
        "ter": min(scores.ter, 200.0) / 100.0,
        "word_mean": stats.mean if stats else 0.0,
        "word_top": stats.top if stats else 0.0,
        "word_expected": (stats.mean * words) if stats else 0.0,
        "findings_weight": weighted,
        "findings_per_word": weighted / max(words, 1),
    }
    if models:
        for name in ("similarity", "fluency", "contrast", "given_source"):
            value = getattr(scores, name)
            features[name] = value if value is not None else 0.0
    return features


def pair_quality(predicted_mqm: float, *, exact_copy: bool = False, empty_side: bool = False) -> float:
    if empty_side:
        return 0.0
    if exact_copy:
        return 100.0
    return round(100.0 * math.exp(min(predicted_mqm, 0.0) / SCALE), 2)


def document_quality(pairs: Sequence[tuple[float, int]], target_coverage: float | None,
                     source_coverage: float | None) -> float:
    """(quality, target characters) per pair with both sides, scaled by both coverages."""
    coverage = (1.0 if target_coverage is None else target_coverage) * (1.0 if source_coverage is None else source_coverage)
    weight = sum(chars for _, chars in pairs)
    # No aligned text: nothing to fault where neither side has text, and coverage 0 says the rest.
    mean = sum(quality * chars for quality, chars in pairs) / weight if weight else 100.0
    return round(mean * coverage, 2)
