"""The aligner's features come a chunk at a time, and chunking changes nothing.

A 10 MB article has some 100,000 segments; holding every segment's n-gram
counts took gigabytes. These tests pin that the chunked features equal the
whole-array ones, that the alignment does not depend on the chunk size, and
that no step computes counts for more than one chunk of segments at once.
"""

import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtcheck.align import features as align_features
from mtcheck.align import AlignParams, align
from mtcheck.align.features import ChunkedRows, CoarseLevels, FeatureTexts, SampledGroups
from mtcheck.align.ngrams import char_ngram_counts


def _document(n: int, seed: int) -> tuple[list[str], list[str]]:
    """A source and a noisy target with an inserted run of junk, both a few hundred segments."""
    rng = random.Random(seed)
    vocabulary = [f"w{i}x" for i in range(400)]
    sources = [" ".join(rng.choices(vocabulary, k=rng.randint(5, 20))) + "." for _ in range(n)]
    targets = [s.replace("w1", "v1") for s in sources if rng.random() > 0.05]
    targets[n // 3 : n // 3] = ["Advertisement", "Share", "Comments"] * 4
    return sources, targets


@settings(max_examples=40, deadline=None)
@given(
    rows=st.integers(1, 40),
    chunk=st.integers(1, 9),
    keep=st.integers(1, 3),
    size=st.integers(1, 3),
    lo=st.integers(0, 45),
    width=st.integers(0, 45),
)
def test_chunked_rows_equal_the_whole_array(rows, chunk, keep, size, lo, width):
    data = np.arange(rows * 3, dtype=np.float32).reshape(rows, 3) + 1
    table = ChunkedRows(rows, lambda a, b: data[a:b], chunk=chunk, keep=keep)
    hi = lo + width
    padded = np.vstack([data, np.zeros((hi + size, 3), dtype=np.float32)])
    expected = sum(padded[lo + shift : hi + shift] for shift in range(size))
    assert np.array_equal(table.group(size, lo, hi), expected)
    applied = table.apply(lo, hi, lambda block: block.sum(axis=1), size=size)
    assert np.array_equal(applied, expected.sum(axis=1) if width else np.zeros(0))


def _old_halve(vectors: np.ndarray) -> np.ndarray:
    # The whole-array halving the aligner used before features were chunked.
    pairs = vectors[: len(vectors) // 2 * 2].reshape(-1, 2, vectors.shape[1]).sum(axis=1)
    if len(vectors) % 2:
        pairs = np.vstack([pairs, vectors[-1:]])
    return pairs / np.maximum(np.linalg.norm(pairs, axis=1, keepdims=True), 1e-9)


@pytest.mark.parametrize("count", [1, 2, 7, 64, 65, 131, 300])
def test_coarse_levels_equal_whole_array_halving(count, monkeypatch):
    monkeypatch.setattr(align_features, "CHUNK", 8)
    sources, _ = _document(count, seed=count)
    texts = FeatureTexts(sources)
    counts = char_ngram_counts(list(texts), 64)
    vectors = np.sqrt(counts[:, 1:4].reshape(count, -1))
    vectors = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
    levels = CoarseLevels(texts, 64)
    for level in range(5):
        assert levels.size(level) == len(vectors)
        assert np.array_equal(levels.rows(level).all(), vectors)
        vectors = _old_halve(vectors)


def test_sampled_groups_equal_sums_of_rows():
    texts = FeatureTexts(["alpha beta", "gamma", "delta epsilon zeta", "eta"])
    rows = char_ngram_counts(list(texts), 32, (3, 4, 5, 6))
    padded = np.vstack([rows, np.zeros((3, *rows.shape[1:]), dtype=np.float32)])
    starts = np.array([0, 2, 3, 1, 3])
    sampled = SampledGroups(texts, 32, starts, 3)
    groups = sampled.sizes(0, len(starts))
    assert len(groups) == 3
    for size in (1, 2, 3):
        expected = np.stack([sum(padded[s + k] for k in range(size)) for s in starts])
        assert np.array_equal(groups[size - 1], expected)
    # A slice of the samples gets the same groups as when asked for with all of them.
    assert all(np.array_equal(part, whole[1:4]) for part, whole in zip(sampled.sizes(1, 4), groups))


@pytest.mark.parametrize("embeddings", [False, True])
def test_alignment_does_not_depend_on_the_chunk_size(monkeypatch, embeddings):
    sources, targets = _document(300, seed=3)
    params, vectors = AlignParams(full_cells=2_000), None  # forces the halving levels too
    if embeddings:
        rng = np.random.default_rng(0)
        vectors = tuple(
            (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)
            for v in (rng.standard_normal((len(sources), 8)), rng.standard_normal((len(targets), 8)))
        )
        params = AlignParams(full_cells=2_000, embedding_weight=1.0)
    expected = align(sources, targets, params, vectors)
    for chunk, keep in ((3, 1), (7, 2), (1000, 3)):
        monkeypatch.setattr(align_features, "CHUNK", chunk)
        monkeypatch.setattr(align_features, "KEEP", keep)
        monkeypatch.setattr("mtcheck.align.sentences.CHUNK", chunk)
        monkeypatch.setattr("mtcheck.align._bead_scorer.CHUNK", chunk)
        assert align(sources, targets, params, vectors) == expected


@pytest.fixture
def counted_batches(monkeypatch):
    """The number of texts in each call of the n-gram counter, as the aligner makes them."""
    sizes = []
    real = align_features.char_ngram_counts

    def counting(texts, buckets, orders=None):
        sizes.append(len(texts))
        return real(texts, buckets, orders)

    monkeypatch.setattr(align_features, "char_ngram_counts", counting)
    return sizes


def test_counts_are_never_computed_for_more_than_a_chunk(counted_batches):
    sizes = counted_batches
    sources, targets = _document(600, seed=5)
    beads = align(sources, targets, AlignParams(full_cells=5_000))
    assert [i for src, _ in beads for i in src] == list(range(len(sources)))
    # Halving levels read two chunks of the level below per chunk of their own.
    assert sizes and max(sizes) <= 2 * align_features.CHUNK


def test_a_lopsided_pair_streams_the_long_side(counted_batches):
    # Three source sentences against a long target: every row's window spans
    # the whole target, which must still be read a chunk at a time.
    sizes = counted_batches
    sources, targets = _document(400, seed=7)
    beads = align(sources[:3], targets)
    assert [j for _, tgt in beads for j in tgt] == list(range(len(targets)))
    assert max(sizes) <= 2 * align_features.CHUNK
