"""``quality`` (0-100, higher is better): what the words share, what the model reads, what was found.

    lexical  = clip((chrF - CHRF_FLOOR) / (CHRF_CEILING - CHRF_FLOOR), 0, 1)
    reading  = clip((BITS_POOR - bits given source) / (BITS_POOR - BITS_GOOD), 0, 1)
    trust    = READING_WEIGHT * min(1, target tokens read / FULL_TRUST_TOKENS)
    adequacy = trust * reading + (1 - trust) * lexical      (lexical alone without models or for an exact copy)
    penalty  = sum of finding weights (minor 1, major 5, critical 10) per 100 target words
    quality  = clip(100 * adequacy - PENALTY_WEIGHT * penalty, 0, 100)

for a pair (its sentence chrF, the mean surprisal of its target tokens once
the language model has read its source, see models/given_source.py, and its
own findings) and for a document (corpus chrF, all aligned target tokens,
all findings; the penalty is the report's ``mqm_penalty``). A pair with an
empty side has nothing to be read against: quality 0. The model's reading of
a few tokens is mostly the cost of its first word (a copied one-word heading
still costs 2-5 bits), so short pairs lean on chrF, and an exact copy of the
source counts as fully explained (0 bits).

Calibration (benchmarks/mqm_correlation.py --fit, see benchmarks/ted_fit.py):
READING_WEIGHT, PENALTY_WEIGHT and the bits anchors are the grid point with
the best Kendall tau (global plus grouped by segment) against human MQM on
the WMT21 TED zh-en dev talks; the two held-out talks are only reported:

    held-out talks, tau global / grouped    quality 0.072 / 0.053
                                            chrF    0.031 / 0.041
                                            BLEU    0.057 / 0.030

chrF anchors: unrelated English sentences score about 20, close paraphrases
75 and more. Sentence similarity, fluency and contrast were tried as further
terms and did not rank translations better on dev once the reading was in.
Findings get at least a quarter point per weight-per-100-words by design: on
TED they did not help ranking, but an editor's quality must fall with an
omission or a flipped meaning.
"""

from __future__ import annotations

import re
from typing import Iterable

from mtcheck.types import Finding

CHRF_FLOOR = 20.0
CHRF_CEILING = 75.0
BITS_GOOD = 1.0
BITS_POOR = 4.0
READING_WEIGHT = 0.4
FULL_TRUST_TOKENS = 8
PENALTY_WEIGHT = 0.25
WORD = re.compile(r"\w+")


def lexical(chrf: float) -> float:
    return _clip((chrf - CHRF_FLOOR) / (CHRF_CEILING - CHRF_FLOOR))


def reading(bits_given_source: float) -> float:
    return _clip((BITS_POOR - bits_given_source) / (BITS_POOR - BITS_GOOD))


def adequacy(chrf: float, bits_given_source: float | None = None, tokens_read: int = 0) -> float:
    """0-100 before findings; chrF alone where no language model read the pair."""
    if bits_given_source is None or tokens_read <= 0:
        return 100.0 * lexical(chrf)
    trust = READING_WEIGHT * min(1.0, tokens_read / FULL_TRUST_TOKENS)
    return 100.0 * (trust * reading(bits_given_source) + (1 - trust) * lexical(chrf))


def mqm_penalty(findings: Iterable[Finding], target_text: str, words: int | None = None) -> float:
    """Severity weights per 100 target words, as in MQM scoring (``words``: the text's ``target_words``,
    where the caller has counted them already)."""
    return per_100_words(sum(finding.severity.weight for finding in findings), words or target_words(target_text))


def per_100_words(weight: float, words: int) -> float:
    return round(100.0 * weight / words, 2)


def target_words(target_text: str) -> int:
    """The words penalties are counted per (at least 1)."""
    # Counted, not collected: findall on a 10 MB article built a list of 1.6M words.
    return max(sum(1 for _ in WORD.finditer(target_text)), 1)


def quality(
    chrf: float,
    penalty: float,
    *,
    bits_given_source: float | None = None,
    tokens_read: int = 0,
    empty_side: bool = False,
) -> float:
    if empty_side:
        return 0.0
    before_findings = adequacy(chrf, bits_given_source, tokens_read)
    return round(100.0 * _clip((before_findings - PENALTY_WEIGHT * penalty) / 100.0), 2)


def _clip(value: float) -> float:
    return min(max(value, 0.0), 1.0)
