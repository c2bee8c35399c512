"""Page furniture: what a portal wraps around an article, reported apart so users can filter it out."""

from __future__ import annotations

from mtcheck.checks.inserted_segment import InsertedSegmentCheck
from mtcheck.types import Severity


class PageFurnitureCheck(InsertedSegmentCheck):
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
    furniture = True
