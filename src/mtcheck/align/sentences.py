"""Monotonic n:m sentence alignment with insertion and omission beads.

Two passes keep it near-linear (the shape of Vecalign and Bertalign):

1. a coarse 1-1 path from cosine similarities of character n-gram vectors,
   computed at halved resolution first when the documents are long, then
   refined inside a band around the projected path;
2. a bead search in a narrow band around that path, with beads of up to
   ``max_side`` segments on either side, scored by chrF from hashed n-gram
   counts plus agreement of lengths (``BeadScorer``), and plain insertion
   (0-1) and omission (1-0) beads.

The scorer is the seam for sentence embeddings: ``BeadScorer`` (in
``_bead_scorer``) takes optional per-segment embedding vectors whose cosine
joins the score.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Sequence

import numpy as np

from mtcheck.align._bead_scorer import BeadScorer
from mtcheck.align.banded_dp import band_from_path, banded_dp, full_windows
from mtcheck.align.features import CHUNK, ChunkedRows, CoarseLevels


@dataclass(frozen=True)
class AlignParams:
    buckets: int = 1024  # hash buckets per n-gram order
    max_side: int = 3  # largest number of segments on one side of a bead
    skip_threshold: float = 0.25  # a segment gains (coverage - chance - this)
    coarse_threshold: float = 0.3  # the same for pass-1 cosine similarities
    merge_penalty: float = 0.05  # per segment beyond 1-1, keeps ties 1-1
    standalone_penalty: float = 1.0  # per heading merged with other segments
    length_weight: float = 0.3
    embedding_weight: float = 0.0  # weight of embedding cosine, when embeddings are given
    embedding_threshold: float = 0.45  # cosine below which embeddings speak against a match
    bead_band: int = 3  # pass-2 radius around the coarse path
    coarse_band: int = 6  # pass-1 radius around the projected path
    full_cells: int = 4_000_000  # pass 1 computes the full matrix below this

    def signature(self) -> str:
        emb = f".e{self.embedding_weight}" if self.embedding_weight else ""
        return f"chrf-len.b{self.buckets}.m{self.max_side}.t{self.skip_threshold}{emb}"


def align(
    sources: Sequence[str],
    targets: Sequence[str],
    params: AlignParams = AlignParams(),
    embeddings: tuple[np.ndarray, np.ndarray] | None = None,
    standalone: tuple[Sequence[bool], Sequence[bool]] | None = None,
) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Beads as (source indices, target indices), covering both sides in order.

    ``standalone`` marks segments (headings) that should not share a bead
    with others on their side: a portal heading that paraphrases the next
    sentence would otherwise join it.
    """
    if not sources or not targets:
        return [((i,), ()) for i in range(len(sources))] + [((), (j,)) for j in range(len(targets))]
    scorer = BeadScorer(sources, targets, params, embeddings, standalone)
    coarse = _coarse_path(scorer.coarse_source, scorer.coarse_target, 0, params)
    return _bead_search(scorer, coarse, params)


# ---- pass 1: coarse 1-1 path ------------------------------------------------


def _coarse_path(source: CoarseLevels, target: CoarseLevels, level: int, params: AlignParams) -> list[tuple[int, int]]:
    """Prefix points (i, j) from (0, 0) to (n, m) of the best 1-1/skip path at one resolution level.

    Long documents are solved at halved resolution first, then refined in a
    band around the projected path, level by level down to the segments.
    """
    n, m = source.size(level), target.size(level)
    threshold = params.coarse_threshold
    if n * m <= params.full_cells or n < 4 or m < 4:
        windows = full_windows(n, m)
        matrix = _similarities(source.rows(level), target.rows(level))

        def gains(i: int, cols: np.ndarray) -> np.ndarray:
            # Prefix cell (i, j) ends the bead of source i-1 and target j-1.
            return matrix[i - 1, cols - 1] - threshold

    else:
        half = _coarse_path(source, target, level + 1, params)
        windows = band_from_path([(2 * i, 2 * j) for i, j in half], n, m, params.coarse_band * 2)
        a, b = source.rows(level), target.rows(level)

        def gains(i: int, cols: np.ndarray) -> np.ndarray:
            first = int(cols.min()) - 1
            row = a.take(i - 1, i)[0]
            return b.apply(first, int(cols.max()), lambda rows: rows @ row)[cols - 1 - first] - threshold

    return banded_dp(n, m, windows, [((1, 1), gains)])


def _similarities(a: ChunkedRows, b: ChunkedRows) -> np.ndarray:
    """All cosines between two sides' rows (the product has at most ``full_cells`` cells).

    The shorter side is held whole and the longer one streamed a chunk at a
    time: BLAS gives the very same cosines as one product of both whole
    sides, without holding the longer side's vectors (12 KB a row).
    """
    if len(a) <= len(b):
        small = a.all()
        return np.concatenate([small @ b.take(lo, min(lo + CHUNK, len(b))).T for lo in range(0, len(b), CHUNK)], axis=1)
    small = b.all()
    return np.concatenate([a.take(lo, min(lo + CHUNK, len(a))) @ small.T for lo in range(0, len(a), CHUNK)], axis=0)


# ---- pass 2: n:m beads near the path --------------------------------------


def _bead_search(scorer: BeadScorer, coarse, params: AlignParams):
    n, m = len(scorer.source), len(scorer.target)
    windows = band_from_path(coarse, n, m, params.bead_band)
    scorer.windows = windows
    moves = [
        ((a, b), partial(scorer.gains, a=a, b=b))
        for a in range(1, params.max_side + 1)
        for b in range(1, params.max_side + 1)
    ]
    points = banded_dp(n, m, windows, moves)
    # Slices of one tuple of indices share its int objects: a bead's own range() made new ones, 28 bytes
    # each, some 7 MB over a 10 MB article's 120,000 beads.
    sources, targets = tuple(range(n)), tuple(range(m))
    return [
        (sources[i0:i1], targets[j0:j1])
        for (i0, j0), (i1, j1) in zip(points, points[1:])
    ]
