"""sacrebleu chrF, BLEU and TER, per pair and per document.

The source side is the reference and the translation the hypothesis. The
metric objects are built once per process: sacrebleu's TER and BLEU set-up
(tokenisers, regexes) is not free, and ``--pairs`` runs score thousands of
pairs.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence


@dataclass(frozen=True)
class LexicalScores:
    chrf: float
    bleu: float
    ter: float


@lru_cache(maxsize=1)
def _metrics():
    from sacrebleu.metrics import BLEU, CHRF, TER

    sentence_bleu = BLEU(effective_order=True)
    return CHRF(), sentence_bleu, BLEU(), TER()


def pair_scores(hypothesis: str, reference: str) -> LexicalScores:
    """Sentence-level scores; BLEU with effective order, as sacrebleu advises."""
    if hypothesis == reference:
        # sacrebleu gives 0 for two empty strings; identical text is perfect.
        return LexicalScores(100.0, 100.0, 0.0)
    chrf, bleu, _, ter = _metrics()
    return LexicalScores(
        _rounded(chrf.sentence_score(hypothesis, [reference]).score),
        _rounded(bleu.sentence_score(hypothesis, [reference]).score),
        _rounded(ter.sentence_score(hypothesis, [reference]).score),
    )


def corpus_scores(hypotheses: Sequence[str], references: Sequence[str]) -> LexicalScores:
    if list(hypotheses) == list(references):
        return LexicalScores(100.0, 100.0, 0.0)
    chrf, _, bleu, ter = _metrics()
    refs = [list(references)]
    return LexicalScores(
        _rounded(chrf.corpus_score(list(hypotheses), refs).score),
        _rounded(bleu.corpus_score(list(hypotheses), refs).score),
        _rounded(ter.corpus_score(list(hypotheses), refs).score),
    )


def sacrebleu_signature() -> str:
    """chrF's signature, which the report's ``signature`` ends with."""
    chrf, *_ = _metrics()
    return str(chrf.get_signature())


def _rounded(value: float) -> float:
    return round(float(value), 2)
