"""What a candidate bead is worth: chrF coverage of each segment by the other side, lengths, embeddings.

The passes in ``sentences`` decide which beads to try along which band; this
module scores them. The scoring (coverage caches, chance levels, embedding
groups) is the larger half of the aligner and changes for different reasons
(new evidence joins the gain), so it lives apart from the search.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from mtcheck.align.features import (
    CHUNK,
    ChunkedRows,
    CoarseLevels,
    coverage_rows,
    FeatureTexts,
    SampledGroups,
    stripped_lengths,
)

if TYPE_CHECKING:  # sentences imports this module, so the params are named for the annotations only
    from mtcheck.align.sentences import AlignParams

MAX_CHANCE = 0.25


class BeadScorer:
    """Gains of candidate beads from per-segment chrF coverage.

    A bead's gain sums, over its segments, how well each is explained by the
    other side (chrF recall for a source segment against the target group,
    chrF precision for a target segment against the source group) minus the
    skip threshold. Junk glued onto a good match therefore lowers the gain
    instead of riding on the match's score. A length-ratio term and optional
    embedding cosines join in.
    """

    def __init__(self, sources, targets, params: AlignParams, embeddings=None, standalone=None):
        self.params = params
        marks = standalone or ([False] * len(sources), [False] * len(targets))
        self.source_standalone = np.cumsum(np.r_[0, np.asarray(marks[0], dtype=np.int64)])
        self.target_standalone = np.cumsum(np.r_[0, np.asarray(marks[1], dtype=np.int64)])
        self.source_texts = FeatureTexts(sources)
        self.target_texts = FeatureTexts(targets)
        # Computed chunk by chunk as the search moves down the band, never whole.
        self.source = coverage_rows(self.source_texts, params.buckets)
        self.target = coverage_rows(self.target_texts, params.buckets)
        self.source_lengths = np.cumsum(np.r_[0, stripped_lengths(self.source_texts)]).astype(np.float64)
        self.target_lengths = np.cumsum(np.r_[0, stripped_lengths(self.target_texts)]).astype(np.float64)
        self.coarse_source = CoarseLevels(self.source_texts, params.buckets)
        self.coarse_target = CoarseLevels(self.target_texts, params.buckets)
        self.embeddings = None
        if embeddings is not None and params.embedding_weight > 0:
            self.embeddings = _EmbeddingGroups(embeddings, self.source_lengths, self.target_lengths, params)
        self.source_chance, self.target_chance = self._chance_coverage()
        self._target_cover: dict[tuple[int, int], tuple[int, np.ndarray]] = {}
        self._source_cover: dict[tuple[int, int], tuple[int, np.ndarray]] = {}
        self._pruned_at = 0
        self.windows = np.zeros((0, 2), dtype=np.int64)

    def gains(self, i: int, cols: np.ndarray, a: int, b: int) -> np.ndarray:
        """Gain of beads ending at prefix cell (i, col) for each col."""
        p = self.params
        self._prune(i)
        total = np.zeros(len(cols))
        source_bar = p.skip_threshold + self.source_chance[b - 1]
        for s in range(i - a, i):
            offset, cover = self._source_coverage(s, b)
            total += cover[cols - b - offset] - source_bar
        target_bar = p.skip_threshold + self.target_chance[a - 1]
        offset, cover = self._target_coverage(i - a, a)
        for k in range(1, b + 1):
            total += cover[cols - k - offset] - target_bar
        src_len = self.source_lengths[i] - self.source_lengths[i - a]
        tgt_len = self.target_lengths[cols] - self.target_lengths[cols - b]
        ratio = np.minimum(src_len, tgt_len) / np.maximum(np.maximum(src_len, tgt_len), 1)
        total += p.length_weight * (a + b) * (ratio - 1)
        if self.embeddings is not None:
            total += p.embedding_weight * self.embeddings.gains(i, cols, a, b)
        if a > 1:
            total -= p.standalone_penalty * (self.source_standalone[i] - self.source_standalone[i - a])
        if b > 1:
            total -= p.standalone_penalty * (self.target_standalone[cols] - self.target_standalone[cols - b])
        return total - p.merge_penalty * (a + b - 2)

    def _chance_coverage(self, samples: int = 256) -> tuple[np.ndarray, np.ndarray]:
        """Mean coverage of unrelated segment/group pairs, per group size.

        Larger groups cover more by chance (shared common words); measuring
        that on the document itself keeps groups from winning on it. Pairs
        are drawn half a document away from the diagonal, where true matches
        are rare; the cap keeps tiny documents, where even those pairs may
        match, from raising the bar above real matches.
        """
        rng = np.random.default_rng(0)
        n, m = len(self.source), len(self.target)
        s_idx = rng.integers(0, n, samples)
        t_idx = ((s_idx / n + 0.5) * m + rng.integers(-2, 3, samples)).astype(np.int64) % m
        buckets, largest = self.params.buckets, self.params.max_side
        source_groups = SampledGroups(self.source_texts, buckets, s_idx, largest)
        target_groups = SampledGroups(self.target_texts, buckets, t_idx, largest)
        # Per group size: each side's single segments against the other side's groups, CHUNK samples at a
        # time (each sample's coverage is its own, so the means are those of all samples at once).
        source_values, target_values = [[] for _ in range(largest)], [[] for _ in range(largest)]
        for lo in range(0, samples, CHUNK):
            sources, targets = source_groups.sizes(lo, lo + CHUNK), target_groups.sizes(lo, lo + CHUNK)
            for k in range(largest):
                source_values[k].append(_coverage(sources[0], targets[k]))
                target_values[k].append(_coverage(targets[0], sources[k]))
        source = [np.concatenate(values).mean() for values in source_values]
        target = [np.concatenate(values).mean() for values in target_values]
        return np.minimum(source, MAX_CHANCE), np.minimum(target, MAX_CHANCE)

    def _prune(self, row: int) -> None:
        """Forget coverages of rows the search has left behind: moves reach back ``max_side`` rows."""
        if row - self._pruned_at < CHUNK:
            return
        self._pruned_at = row
        floor = row - self.params.max_side
        self._target_cover = {key: value for key, value in self._target_cover.items() if key[0] >= floor}
        self._source_cover = {key: value for key, value in self._source_cover.items() if key[0] >= floor}

    def _target_coverage(self, start: int, a: int):
        """chrF precision of each nearby target segment against sources start..start+a-1."""
        key = (start, a)
        if key not in self._target_cover:
            lo, hi = self._target_range(start + a, start + a)
            group = self.source.group(a, start, start + 1)[0]
            self._target_cover[key] = (lo, self.target.apply(lo, hi, lambda rows: _coverage(rows, group)))
        return self._target_cover[key]

    def _source_coverage(self, s: int, b: int):
        """chrF recall of source segment s against each nearby target group of size b."""
        key = (s, b)
        if key not in self._source_cover:
            lo, hi = self._target_range(s + 1, s + self.params.max_side)
            row = self.source.take(s, s + 1)[0]
            cover = self.target.apply(lo, hi, lambda groups: _coverage(row, groups, part_is_single=True), size=b)
            self._source_cover[key] = (lo, cover)
        return self._source_cover[key]

    def _target_range(self, first_row: int, last_row: int) -> tuple[int, int]:
        rows = self.windows[first_row : min(last_row, len(self.windows) - 1) + 1]
        lo = max(0, int(rows[:, 0].min()) - self.params.max_side)
        hi = min(len(self.target), int(rows[:, 1].max()))
        return lo, max(hi, lo)


FULL_TRUST_CHARS = 40  # non-space characters from which an embedding counts fully


class _EmbeddingGroups:
    """Like chrF coverage, per segment: each segment's cosine with the other side's group.

    Group vectors sum segment vectors weighted by length, so a long sentence
    dominates a stranded fragment; a junk line glued onto a match has a low
    cosine of its own and so lowers the gain instead of riding on the match.
    Group sums are made on demand near the search's row, like the n-gram
    features, so they cost no memory beyond the embeddings themselves.
    """

    def __init__(self, embeddings, source_lengths, target_lengths, params: AlignParams):
        self.threshold = params.embedding_threshold
        units = [np.asarray(e, dtype=np.float32) for e in embeddings]
        weights = (np.diff(source_lengths), np.diff(target_lengths))
        self.source, self.target = units
        # Embeddings of a word or two say little; chrF decides for fragments.
        self.source_trust, self.target_trust = (np.minimum(1.0, w / FULL_TRUST_CHARS) ** 2 for w in weights)
        self.source_groups, self.target_groups = (_weighted_rows(u, w) for u, w in zip(units, weights))

    def gains(self, i: int, cols: np.ndarray, a: int, b: int) -> np.ndarray:
        total = np.zeros(len(cols))
        first = int(cols.min()) - b
        target_groups = _unit(self.target_groups.group(b, first, int(cols.max()) - b + 1))[cols - b - first]
        for s in range(i - a, i):
            total += self.source_trust[s] * (target_groups @ self.source[s] - self.threshold)
        source_group = _unit(self.source_groups.group(a, i - a, i - a + 1))[0]
        for k in range(1, b + 1):
            total += self.target_trust[cols - k] * (self.target[cols - k] @ source_group - self.threshold)
        return total


def _weighted_rows(units: np.ndarray, weights: np.ndarray) -> ChunkedRows:
    scaled = weights.astype(np.float32)
    return ChunkedRows(len(units), lambda lo, hi: units[lo:hi] * scaled[lo:hi, None])


def _unit(groups: np.ndarray) -> np.ndarray:
    return groups / np.maximum(np.linalg.norm(groups, axis=-1, keepdims=True), 1e-9)


def _coverage(part: np.ndarray, whole: np.ndarray, part_is_single: bool = False) -> np.ndarray:
    """Share of ``part``'s n-grams found in ``whole``, averaged over orders.

    Either side may carry a leading window dimension; orders missing on
    either side do not count (sacrebleu's effective order).
    """
    matches = np.minimum(part, whole).sum(axis=-1)
    part_totals = part.sum(axis=-1)
    whole_totals = whole.sum(axis=-1)
    if part_is_single:
        part_totals = np.broadcast_to(part_totals, matches.shape)
    effective = (part_totals > 0) & (whole_totals > 0)
    shares = np.where(effective, matches / np.maximum(part_totals, 1), 0.0)
    return shares.sum(axis=-1) / np.maximum(effective.sum(axis=-1), 1)
