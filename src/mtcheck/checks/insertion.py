"""Target text with no source counterpart that adds to the article: inserted headings and content."""

from __future__ import annotations

from typing import Iterable

from mtcheck.checks.base import Check, DocumentView
from mtcheck.checks.insertion_labels import clip, inserted_segments
from mtcheck.checks.registry import register
from mtcheck.types import Finding, Severity


@register
class InsertionCheck(Check):
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

    def run(self, doc: DocumentView) -> Iterable[Finding]:
        for inserted in inserted_segments(doc):
            if inserted.label.furniture:
                continue
            heading = inserted.label.name == "heading"
            yield self.finding(
                inserted.view,
                f"inserted {inserted.what} with no source counterpart: {clip(inserted.text)}",
                inserted.view.target.segment_span(inserted.segment),
                severity=Severity.MINOR if heading else Severity.MAJOR,
                confidence=0.9 if heading else 0.8,
            )
