"""sacrebleu chrF, BLEU and TER, per pair and per document.

The source side is the reference and the translation the hypothesis. Each
metric extracts its sufficient statistics once per pair; sentence scores and
the corpus score are both computed from them, as sacrebleu itself does in
``sentence_score`` and ``corpus_score``, so TER (by far the slowest) runs once
per pair, not twice. Large batches spread TER over the CPU cores.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

PARALLEL_TER_PAIRS = 400  # below this, worker start-up costs more than it saves
# sacrebleu caches every reference's n-gram counters before scoring (about
# 50 KB a sentence for chrF); a batch at a time keeps a 10 MB article from
# holding them all. Each pair's statistics do not depend on the batch.
STATISTICS_BATCH = 256


@dataclass(frozen=True)
class LexicalScores:
    chrf: float
    bleu: float
    ter: float


@lru_cache(maxsize=1)
def _metrics():
    from sacrebleu.metrics import BLEU, CHRF, TER

    return {"chrf": CHRF(), "sentence_bleu": BLEU(effective_order=True), "bleu": BLEU(), "ter": TER()}


def score_pairs(
    hypotheses: Sequence[str], references: Sequence[str], *, parallel_from: int = PARALLEL_TER_PAIRS
) -> tuple[list[LexicalScores], LexicalScores]:
    """Sentence-level scores of each pair (BLEU with effective order) and the corpus score."""
    metrics = _metrics()
    hyps, refs = list(hypotheses), [list(references)]
    chrf_stats = _statistics(metrics["chrf"], hyps, refs[0])
    bleu_stats = _statistics(metrics["bleu"], hyps, refs[0])
    ter_stats = _ter_statistics(hyps, refs[0], parallel_from)
    pairs = []
    for hyp, ref, chrf, bleu, ter in zip(hyps, refs[0], chrf_stats, bleu_stats, ter_stats):
        if hyp == ref:
            # sacrebleu gives 0 for two empty strings; identical text is perfect.
            pairs.append(LexicalScores(100.0, 100.0, 0.0))
            continue
        pairs.append(
            LexicalScores(
                _score(metrics["chrf"], [chrf]), _score(metrics["sentence_bleu"], [bleu]), _score(metrics["ter"], [ter])
            )
        )
    if hyps == refs[0]:
        corpus = LexicalScores(100.0, 100.0, 0.0)
    else:
        corpus = LexicalScores(
            _score(metrics["chrf"], chrf_stats), _score(metrics["bleu"], bleu_stats), _score(metrics["ter"], ter_stats)
        )
    return pairs, corpus


def sacrebleu_signature() -> str:
    """chrF's signature, which the report's ``signature`` ends with."""
    return str(_metrics()["chrf"].get_signature())


def _score(metric, stats) -> float:
    return round(float(metric._aggregate_and_compute(stats).score), 2) if stats else 0.0


def _ter_statistics(hyps: list[str], refs: list[str], parallel_from: int) -> list:
    workers = min(os.cpu_count() or 1, 8)
    if len(hyps) < parallel_from or workers < 2:
        return _ter_chunk(hyps, refs)
    size = -(-len(hyps) // (workers * 4))
    chunks = [(hyps[i : i + size], refs[i : i + size]) for i in range(0, len(hyps), size)]
    context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        return [row for part in pool.map(_ter_chunk, *zip(*chunks)) for row in part]


def _ter_chunk(hyps: list[str], refs: list[str]) -> list:
    return _statistics(_metrics()["ter"], hyps, refs)


def _statistics(metric, hyps: list[str], refs: list[str]) -> list:
    stats: list = []
    for start in range(0, len(hyps), STATISTICS_BATCH):
        end = start + STATISTICS_BATCH
        stats += metric._extract_corpus_statistics(hyps[start:end], [refs[start:end]])
    return stats
