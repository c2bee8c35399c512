"""A target whose sentences stand out of the source's order: reversed, shuffled, halves swapped."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import numpy as np

from mtcheck.views import DocumentView
from mtcheck.checks.structural import MatchParams, StructuralCheck, matched, mutual, segment_bounds, share
from mtcheck.segment.documents import SegmentTexts
from mtcheck.params import param
from mtcheck.types import Document, Finding


@dataclass(frozen=True)
class SentenceOrderParams(MatchParams):
    # On the 714 WMT21 news articles (benchmarks/structural_checks.py) the matched target outside its
    # longest in-order run is at most 11% (one sentence); their ref.B articles reversed are 51-89%
    # out of order, shuffled 41-76%.
    out_of_order_share: float = param(
        0.3, "share of the matched target (characters) outside its longest run in source order that is reported"
    )
    # One sentence moved in a short article is a third of it; a wreck moves more than one or two.
    min_moved: int = param(3, "target sentences out of source order an article needs for a finding")


class SentenceOrderCheck(StructuralCheck):
    """The target's sentences stand in another order than the source's: reversed, shuffled or moved in blocks.

    Example: the seed article (corpora/seed) with its target's sentences in
    reverse order: every sentence is translated, yet only 4% of the target
    aligns, and 97% of what matches a source sentence (70 of 71 sentences)
    stands against the source's order. Each target sentence is matched with
    its most similar source sentence anywhere (character n-grams); the
    heaviest run of target sentences whose matches rise through the source is
    in order, and the rest of the matched target is not. One sentence moved is
    no finding.
    """

    name = "sentence-order"
    # MQM's Fluency/Coherence, which the report's categories do not have: the text no longer hangs together.
    category = "Fluency/Inconsistency"
    Params = SentenceOrderParams

    def run(self, doc: DocumentView) -> Iterator[Finding]:
        structure = self.matched_structure(doc)
        if structure is None:
            return
        p = self.params
        matches = structure.target_matches
        document = doc.document
        keep = matched(matches, structure.target_chars, p) & mutual(structure) & ~repeated(document, matches.rows)
        rows, best = matches.rows[keep], matches.best[keep]
        weights = structure.target_chars[rows].astype(np.float64)
        if len(rows) < p.min_moved + 1:
            return
        in_order = heaviest_rising_run(best, weights)
        moved = int((~in_order).sum())
        out_of_order = share(weights[~in_order].sum(), weights.sum())
        if out_of_order < p.out_of_order_share or moved < p.min_moved:
            return
        first = int(np.flatnonzero(~in_order)[0])
        yield self.document_finding(
            doc,
            f"sentences out of order: {out_of_order:.0%} of the target aligns against the source order "
            f"({moved} of {len(rows)} matched sentences); the first is marked",
            segment_bounds(document.target_segments, int(rows[first])),
            segment_bounds(document.source_segments, int(best[first])),
            {
                "out_of_order_share": round(out_of_order, 4), "threshold": p.out_of_order_share,
                "sentences_out_of_order": moved, "sentences_matched": len(rows),
                "inverted_pairs_share": round(inverted_share(best), 4),
                "aligned_coverage": round(structure.target_coverage, 4),
                "sampled": len(matches.rows) < len(document.target_segments),
            },
        )


def repeated(document: Document, rows: np.ndarray) -> np.ndarray:
    """Which of the target segments ``rows`` repeat an earlier target segment word for word: a copy is
    mass-duplication's, and an article pasted twice would read as out of order from its second copy on."""
    texts = SegmentTexts(document.target, document.target_segments)
    first: dict[str, int] = {}
    for k, text in enumerate(texts):
        first.setdefault(text, k)
    return np.array([first[texts[k]] < k for k in rows.tolist()], dtype=bool)


def heaviest_rising_run(keys: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Which items form the heaviest subsequence whose ``keys`` never fall (weighted longest non-decreasing
    subsequence), as a boolean mask; O(n log n) with a Fenwick tree of prefix maxima over the ranked keys."""
    ranks = np.searchsorted(np.unique(keys), keys).tolist()
    size = max(ranks) + 1 if ranks else 0
    tree_weight = [0.0] * (size + 1)
    tree_item = [-1] * (size + 1)
    total, parent = [0.0] * len(ranks), [-1] * len(ranks)
    for i, rank in enumerate(ranks):
        best_weight, best_item, k = 0.0, -1, rank + 1
        while k > 0:  # the heaviest run ending on a key at most this one
            if tree_weight[k] > best_weight:
                best_weight, best_item = tree_weight[k], tree_item[k]
            k -= k & -k
        total[i], parent[i] = best_weight + float(weights[i]), best_item
        k = rank + 1
        while k <= size:
            if total[i] > tree_weight[k]:
                tree_weight[k], tree_item[k] = total[i], i
            k += k & -k
    mask = np.zeros(len(ranks), dtype=bool)
    item = int(np.argmax(total)) if total else -1
    while item >= 0:
        mask[item] = True
        item = parent[item]
    return mask


def inverted_share(keys: np.ndarray) -> float:
    """Kendall's share of pairs (i < j) with ``keys[i] > keys[j]``, among pairs of different keys."""
    ranks = np.searchsorted(np.unique(keys), keys).tolist()
    size = max(ranks) + 1 if ranks else 0
    counts = [0] * (size + 1)
    inverted = 0
    for seen, rank in enumerate(ranks):
        k, at_most = rank + 1, 0
        while k > 0:  # earlier keys at most this one
            at_most += counts[k]
            k -= k & -k
        inverted += seen - at_most
        k = rank + 1
        while k <= size:
            counts[k] += 1
            k += k & -k
    unequal = len(ranks) * (len(ranks) - 1) // 2 - _tied_pairs(ranks)
    return share(inverted, unequal)


def _tied_pairs(ranks: list[int]) -> int:
    counts = np.bincount(ranks) if ranks else np.zeros(0, dtype=np.int64)
    return int((counts * (counts - 1) // 2).sum())
