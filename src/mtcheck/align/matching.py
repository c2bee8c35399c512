"""Each segment's best counterpart anywhere on the other side, ignoring order.

The aligner is monotonic: a target whose sentences are reversed comes out of
it as insertions and omissions, as if nothing matched. The structural checks
(order, truncation, wrong article) need to know what matches where whatever
the order, so each segment of one side is compared with every segment of the
other by the cosine of hashed character n-gram counts (the aligner's features,
align/ngrams.py). The cosine is of square-rooted counts, as the aligner's
coarse pass does, so that frequent grams do not dominate, and it is scaled
by the square root of the two lengths' ratio: a long paragraph shares some
grams with every sentence of its article and would be everyone's best match
(a hub), while a translation is about as long as what it translates.

A side of more than ``limit`` segments (``MAX_SCORED`` by default) is read at
evenly spaced segments only (a 10 MB article has some 60,000); the other side
is read in chunks, so memory stays bounded whatever the length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from mtcheck.align.features import stripped_lengths
from mtcheck.align.ngrams import char_ngram_counts

# 3- to 5-grams: 1- and 2-grams match in any two English sentences, and longer
# grams add little once names and numbers match at 5.
MATCH_ORDERS = (3, 4, 5)
MATCH_BUCKETS = 1024
MAX_SCORED = 2_000
CHUNK = 512
TIE_BREAK = 1e-6
# Undecodable bytes stand as lone surrogates in a text (mtcheck.read.text), which the n-gram hashing cannot encode.
SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class BestMatches:
    """For some segments of one side (``rows``, ascending): the best segment of the other side and its cosine."""

    rows: np.ndarray  # indices of the segments scored on this side
    best: np.ndarray  # for each, the index of its best match on the other side
    score: np.ndarray  # for each, the cosine with it (0..1)


def best_matches(texts: Sequence[str], others: Sequence[str], limit: int | None = None) -> BestMatches:
    """Each (sampled: ``limit``, default ``MAX_SCORED``) text's most similar text in ``others``, in any order.

    Of equally similar texts (an article pasted twice has two of each sentence) the one nearest the same
    relative place wins: copies of an article in order are in order."""
    rows = sampled(len(texts), limit or MAX_SCORED)
    if len(rows) == 0 or len(others) == 0:  # nothing to match: no best (-1), scored 0
        return BestMatches(rows, np.full(len(rows), -1, dtype=np.int64), np.zeros(len(rows)))
    vectors, lengths = _vectors([texts[i] for i in rows.tolist()])
    places = (rows + 0.5) / len(texts)
    best = np.zeros(len(rows), dtype=np.int64)
    score = np.full(len(rows), -1.0)
    ranked = np.full(len(rows), -np.inf)
    for lo in range(0, len(others), CHUNK):
        hi = min(lo + CHUNK, len(others))
        other_vectors, other_lengths = _vectors(others[lo:hi])
        ratio = np.minimum.outer(lengths, other_lengths) / np.maximum(np.maximum.outer(lengths, other_lengths), 1)
        similarities = (vectors @ other_vectors.T) * np.sqrt(ratio)
        # Far below any difference of cosines that means something: it only breaks ties.
        distance = np.abs(places[:, None] - (np.arange(lo, hi) + 0.5) / len(others))
        where = (similarities - TIE_BREAK * distance).argmax(axis=1)
        top = similarities[np.arange(len(rows)), where]
        key = top - TIE_BREAK * distance[np.arange(len(rows)), where]
        better = key > ranked
        best[better], score[better], ranked[better] = where[better] + lo, top[better], key[better]
    return BestMatches(rows, best, np.clip(score, 0.0, 1.0))


def not_scored() -> BestMatches:
    """No segment of a side scored (a big article's source, whose target alone is matched)."""
    empty = np.zeros(0, dtype=np.int64)
    return BestMatches(empty, empty, np.zeros(0))


def sampled(count: int, limit: int) -> np.ndarray:
    """All of ``range(count)``, or ``limit`` evenly spaced indices of it (first and last included)."""
    if count <= limit:
        return np.arange(count, dtype=np.int64)
    return np.unique(np.linspace(0, count - 1, limit).round().astype(np.int64))


def _vectors(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Unit vectors of the texts' square-rooted n-gram counts, and the texts' lengths without whitespace."""
    counts = char_ngram_counts([SURROGATE.sub("\ufffd", text.lower()) for text in texts], MATCH_BUCKETS, MATCH_ORDERS)
    lengths = stripped_lengths(texts).astype(np.float64)
    vectors = np.sqrt(counts.reshape(len(texts), -1))
    return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9), lengths
