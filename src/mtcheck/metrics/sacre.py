"""sacrebleu chrF, BLEU and TER, per pair and per document.

The source side is the reference and the translation the hypothesis.

BLEU and TER go through sacrebleu's public API alone: each pair's
``sentence_score`` carries the statistics its corpus score sums (BLEU's
``counts``, ``totals``, ``sys_len`` and ``ref_len``, read by the public
``BLEU.compute_bleu``; TER's ``num_edits`` and ``ref_length``), so each pair
is read once for both scores. TER is by far the slowest: large batches spread
it over the CPU cores.

chrF's score objects carry no statistics, and its public ``corpus_score``
caches every reference's n-gram counters before scoring: on 6,000 pairs
(about a 1 MB article) that took 319 MB against 41 MB a batch at a time,
so a 10 MB article would need some 3 GB. chrF alone therefore uses
sacrebleu's statistics methods (``_extract_corpus_statistics`` and
``_aggregate_and_compute``, both in sacrebleu since 2.0), a batch at a time;
tests/test_metrics.py checks the result against the public scores.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator, Sequence

PARALLEL_TER_PAIRS = 400  # below this, worker start-up costs more than it saves
# The texts are read, and chrF's reference counters kept, a batch at a time:
# each pair's statistics do not depend on the batch.
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


class _Totals:
    """The corpus statistics of BLEU and TER, summed pair by pair from public score fields."""

    def __init__(self) -> None:
        self.bleu_counts = self.bleu_totals = None
        self.sys_len = self.ref_len = 0
        self.ter_edits = 0
        self.ter_ref_length = 0.0
        self.chrf: list | None = None

    def add(self, bleu, ter, chrf: list) -> None:
        counts, totals = list(bleu.counts), list(bleu.totals)
        # sacrebleu sums statistics with sum(): 0 + first + second ...
        self.bleu_counts = counts if self.bleu_counts is None else [a + b for a, b in zip(self.bleu_counts, counts)]
        self.bleu_totals = totals if self.bleu_totals is None else [a + b for a, b in zip(self.bleu_totals, totals)]
        self.sys_len += bleu.sys_len
        self.ref_len += bleu.ref_len
        self.ter_edits += ter.num_edits
        self.ter_ref_length += ter.ref_length
        self.chrf = [0 + value for value in chrf] if self.chrf is None else [a + b for a, b in zip(self.chrf, chrf)]

    def scores(self) -> LexicalScores:
        metrics = _metrics()
        bleu = metrics["bleu"].compute_bleu(self.bleu_counts, self.bleu_totals, self.sys_len, self.ref_len)
        if self.ter_ref_length > 0:
            ter = self.ter_edits / self.ter_ref_length
        else:  # as sacrebleu: 1 for a hypothesis against empty references, else 0
            ter = 1.0 if self.ter_edits > 0 else 0.0
        return LexicalScores(_chrf_score([self.chrf]), round(float(bleu.score), 2), round(100 * ter, 2))


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
    totals = _Totals()
    identical = True
    for hyps, refs, ters in _batches(hypotheses, references, parallel_from):
        chrf_stats = metrics["chrf"]._extract_corpus_statistics(hyps, [refs])
        for hyp, ref, chrf, ter in zip(hyps, refs, chrf_stats, ters):
            bleu = metrics["sentence_bleu"].sentence_score(hyp, [ref])
            totals.add(bleu, ter, chrf)
            if hyp == ref:
                # sacrebleu gives 0 for two empty strings; identical text is perfect.
                pairs.append(LexicalScores(100.0, 100.0, 0.0))
                continue
            identical = False
            pairs.append(LexicalScores(_chrf_score([chrf]), round(float(bleu.score), 2), round(float(ter.score), 2)))
    if identical:
        return pairs, LexicalScores(100.0, 100.0, 0.0)
    return pairs, totals.scores()


def sacrebleu_signature() -> str:
    """chrF's signature, which the report's ``signature`` ends with."""
    chrf = _metrics()["chrf"]
    if getattr(chrf, "num_refs", None) is None:
        # sacrebleu knows the reference count only once it has scored; mtcheck always scores against one,
        # and a batch rerun needs the signature before it scores anything.
        chrf.corpus_score(["signature"], [["signature"]])
    return str(chrf.get_signature())


def _chrf_score(stats: list) -> float:
    return round(float(_metrics()["chrf"]._aggregate_and_compute(stats).score), 2) if stats else 0.0


def _batches(hyps: Sequence[str], refs: Sequence[str], parallel_from: int) -> Iterator[tuple[list, list, list]]:
    """(hypotheses, references, TER scores) a batch at a time, in order.

    From ``parallel_from`` pairs on, TER runs in worker processes, a few
    batches ahead of the one being scored.
    """
    count = len(hyps)
    starts = range(0, count, STATISTICS_BATCH)

    def batch(start: int) -> tuple[list, list]:
        return list(hyps[start : start + STATISTICS_BATCH]), list(refs[start : start + STATISTICS_BATCH])

    workers = min(os.cpu_count() or 1, 8)
    if count < parallel_from or workers < 2:
        for start in starts:
            batch_hyps, batch_refs = batch(start)
            yield batch_hyps, batch_refs, _ter_scores(batch_hyps, batch_refs)
        return
    context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        pending: deque = deque()
        for start in starts:
            batch_hyps, batch_refs = batch(start)
            pending.append((batch_hyps, batch_refs, pool.submit(_ter_scores, batch_hyps, batch_refs)))
            # A bounded queue: all batches at once would hold every text twice.
            if len(pending) > 2 * workers:
                done_hyps, done_refs, future = pending.popleft()
                yield done_hyps, done_refs, future.result()
        while pending:
            done_hyps, done_refs, future = pending.popleft()
            yield done_hyps, done_refs, future.result()


def _ter_scores(hyps: list[str], refs: list[str]) -> list:
    ter = _metrics()["ter"]
    return [ter.sentence_score(hyp, [ref]) for hyp, ref in zip(hyps, refs)]
