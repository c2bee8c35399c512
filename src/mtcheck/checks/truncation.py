"""A translation cut off: the source's end (or its start) has no counterpart anywhere in the target."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import numpy as np

from mtcheck.views import DocumentView
from mtcheck.checks.structural import MatchParams, StructuralCheck, matched, segment_bounds, share
from mtcheck.params import param
from mtcheck.types import Finding


@dataclass(frozen=True)
class TruncationParams(MatchParams):
    # A last paragraph dropped is the omission check's. On the WMT21 news articles the longest end or
    # start without a counterpart is at most 18% of the source (two sentences); their first half of
    # sentences kept leaves 27-76% of the source without one.
    missing_share: float = param(
        0.25, "share of the source's characters, at its end or its start, without a counterpart, that is reported"
    )
    missing_sentences: int = param(3, "source sentences the missing end or start needs")
    stray_share: float = param(0.1, "share of a missing end's characters that may match by chance")
    # Less than this kept is no truncated translation but another text (wrong-article) or one sentence
    # looped (mass-duplication).
    kept_share: float = param(0.1, "share of the source with a counterpart a truncated translation still has")
    kept_sentences: int = param(3, "source sentences with a counterpart a truncated translation still has")


class TruncationCheck(StructuralCheck):
    """The translation stops early (or starts late): a large share of the source's end (or start) has no counterpart.

    Example: the seed article (corpora/seed) with its target cut after half of
    its sentences: the source's last 51% (37 sentences, from "After Saedi's
    killing, the Pentagon pushed ...") has no counterpart anywhere in the
    target. A source sentence has one when a target sentence matches it best,
    in any order, or when the target sentence it matches best stands for its
    neighbour; the missing end is the longest end with (nearly) none. One
    sentence dropped at the end is no finding.
    """

    name = "truncation"
    category = "Accuracy/Omission"
    Params = TruncationParams

    def run(self, doc: DocumentView) -> Iterator[Finding]:
        structure = self.matched_structure(doc)
        if structure is None:
            return
        p = self.params
        covered = covered_sources(structure, p)
        if len(structure.target_matches.rows) < len(structure.target_chars):
            # A big article's sampled target marks where it reaches in the source, not every sentence:
            # all between its first and last mark counts as covered.
            where = np.flatnonzero(covered)
            if len(where):
                covered[where[0] : where[-1] + 1] = True
        chars = structure.source_chars
        if covered.sum() < p.kept_sentences or share(chars[covered].sum(), chars.sum()) < p.kept_share:
            return
        ends = [("end", *missing_end(covered[::-1], chars[::-1], p.stray_share)),
                ("start", *missing_end(covered, chars, p.stray_share))]
        side, count, missing_chars, length = max(ends, key=lambda end: end[2])
        first = len(chars) - length if side == "end" else int(np.flatnonzero(~covered)[0])
        missing = share(missing_chars, chars.sum())
        if missing < p.missing_share or count < p.missing_sentences:
            return
        document = doc.document
        word = "last" if side == "end" else "first"
        yield self.document_finding(
            doc,
            f"translation truncated: the source's {word} {missing:.0%} ({count} sentences) has no counterpart "
            f"in the target; its first sentence is marked",
            None,
            segment_bounds(document.source_segments, first),
            {
                "missing": side, "missing_share": round(missing, 4), "threshold": p.missing_share,
                "missing_sentences": count, "source_sentences": len(chars),
                "aligned_source_coverage": round(structure.source_coverage, 4),
            },
        )


def covered_sources(structure, p: MatchParams) -> np.ndarray:
    """Per source segment: does anything in the target stand for it, in any order?

    A source sentence that some target sentence matches best has a counterpart. So has one whose best
    target sentence stands for a neighbour of it (a target sentence that merges two of the source's);
    a sentence of a cut-off end finds its best match anywhere in the target, where it stands for nothing.
    """
    covered = np.zeros(len(structure.source_chars), dtype=bool)
    targets = structure.target_matches
    covered[targets.best[matched(targets, structure.target_chars, p)]] = True
    stands_for = np.full(len(structure.target_chars), -len(covered) - 2)
    stands_for[targets.rows] = targets.best
    sources = structure.source_matches
    near = np.abs(stands_for[sources.best] - sources.rows) <= 1
    covered[sources.rows[matched(sources, structure.source_chars, p) & near]] = True
    return covered


def missing_end(covered: np.ndarray, chars: np.ndarray, stray_share: float) -> tuple[int, int, int]:
    """The longest run of segments from the first on that ends on one without a counterpart and in which
    those with one hold at most ``stray_share`` of the characters: (segments without a counterpart in it,
    their characters, its length in segments); zeros when there is none."""
    seen = np.cumsum(chars)
    missing = np.cumsum(np.where(covered, 0, chars))
    valid = np.flatnonzero(~covered & (seen - missing <= stray_share * seen))
    if len(valid) == 0:
        return 0, 0, 0
    last = int(valid[-1])
    return int((~covered[: last + 1]).sum()), int(missing[last]), last + 1
