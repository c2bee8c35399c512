"""Per-segment n-gram features for the aligner, computed a chunk at a time.

Dense hashed counts cost 16-24 KB per segment (orders x 1024 buckets of
float32). An article of a hundred sentences never notices, but a 10 MB file
splits into some 100,000 segments, and holding every segment's features at
once took gigabytes. The aligner only ever looks at segments near its
current row, moving forward, so each side's features are computed in
chunks on demand and only the last few chunks are kept: memory stays flat
whatever the document's length, and the arithmetic (hence the alignment)
is exactly what whole-document arrays gave.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Callable, Sequence

import numpy as np

from mtcheck.align.ngrams import char_ngram_counts

CHUNK = 64  # segments per computed chunk: enough rows for numpy to pay off
KEEP = 3  # chunks kept per table: the aligner's window spans at most two

COVERAGE_ORDERS = (3, 4, 5, 6)  # 1- and 2-grams match in any two English sentences
COARSE_ORDERS = (2, 3, 4)  # carry most of the lexical signal for the coarse path


class ChunkedRows:
    """Rows ``0..count-1`` of a per-segment array, computed by ``compute(lo, hi)`` on demand."""

    def __init__(self, count: int, compute: Callable[[int, int], np.ndarray], chunk: int = CHUNK, keep: int = KEEP):
        self.count = count
        self._compute = compute
        self._chunk = chunk
        self._keep = keep
        self._cache: OrderedDict[int, np.ndarray] = OrderedDict()
        self._groups: dict[int, ChunkedRows] = {}

    def __len__(self) -> int:
        return self.count

    def take(self, lo: int, hi: int) -> np.ndarray:
        """Rows lo..hi-1; rows past the end are zeros, as if the array were padded."""
        parts = []
        position = lo
        while position < hi:
            if position >= self.count:
                parts.append(np.zeros((hi - position, *self._shape()), dtype=np.float32))
                break
            first = position // self._chunk * self._chunk
            rows = self._rows_from(first)
            stop = min(hi, first + len(rows))
            parts.append(rows[position - first : stop - first])
            position = stop
        if len(parts) == 1:
            return parts[0]
        if not parts:
            return np.zeros((0, *self._shape()), dtype=np.float32)
        return np.concatenate(parts)

    def group(self, size: int, lo: int, hi: int) -> np.ndarray:
        """``out[r]`` sums rows ``lo+r .. lo+r+size-1``: the features of a group of segments."""
        if size == 1:
            return self.take(lo, hi)
        if size not in self._groups:
            self._groups[size] = ChunkedRows(
                self.count, lambda a, b: self._group_block(size, a, b), self._chunk, self._keep
            )
        return self._groups[size].take(lo, hi)

    def apply(self, lo: int, hi: int, fn: Callable[[np.ndarray], np.ndarray], size: int = 1) -> np.ndarray:
        """``fn`` over the groups of ``size`` starting at rows lo..hi-1, a chunk at a time, concatenated.

        A window may span thousands of segments (a long run of insertions
        against a short source); a chunk at a time keeps that from
        materialising the whole window's features.
        """
        parts = []
        start = lo
        while start < hi:
            stop = min(hi, (start // self._chunk + 1) * self._chunk)
            parts.append(fn(self.group(size, start, stop)))
            start = stop
        if not parts:
            return np.zeros(0)
        return parts[0] if len(parts) == 1 else np.concatenate(parts)

    def _group_block(self, size: int, lo: int, hi: int) -> np.ndarray:
        rows = self.take(lo, hi + size - 1)
        total = rows[: hi - lo]
        # Added one shifted copy at a time, in the order whole-array sums used.
        for shift in range(1, size):
            total = total + rows[shift : shift + hi - lo]
        return total

    def all(self) -> np.ndarray:
        return self.take(0, self.count)

    def _rows_from(self, first: int) -> np.ndarray:
        rows = self._cache.get(first)
        if rows is None:
            rows = self._compute(first, min(first + self._chunk, self.count))
            self._cache[first] = rows
            while len(self._cache) > self._keep:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(first)
        return rows

    def _shape(self) -> tuple[int, ...]:
        if self._cache:
            return next(iter(self._cache.values())).shape[1:]
        return self._compute(0, min(1, self.count)).shape[1:] if self.count else (0,)


class FeatureTexts(Sequence[str]):
    """Segment texts as the n-gram features see them, made on demand (never a copy of the article)."""

    def __init__(self, texts: Sequence[str]):
        self._texts = texts

    def __len__(self) -> int:
        return len(self._texts)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [_feature_text(text) for text in self._texts[index]]
        return _feature_text(self._texts[index])


def _feature_text(text: str) -> str:
    # Lowercase: machine translation through German capitalises nouns, which
    # must not cost a match. Boundary marks give even one-character segments
    # ("0", "A") 3-grams.
    return f"\x02{text.lower()}\x03"


def stripped_lengths(texts: Sequence[str]) -> np.ndarray:
    """Characters other than whitespace per text: its number of chrF 1-grams."""
    return np.fromiter((len("".join(texts[i].split())) for i in range(len(texts))), dtype=np.int64, count=len(texts))


class SampledGroups:
    """Coverage counts of the groups of 1 .. ``largest`` segments starting at sampled rows ``starts``
    (zero-padded past the end). Each segment's counts are computed once, whatever the sizes and samples
    asked for; the groups are made for a slice of the samples at a time."""

    def __init__(self, texts: Sequence[str], buckets: int, starts: np.ndarray, largest: int):
        self.starts = np.asarray(starts, dtype=np.int64)
        self.largest = largest
        count = len(texts)
        needed = sorted({row for start in self.starts.tolist() for row in range(start, min(start + largest, count))})
        self._counts = np.concatenate(
            [
                char_ngram_counts([texts[row] for row in needed[i : i + CHUNK]], buckets, COVERAGE_ORDERS)
                for i in range(0, len(needed), CHUNK)
            ]
            # A zero row stands for the segments past the end; counts are whole numbers, so sums are exact.
            + [np.zeros((1, len(COVERAGE_ORDERS), buckets), dtype=np.float32)]
        )
        self._where = np.full(count + largest, len(needed), dtype=np.int64)
        self._where[needed] = np.arange(len(needed))

    def sizes(self, lo: int, hi: int) -> list[np.ndarray]:
        """For samples lo..hi-1: their groups of 1, 2, .. ``largest`` segments."""
        starts = self.starts[lo:hi]
        total = self._counts[self._where[starts]]
        groups = [total]
        for size in range(2, self.largest + 1):
            total = total + self._counts[self._where[starts + size - 1]]
            groups.append(total)
        return groups


def coverage_rows(texts: Sequence[str], buckets: int) -> ChunkedRows:
    """Counts of orders 3-6 per segment, shape (segments, 4, buckets)."""
    return ChunkedRows(len(texts), lambda lo, hi: char_ngram_counts(texts[lo:hi], buckets, COVERAGE_ORDERS))


class CoarseLevels:
    """Unit coarse vectors of one side at halving resolutions.

    Level 0 has one row per segment; row r of level L stands for level L-1's
    rows 2r and 2r+1 (their normalised sum; an odd last row is carried up
    alone). Each level is computed from the segments' texts on demand, so no
    level is ever held whole unless the caller asks for it.
    """

    def __init__(self, texts: Sequence[str], buckets: int):
        self._texts = texts
        self._buckets = buckets
        self._levels: dict[int, ChunkedRows] = {}

    def size(self, level: int) -> int:
        count = len(self._texts)
        for _ in range(level):
            count = (count + 1) // 2
        return count

    def rows(self, level: int) -> ChunkedRows:
        """The level's rows; the previous level asked for is dropped with its cache."""
        if level not in self._levels:
            self._levels = {level: ChunkedRows(self.size(level), lambda lo, hi: self._block(level, lo, hi))}
        return self._levels[level]

    def _block(self, level: int, lo: int, hi: int) -> np.ndarray:
        if level == 0:
            counts = char_ngram_counts(self._texts[lo:hi], self._buckets, COARSE_ORDERS)
            # sqrt damps frequent grams.
            return _unit(np.sqrt(counts.reshape(hi - lo, -1)))
        below = self.size(level - 1)
        first, last = 2 * lo, min(2 * hi, below)
        pieces = [
            _halve(self._block(level - 1, start, min(start + 2 * CHUNK, last)))
            for start in range(first, last, 2 * CHUNK)
        ]
        return pieces[0] if len(pieces) == 1 else np.concatenate(pieces)


def _halve(vectors: np.ndarray) -> np.ndarray:
    pairs = vectors[: len(vectors) // 2 * 2].reshape(-1, 2, vectors.shape[1]).sum(axis=1)
    if len(vectors) % 2:
        pairs = np.vstack([pairs, vectors[-1:]])
    return _unit(pairs)


def _unit(vectors: np.ndarray) -> np.ndarray:
    return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
