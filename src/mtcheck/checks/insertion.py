"""Target text with no source counterpart that adds to the article: inserted headings and content."""

from __future__ import annotations

from mtcheck.analyses.insertions import Insertion
from mtcheck.checks.inserted_segment import InsertedSegmentCheck
from mtcheck.types import Severity


class InsertionCheck(InsertedSegmentCheck):
    """Target text with no counterpart in the source: an inserted heading or sentence.

    Example (seed): the heading "US military kills militia leader in drone
    strike in Baghdad" and the sentence "Washington angers an ally." stand
    in the translation with nothing opposite them in the source. Portal
    furniture (ads, buttons, captions, bylines, footers) is left to the
    page-furniture check.
    """

    name = "insertion"
    category = "Accuracy/Addition"
    severity = Severity.MAJOR
    furniture = False

    def grade(self, inserted: Insertion) -> tuple[Severity, float]:
        return (Severity.MINOR, 0.9) if inserted.label.name == "heading" else (Severity.MAJOR, 0.8)
