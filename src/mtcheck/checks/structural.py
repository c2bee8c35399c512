"""The shared base of the structural checks: whole-article damage, one critical finding per article.

Sentence order, truncation and another article's text are judged from
``analyses.structure``: where each segment's best counterpart lies on the
other side, whatever the order; mass duplication from the segments and the
folded copies (mtcheck.segment.folding). A finding is the document's (``pair`` None),
so the judge keeps its confidence (nothing in the human data is a wreck to
measure it on) and the gate counts it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

import numpy as np

from mtcheck.align.matching import BestMatches
from mtcheck.checks.base import Check
from mtcheck.views import DocumentView
from mtcheck.params import Params, param
from mtcheck.types import Finding, Severity, Span

# Well above the gate's confidence point (0.7): a structural finding is a measured share past a margin.
CONFIDENCE = 0.95


@dataclass(frozen=True)
class MatchParams(Params):
    # ``match_cosine``: the length-scaled cosine of character n-grams (align/matching.py) from which a
    # match is a counterpart, one per check (each may be set on its own). On the WMT21 news articles
    # (benchmarks/structural_checks.py) a translated sentence and its source sentence score 0.56 at the
    # median and 0.43 at the quartile, a loose translation 0.3-0.45; a sentence of another article
    # reaches 0.36 at most, 0.33 in 99 of 100, and two sentences that are each other's best match by
    # chance are rarer still. Low, then: a sentence of a cut-off end that matches by chance costs
    # little, as a tenth of its characters may have a counterpart (truncation's stray_share).
    match_cosine: float = param(0.3, "length-scaled character n-gram cosine from which a match is a counterpart")
    min_chars: int = param(
        20, "characters (without whitespace) a sentence needs to be matched: \"Comments\" matches anything"
    )


class StructuralCheck(Check):
    """A check on the article's structure (not used on its own: each subclass is one)."""

    needs = frozenset({"structure"})
    severity = Severity.CRITICAL  # whole-article damage: the article is not fit to publish

    @staticmethod
    def matched_structure(doc: DocumentView):
        """The document's structure analysis, or None where the monotonic alignment explains nearly all of
        both sides (the sentences were not matched in any order: nothing structural to find)."""
        (structure,) = doc.analyses.get("structure")
        return structure if structure.matched else None

    def document_finding(
        self, doc: DocumentView, message: str, target: tuple[int, int] | None, source: tuple[int, int] | None,
        evidence: Mapping[str, Any],
    ) -> Finding:
        """A finding on the whole document; ``target`` and ``source`` are the ``(start, end)`` it points at."""
        document = doc.document
        return Finding(
            check=self.name,
            category=self.category,
            severity=self.severity,
            pair=None,  # a verdict on the article, not on one pair
            target_span=Span.of(document.target.text, *target) if target else None,
            source_span=Span.of(document.source.text, *source) if source else None,
            message=message,
            confidence=CONFIDENCE,
            evidence=self.evidence(evidence),
        )


def matched(matches: BestMatches, chars: np.ndarray, params: MatchParams) -> np.ndarray:
    """Which of the scored segments have a counterpart: a match that is close and a sentence long enough."""
    return (matches.score >= params.match_cosine) & (chars[matches.rows] >= params.min_chars)


def mutual(structure) -> np.ndarray:
    """Which scored target segments are their best source segment's best target segment too, where that
    source segment was scored (on a big article, one not scored counts as mutual)."""
    targets, sources = structure.target_matches, structure.source_matches
    back = np.full(len(structure.source_chars), -1)
    back[sources.rows] = sources.best
    answer = back[targets.best]
    return (answer == targets.rows) | (answer == -1)


def segment_bounds(segments, index: int) -> tuple[int, int]:
    return segments[index].start, segments[index].end


def share(part: float, whole: float) -> float:
    return float(part / whole) if whole else 0.0
