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
from collections import deque
from functools import lru_cache
from typing import Iterator, Sequence

PARALLEL_TER_PAIRS = 400  # below this, worker start-up costs more than it saves
# sacrebleu caches every reference's n-gram counters before scoring (about
# 50 KB a sentence for chrF); a batch at a time keeps a 10 MB article from
# holding them all. Each pair's statistics do not depend on the batch.
STATISTICS_BATCH = 256


@dataclass(frozen=True, slots=True)  # one per pair: tens of thousands in a big article
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
    """Sentence-level scores of each pair (BLEU with effective order) and the corpus score.

    The texts are read a batch at a time (they may be computed on demand),
    and the corpus statistics are summed as the batches go, in pair order,
    which is how sacrebleu sums them: the corpus score is the same.
    """
    metrics = _metrics()
    pairs: list[LexicalScores] = []
    totals: dict[str, list | None] = {"chrf": None, "bleu": None, "ter": None}
    identical = True
    for hyps, refs, ter_stats in _batches(hypotheses, references, parallel_from):
        chrf_stats = metrics["chrf"]._extract_corpus_statistics(hyps, [refs])
        bleu_stats = metrics["bleu"]._extract_corpus_statistics(hyps, [refs])
        for hyp, ref, chrf, bleu, ter in zip(hyps, refs, chrf_stats, bleu_stats, ter_stats):
            for name, stats in (("chrf", chrf), ("bleu", bleu), ("ter", ter)):
                totals[name] = _added(totals[name], stats)
            if hyp == ref:
                # sacrebleu gives 0 for two empty strings; identical text is perfect.
                pairs.append(LexicalScores(100.0, 100.0, 0.0))
                continue
            identical = False
            pairs.append(
                LexicalScores(
                    _score(metrics["chrf"], [chrf]), _score(metrics["sentence_bleu"], [bleu]), _score(metrics["ter"], [ter])
                )
            )
    if identical:
        corpus = LexicalScores(100.0, 100.0, 0.0)
    else:
        corpus = LexicalScores(*(_score(metrics[name], [totals[name]]) for name in ("chrf", "bleu", "ter")))
    return pairs, corpus


def _added(total: list | None, stats: list) -> list:
    # sacrebleu's sum_of_lists is sum() per position: 0 + first + second + ...
    return [0 + value for value in stats] if total is None else [a + b for a, b in zip(total, stats)]


def sacrebleu_signature() -> str:
    """chrF's signature, which the report's ``signature`` ends with."""
    return str(_metrics()["chrf"].get_signature())


def _score(metric, stats) -> float:
    return round(float(metric._aggregate_and_compute(stats).score), 2) if stats else 0.0


def _batches(hyps: Sequence[str], refs: Sequence[str], parallel_from: int) -> Iterator[tuple[list, list, list]]:
    """(hypotheses, references, TER statistics) a batch at a time, in order.

    TER is by far the slowest metric: from ``parallel_from`` pairs on it runs
    in worker processes, a few batches ahead of the one being scored.
    """
    count = len(hyps)
    starts = range(0, count, STATISTICS_BATCH)

    def batch(start: int) -> tuple[list, list]:
        return list(hyps[start : start + STATISTICS_BATCH]), list(refs[start : start + STATISTICS_BATCH])

    workers = min(os.cpu_count() or 1, 8)
    if count < parallel_from or workers < 2:
        for start in starts:
            batch_hyps, batch_refs = batch(start)
            yield batch_hyps, batch_refs, _ter_chunk(batch_hyps, batch_refs)
        return
    context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        pending: deque = deque()
        for start in starts:
            batch_hyps, batch_refs = batch(start)
            pending.append((batch_hyps, batch_refs, pool.submit(_ter_chunk, batch_hyps, batch_refs)))
            # A bounded queue: all batches at once would hold every text twice.
            if len(pending) > 2 * workers:
                done_hyps, done_refs, future = pending.popleft()
                yield done_hyps, done_refs, future.result()
        while pending:
            done_hyps, done_refs, future = pending.popleft()
            yield done_hyps, done_refs, future.result()


def _ter_chunk(hyps: list[str], refs: list[str]) -> list:
    return _statistics(_metrics()["ter"], hyps, refs)


def _statistics(metric, hyps: list[str], refs: list[str]) -> list:
    stats: list = []
    for start in range(0, len(hyps), STATISTICS_BATCH):
        end = start + STATISTICS_BATCH
        stats += metric._extract_corpus_statistics(hyps[start:end], [refs[start:end]])
    return stats
