"""Target segments with no source counterpart, labelled by what they look like."""

from __future__ import annotations

import re
from typing import Iterable

from mtcheck.checks.base import Check, DocumentView, PairView
from mtcheck.checks.registry import register
from mtcheck.types import SegmentKind, Severity

# Ordered: the first label whose pattern matches wins.
LABEL_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("caption", re.compile(r"^(©|\(c\)|photo:|image:|picture:|credit:|foto:)|/(imago|dpa|afp|ap|reuters|getty)", re.I)),
    ("ad", re.compile(
        r"\b(for free|free for|subscribe|subscription|newsletter|advertisement|sponsored|"
        r"ticket|exclusive (research|access|content)|sign up|special offer|try .{0,30}for \d+)\b", re.I)),
    ("boilerplate", re.compile(
        r"^(source:|as of:|highlights:|updated:|published:)|\b(privacy|all rights reserved|"
        r"automatically translated|machine translations?|first published|terms of use|cookies?|"
        r"external sources|imply a recommendation|all news articles)\b|"
        r"^\d{4}-\d{2}-\d{2}(t[\d:.]+z?)?$", re.I)),
    ("byline", re.compile(
        r"^(to the authors?|about the authors?|by [A-Z][a-z]+ [A-Z]|author:)|\b(bureau chief|correspondent|"
        r"is a (senior |national |political )?(reporter|writer|editor|columnist)|writes about|"
        r"has worked for|has reported from|reported on)\b", re.I)),
    ("navigation", re.compile(
        r"^(comments?|press|print|share|split|menu|home|login|log in|more|latest|trends( 24h)?|"
        r"you may like|my news|read more|next|previous|back to top|\d+ (minutes?|hours?|days?) ago)$", re.I)),
)

LABEL_FINDINGS = {
    # label: (category, severity)
    "caption": ("Other", Severity.MINOR),
    "ad": ("Other", Severity.MINOR),
    "boilerplate": ("Other", Severity.MINOR),
    "byline": ("Other", Severity.MINOR),
    "navigation": ("Other", Severity.MINOR),
    "heading": ("Accuracy/Addition", Severity.MINOR),
    "content": ("Accuracy/Addition", Severity.MAJOR),
}


def classify(text: str, kind: SegmentKind, next_text: str | None = None) -> str:
    """Label an inserted segment; ``next_text`` is the segment after it."""
    stripped = text.strip()
    for label, pattern in LABEL_PATTERNS:
        if pattern.search(stripped):
            return label
    if next_text is not None and LABEL_PATTERNS[0][1].search(next_text.strip()):
        return "caption"  # the line right above a photo credit
    if kind is SegmentKind.BULLET:
        return "navigation"  # sidebar link lists
    if kind is SegmentKind.HEADING:
        return "heading"
    return "content"


@register
class InsertionCheck(Check):
    """Target text with no counterpart in the source: additions and page furniture.

    Example (seed): "Read The Washington Post for free for four weeks" is an
    ad the portal inserted; "Comments" / "Press" / "Split" are its buttons.
    """

    name = "insertion"
    category = "Accuracy/Addition"
    severity = Severity.MAJOR

    def run(self, doc: DocumentView) -> Iterable:
        target = doc.document.target
        segments = doc.document.target_segments
        for view in doc.pairs:
            if not view.source.empty or view.target.empty:
                continue
            yield from self._inserted(view, target.text, segments)

    def _inserted(self, view: PairView, text: str, segments):
        for segment, segment_text in view.target.segment_texts():
            following = segments[segment.index + 1] if segment.index + 1 < len(segments) else None
            next_text = text[following.start : following.end] if following else None
            label = classify(segment_text, segment.kind, next_text)
            category, severity = LABEL_FINDINGS[label]
            yield self.finding(
                view,
                f"inserted {label} with no source counterpart: {_clip(segment_text)}",
                view.target.segment_span(segment),
                severity=severity,
                category=category,
                confidence=0.9 if label != "content" else 0.8,
            )


def _clip(text: str, width: int = 60) -> str:
    return f"'{text}'" if len(text) <= width else f"'{text[: width - 1]}…'"
