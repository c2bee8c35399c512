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
from array import array
from dataclasses import dataclass
from typing import Iterable, Sequence

from mtcheck.types import Finding, Scores

SCALE = 10.0  # MQM points per factor e of quality


@dataclass(frozen=True, slots=True)  # one per pair: 120,000 in a 10 MB article
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


class PairWordStats:
    """Each pair's ``WordStats`` by pair index, kept in flat arrays and made when asked for: an object and
    two floats per pair cost some 15 MB at a 10 MB article's memory peak."""

    __slots__ = ("_words", "_mean", "_top")

    def __init__(self, pairs: int) -> None:
        self._words = array("q", [-1]) * pairs  # -1: the judge read no words of that pair
        self._mean, self._top = array("d", [0.0]) * pairs, array("d", [0.0]) * pairs

    def __setitem__(self, pair: int, stats: WordStats) -> None:
        self._words[pair], self._mean[pair], self._top[pair] = stats.words, stats.mean, stats.top

    def get(self, pair: int) -> WordStats | None:
        if not 0 <= pair < len(self._words) or self._words[pair] < 0:
            return None
        return WordStats(self._words[pair], self._mean[pair], self._top[pair])


def weight(finding: Finding) -> float:
    """What a finding weighs in its pair's quality: its severity weight times its confidence."""
    return finding.severity.weight * finding.confidence


def findings_weight(findings: Iterable[Finding]) -> float:
    return sum(map(weight, findings))


def pair_findings_weights(findings: Iterable[Finding], pairs: int) -> array:
    """``findings_weight`` of each pair's findings, by pair index, summed in the findings' order (as the
    sum above): what quality v3 keeps of the findings it reads, listed or not, instead of the findings."""
    weights = array("d", [0.0]) * pairs
    for f in findings:
        if f.pair is not None and 0 <= f.pair < pairs:
            weights[f.pair] += weight(f)
    return weights


def pair_features(scores: Scores, stats: WordStats | None, weighted: float, models: bool) -> dict[str, float]:
    """The quality model's inputs for one pair; ``weighted``: its findings' ``findings_weight``."""
    words = stats.words if stats else 0
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


def document_quality(qualities: Sequence[float], chars: Sequence[int], target_coverage: float | None,
                     source_coverage: float | None) -> float:
    """The pairs' qualities weighted by their target characters (pairs with both sides), scaled by both
    coverages. Two flat sequences, not a list of pairs: a 10 MB article has 120,000 pairs, and a tuple
    each cost 10 MB at its memory peak (grading keeps them in arrays)."""
    coverage = (1.0 if target_coverage is None else target_coverage) * (1.0 if source_coverage is None else source_coverage)
    weight = sum(chars)
    # No aligned text: nothing to fault where neither side has text, and coverage 0 says the rest.
    mean = sum(quality * n for quality, n in zip(qualities, chars)) / weight if weight else 100.0
    return round(mean * coverage, 2)
