"""What of the article matches what, whatever the order: the facts behind the structural checks.

The aligner is monotonic, so a target in reverse order, another article's
text and a target cut off in the middle all come out of it as the same thing,
insertions and omissions. To tell them apart, the order, truncation and
wrong-article checks read where each segment's best counterpart lies anywhere
on the other side (align/matching.py).

On a news article the comparison costs milliseconds, and both sides are
compared whole. Small articles are always compared: when all of their
sentences are alike ("Bac Giang Province will ...") the aligner can pair a
reversed target one to one with its source. On a big one (more than
``ALWAYS_MATCHED`` segment pairs) the comparison is only made where the
alignment leaves much of either side without a counterpart (an article whose
alignment covers nearly all of both sides is in order, whole and the right
one), and then only ``BIG_SAMPLE`` evenly spaced target segments are matched
against the whole source: each costs a pass over the source's n-grams, some
seconds in all on a 10 MB article.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mtcheck.align.features import stripped_lengths
from mtcheck.align.matching import BestMatches, best_matches, not_scored
from mtcheck.segment.documents import SegmentTexts
from mtcheck.params import Params, param
from mtcheck.views import DocumentView
from mtcheck.analyses.analysis import Analysis

# Segment pairs (source x target) up to which both sides are always compared whole: 2,000 x 2,000.
ALWAYS_MATCHED = 4_000_000
# Target segments of a big article matched against its source (its source is not matched back): about 6 s
# on a 10 MB article of 76,000 source segments (2 cores), a hundredth of its alignment.
BIG_SAMPLE = 100


@dataclass(frozen=True)
class StructureAnalysisParams(Params):
    # A structural wreck leaves a quarter or more of one side without a counterpart in order: 30% of
    # the target out of order (sentence-order), 25% of the source cut off (truncation), nearly all of
    # either side another text (wrong-article).
    explained_coverage: float = param(
        0.9, "aligned coverage of both sides from which the segments of a big article are not matched out of order"
    )


@dataclass(frozen=True)
class Structure:
    """The article's aligned coverage, and each side's best matches on the other (``None`` where not needed)."""

    target_coverage: float  # share of the target's characters (without whitespace) in pairs with a source
    source_coverage: float
    target_matches: BestMatches | None  # each (sampled) target segment's best source segment
    source_matches: BestMatches | None  # each source segment's best target segment; none scored on a big one
    target_chars: np.ndarray  # characters (without whitespace) of each target segment
    source_chars: np.ndarray

    @property
    def matched(self) -> bool:
        return self.target_matches is not None


def find_structure(doc: DocumentView, params: StructureAnalysisParams):
    """Yields the one ``Structure`` of the document."""
    document = doc.document
    targets = SegmentTexts(document.target, document.target_segments)
    sources = SegmentTexts(document.source, document.source_segments)
    target_chars, source_chars = stripped_lengths(targets), stripped_lengths(sources)
    covered_target = covered_source = 0
    for pair in document.pairs:
        if pair.source and pair.target:
            covered_target += int(target_chars[list(pair.target)].sum())
            covered_source += int(source_chars[list(pair.source)].sum())
    target_coverage = _share(covered_target, int(target_chars.sum()))
    source_coverage = _share(covered_source, int(source_chars.sum()))
    big = len(targets) * len(sources) > ALWAYS_MATCHED
    if not targets or not sources or (big and min(target_coverage, source_coverage) >= params.explained_coverage):
        yield Structure(target_coverage, source_coverage, None, None, target_chars, source_chars)
    elif big:
        yield Structure(target_coverage, source_coverage, best_matches(targets, sources, BIG_SAMPLE), not_scored(),
                        target_chars, source_chars)
    else:
        yield Structure(target_coverage, source_coverage, best_matches(targets, sources, len(targets)),
                        best_matches(sources, targets, len(sources)), target_chars, source_chars)


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


ANALYSIS = Analysis("structure", find_structure, StructureAnalysisParams)
