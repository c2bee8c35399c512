"""Hashed character n-gram counts, the features behind alignment similarity.

The counts mirror sacrebleu's chrF statistics (character 1- to 6-grams of the
text with whitespace removed, case kept) but live in fixed-size numpy arrays,
so similarities of many candidate beads are computed in bulk. Hashing is done
in numpy with a fixed mixer, never with Python's salted ``hash``, so results
are identical from run to run.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

CHRF_ORDER = 6  # sacrebleu's default char order for chrF
CHRF_BETA = 2


def char_ngram_counts(texts: Sequence[str], buckets: int, orders: Sequence[int] | None = None) -> np.ndarray:
    """Counts of shape (len(texts), len(orders), buckets), as float32.

    ``orders`` (default 1..CHRF_ORDER, ascending) picks the n-gram orders
    kept; an order's counts do not depend on which others are asked for.
    ``buckets`` must be a power of two.
    """
    if buckets & (buckets - 1):
        raise ValueError("buckets must be a power of two")
    kept = tuple(orders) if orders is not None else tuple(range(1, CHRF_ORDER + 1))
    stripped = ["".join(text.split()) for text in texts]
    lengths = np.fromiter((len(s) for s in stripped), dtype=np.int64, count=len(stripped))
    if lengths.sum() == 0:
        return np.zeros((len(texts), len(kept), buckets), dtype=np.float32)
    joined = "".join(stripped)
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    owner = np.repeat(np.arange(len(texts)), lengths)
    ends = np.cumsum(lengths)[owner]  # end offset of each position's segment
    positions = np.arange(len(codes))
    rolling = np.zeros(len(codes), dtype=np.uint64)
    width = len(kept) * buckets
    cells = []
    # The rolling hash of order k builds on order k-1, so every order up to
    # the highest kept one is hashed, and only the kept ones are counted.
    for order in range(1, min(max(kept), len(codes)) + 1):
        valid = positions + order <= ends
        shifted = np.zeros(len(codes), dtype=np.uint64)
        shifted[: len(codes) - order + 1] = codes[order - 1 :]
        rolling = rolling * np.uint64(1_000_003) + shifted + np.uint64(order)
        if order not in kept:
            continue
        bucket = _mix(rolling) & np.uint64(buckets - 1)
        cell = owner * width + kept.index(order) * buckets + bucket.astype(np.int64)
        cells.append(cell[valid])
    # One bincount over all orders: a dense per-order pass would cost as much
    # as the counting itself.
    flat = np.bincount(np.concatenate(cells), minlength=len(texts) * width) if cells else np.zeros(len(texts) * width)
    return flat.reshape(len(texts), len(kept), buckets).astype(np.float32)


def _mix(values: np.ndarray) -> np.ndarray:
    # splitmix64 finaliser: spreads the polynomial hash over all bits.
    with np.errstate(over="ignore"):
        values = values ^ (values >> np.uint64(30))
        values = values * np.uint64(0xBF58476D1CE4E5B9)
        values = values ^ (values >> np.uint64(27))
        values = values * np.uint64(0x94D049BB133111EB)
        return values ^ (values >> np.uint64(31))


def chrf_from_counts(reference: np.ndarray, hypothesis: np.ndarray) -> np.ndarray:
    """chrF (beta 2, effective order) in 0..1 from count arrays (..., order, buckets).

    Leading dimensions broadcast, so one source group can be scored against a
    whole window of target groups at once.
    """
    matches = np.minimum(reference, hypothesis).sum(axis=-1)
    ref_totals = reference.sum(axis=-1)
    hyp_totals = hypothesis.sum(axis=-1)
    return chrf_from_statistics(matches, ref_totals, hyp_totals)


def chrf_from_statistics(
    matches: np.ndarray, ref_totals: np.ndarray, hyp_totals: np.ndarray
) -> np.ndarray:
    # Same arithmetic as sacrebleu's CHRF._compute_f_score: average precision
    # and recall over the orders both sides have, then the F-beta of the two.
    effective = (ref_totals > 0) & (hyp_totals > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = np.where(effective, matches / np.maximum(hyp_totals, 1), 0.0)
        recall = np.where(effective, matches / np.maximum(ref_totals, 1), 0.0)
        orders = np.maximum(effective.sum(axis=-1), 1)
        avg_p = precision.sum(axis=-1) / orders
        avg_r = recall.sum(axis=-1) / orders
        beta2 = CHRF_BETA**2
        denom = beta2 * avg_p + avg_r
        score = np.where(denom > 0, (1 + beta2) * avg_p * avg_r / np.where(denom > 0, denom, 1), 0.0)
    return score
