"""Target segments with no source counterpart, labelled by what they look like."""

from __future__ import annotations

import re
from typing import Iterable

from mtcheck.checks.base import Check, DocumentView, PairView
from mtcheck.checks.registry import register
from mtcheck.types import SegmentKind, Severity

CREDIT = re.compile(r"^(©|\(c\)|photo:|image:|picture:|credit:|foto:)|/(imago|dpa|afp|ap|reuters|getty)", re.I)
# Ordered: the first label whose pattern matches wins.
LABEL_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("boilerplate", re.compile(
        r"^(source:|as of:|highlights:|updated:|published:)|\b(privacy|all rights reserved|"
        r"automatically translated|machine translations?|first published|terms of use|cookies?|"
        r"external sources|imply a recommendation|all news articles)\b|"
        r"^\d{4}-\d{2}-\d{2}(t[\d:.]+z?)?$", re.I)),
    ("caption", CREDIT),
    ("ad", re.compile(
        r"\b(for free|free for|subscribe|subscription|newsletter|advertisement|sponsored|"
        r"ticket|exclusive (research|access|content)|sign up|special offer|try .{0,30}for \d+)\b", re.I)),
    ("byline", re.compile(
        r"^(to the authors?|about the authors?|(?-i:By [A-Z][a-z]+ [A-Z][a-z]+$)|author:)|\b(bureau chief|"
        r"is an? (\w+ ){0,3}(reporter|writer|editor|columnist|correspondent)|writes about|"
        r"(has |previously |also )?worked (as|for)|has reported from|reported on)\b", re.I)),
    ("navigation", re.compile(
        r"^(comments?|press|print|share|split|menu|home|login|log in|more|latest|trends( 24h)?|"
        r"you may like|my news|read more|next|previous|back to top|\d+ (minutes?|hours?|days?) ago)$", re.I)),
)

LABEL_FINDINGS = {
    # label: (category, severity)
    "teaser": ("Other", Severity.MINOR),
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
    if next_text is not None and CREDIT.search(next_text.strip()):
        return "caption"  # the line right above a photo credit
    if kind is SegmentKind.BULLET:
        return "navigation"  # sidebar link lists
    if kind is SegmentKind.HEADING or _is_question_headline(stripped):
        return "heading"
    return "content"


def _is_question_headline(text: str) -> bool:
    # Portal teasers such as "Turmoil after deadly US attack: militia leader
    # or government employee?" end in "?" and so escape the heading rule.
    return text.endswith("?") and ":" in text and len(text.split()) <= 15


WORD = re.compile(r"\w+")
TEASER_CONTAINMENT = 0.8  # share of an inserted segment's words found in one article sentence


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
        document = doc.document
        segments = document.target_segments
        aligned = [
            set(WORD.findall(text.lower()))
            for view in doc.pairs
            if not view.source.empty
            for _, text in view.target.segment_texts()
        ]
        # Author bios run over several segments ("Kareem Fahim" / "is Istanbul
        # bureau chief…" / "He previously worked…"): the label carries along.
        in_byline = False
        for view in doc.pairs:
            if not view.source.empty or view.target.empty:
                in_byline = False
                continue
            for segment, text in view.target.segment_texts():
                following = segments[segment.index + 1] if segment.index + 1 < len(segments) else None
                next_text = document.target.text[following.start : following.end] if following else None
                label = classify(text, segment.kind, next_text)
                if label in ("content", "heading") and in_byline:
                    label = "byline"
                in_byline = in_byline or label == "byline"
                if label == "content" and _repeats(text, aligned):
                    label = "teaser"
                yield self._found(view, segment, text, label)

    def _found(self, view: PairView, segment, text: str, label: str):
        category, severity = LABEL_FINDINGS[label]
        what = "teaser repeating article text" if label == "teaser" else label
        return self.finding(
            view,
            f"inserted {what} with no source counterpart: {_clip(text)}",
            view.target.segment_span(segment),
            severity=severity,
            category=category,
            confidence=0.8 if label == "content" else 0.9,
        )


def _repeats(text: str, aligned: list[set[str]]) -> bool:
    """Most of the segment's words stand in one aligned sentence (highlights, captions)."""
    words = set(WORD.findall(text.lower()))
    return bool(words) and any(len(words & other) >= TEASER_CONTAINMENT * len(words) for other in aligned)


def _clip(text: str, width: int = 60) -> str:
    return f"'{text}'" if len(text) <= width else f"'{text[: width - 1]}…'"
