"""Page furniture: what a portal wraps around an article, reported apart so users can filter it out."""

from __future__ import annotations

from typing import Iterable

from mtcheck.checks.base import Check, DocumentView
from mtcheck.checks.insertion_labels import clip, inserted_segments
from mtcheck.checks.registry import register
from mtcheck.types import Finding, Severity


@register
class PageFurnitureCheck(Check):
    """Inserted portal text: ads, navigation and UI strings, teasers, captions, bylines, footers.

    Example (seed): "Read The Washington Post for free for four weeks" is an
    ad; "Comments" / "Press" / "Split" are the portal's buttons (its Print and
    Share); "My news" heads a sidebar; "© Communities 2019 - Privacy" is a
    footer. Skipping this check drops them; it never turns them into
    insertions.
    """

    name = "page-furniture"
    category = "Other"
    severity = Severity.MINOR

    def run(self, doc: DocumentView) -> Iterable[Finding]:
        for inserted in inserted_segments(doc):
            if inserted.label.furniture:
                yield self.finding(
                    inserted.view,
                    f"inserted {inserted.what} with no source counterpart: {clip(inserted.text)}",
                    inserted.view.target.segment_span(inserted.segment),
                    confidence=0.9,
                )
