"""Inserted target segments (0-1 beads), each labelled by what it looks like.

Two checks report them: ``page-furniture`` takes what the portal wraps
around an article (ads, buttons, sidebars, captions, bylines, footers), which
users may want to filter out; ``insertion`` takes real additions (headings and
content). Both read ``inserted_segments``, one pass per document, so every
inserted segment gets exactly one label and one finding.
"""

from __future__ import annotations

import math
import re
from array import array
from dataclasses import dataclass
from typing import Callable, Iterator, Sequence

from mtcheck.english.page_furniture import (
    ADS, BYLINES, CREDIT, FOOTER_LINES, FOOTER_LINKS, SIDEBAR_TITLES, SUMMARY_BOX, TIMESTAMPS, UI_STRINGS,
)
from mtcheck.params import Params, param
from mtcheck.types import Document, Segment, SegmentKind
from mtcheck.views import DocumentView, PairView, pair_view_of
from mtcheck.analyses.analysis import Analysis


@dataclass(frozen=True)
class Label:
    name: str
    description: str  # plain words, for messages
    furniture: bool  # page furniture (category Other) rather than an addition


LABELS = {
    label.name: label
    for label in (
        Label("ad", "ad or promotion", True),
        Label("navigation", "navigation or UI string", True),
        Label("teaser", "teaser or sidebar headline", True),
        Label("caption", "photo caption or credit", True),
        Label("byline", "byline or author bio", True),
        Label("footer", "footer or legal notice", True),
        Label("heading", "section heading", False),
        Label("content", "content", False),
    )
}


# Ordered: the first label whose test passes wins. Footers come before
# captions because a copyright line opens with "©" as a photo credit does.
RULES: tuple[tuple[str, Callable[[str], object]], ...] = (
    ("footer", lambda text: FOOTER_LINKS.fullmatch(text) or FOOTER_LINES.search(text)),
    ("caption", CREDIT.search),
    ("navigation", lambda text: UI_STRINGS.fullmatch(text) or TIMESTAMPS.search(text)),
    ("teaser", lambda text: SIDEBAR_TITLES.fullmatch(text) or SUMMARY_BOX.search(text)),
    ("ad", ADS.search),
    ("byline", BYLINES.search),
)


def classify(text: str, kind: SegmentKind, next_text: str | None = None) -> str:
    """Label an inserted segment; ``next_text`` is the segment after it."""
    stripped = text.strip()
    for label, test in RULES:
        if test(stripped):
            return label
    if next_text is not None and _is_credit(next_text.strip()):
        return "caption"  # the line right above a photo credit
    if kind is SegmentKind.BULLET:
        return "teaser"  # sidebar link lists
    if kind is SegmentKind.HEADING or _is_question_headline(stripped):
        return "heading"
    return "content"


def _is_credit(text: str) -> bool:
    return bool(CREDIT.search(text)) and not (FOOTER_LINKS.fullmatch(text) or FOOTER_LINES.search(text))


def _is_question_headline(text: str) -> bool:
    # Portal teasers such as "Turmoil after deadly US attack: militia leader
    # or government employee?" end in "?" and so escape the heading rule.
    return text.endswith("?") and ":" in text and len(text.split()) <= 15


@dataclass(frozen=True, slots=True)
class Insertion:
    """One inserted target segment and its label.

    A portal page can be half furniture: a 10 MB one has 46,000 inserted
    segments, so this keeps references only and makes its view and text
    when asked (a view and a copy of the text each took 26 MB there).
    """

    document: Document
    pair: int  # index into document.pairs
    segment: Segment
    label: Label
    repeats_article: bool = False  # most of its words stand in one aligned sentence

    @property
    def view(self) -> PairView:
        return pair_view_of(self.document, self.document.pairs[self.pair])

    @property
    def text(self) -> str:
        return self.document.target.text[self.segment.start : self.segment.end]

    @property
    def what(self) -> str:
        return self.label.description + (" repeating article text" if self.repeats_article else "")


WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class InsertionAnalysisParams(Params):
    # Highlights and captions repeat an article sentence nearly word for word.
    teaser_containment: float = param(
        0.8, "share of an inserted segment's words found in one article sentence for it to be a teaser"
    )


DEFAULTS = InsertionAnalysisParams()


def label_insertions(doc: DocumentView, params: InsertionAnalysisParams = DEFAULTS) -> Iterator[Insertion]:
    """Every non-blank target segment of a 0-1 bead, labelled, in text order.

    The analyse stage runs this once per document for the two checks that
    report insertions (checks/inserted_segment.py), as ``doc.analyses.insertions``.
    """
    document = doc.document
    segments = document.target_segments
    aligned = _AlignedWords(
        document.target.text, [segment for view in doc.pairs if not view.source.empty for segment in view.target.segments]
    )
    # Author bios run over several segments ("Kareem Fahim" / "is Istanbul
    # bureau chief…" / "He previously worked…"): the label carries along
    # until something else (a footer, an aligned pair) interrupts it.
    in_byline = False
    for view in doc.pairs:
        if not view.source.empty or view.target.empty:
            in_byline = False
            continue
        for segment, text in view.target.segment_texts():
            if not text.strip():
                continue
            following = segments[segment.index + 1] if segment.index + 1 < len(segments) else None
            next_text = document.target.text[following.start : following.end] if following else None
            label = classify(text, segment.kind, next_text)
            if label in ("content", "heading") and in_byline:
                label = "byline"
            in_byline = label == "byline"
            repeats = label == "content" and _repeats(text, aligned, params.teaser_containment)
            yield Insertion(document, view.pair.index, segment, LABELS["teaser" if repeats else label], repeats)


def _repeats(text: str, aligned: _AlignedWords, share: float) -> bool:
    """Most of the segment's words stand in one aligned sentence (highlights, captions)."""
    words = set(WORD.findall(text.lower()))
    return bool(words) and aligned.contains_most(words, share)


class _AlignedWords:
    """The word sets of the aligned target segments, as an inverted index.

    A word set per segment, tested against every inserted segment, was
    quadratic and held every word of the article (150 MB for a 10 MB one).
    The index holds one 4-byte entry per distinct word of a segment, and a
    query only looks at segments sharing one of its rarest words.
    """

    def __init__(self, text: str, segments: Sequence[Segment]):
        self._text = text
        self._segments = segments
        self._postings: dict[str, array] = {}
        for ordinal, segment in enumerate(segments):
            for word in self._words(ordinal):
                self._postings.setdefault(word, array("I")).append(ordinal)

    def _words(self, ordinal: int) -> set[str]:
        segment = self._segments[ordinal]
        return set(WORD.findall(self._text[segment.start : segment.end].lower()))

    def contains_most(self, words: set[str], share: float) -> bool:
        """Whether one segment holds at least ``share`` of ``words``."""
        # A segment missing at most k words of the query must hold one of any
        # k + 1 of them: the rarest k + 1 give the fewest candidates.
        missing = len(words) - math.ceil(share * len(words))
        rarest = sorted(words, key=lambda word: len(self._postings.get(word, ())))[: missing + 1]
        candidates = sorted({ordinal for word in rarest for ordinal in self._postings.get(word, ())})
        return any(len(words & self._words(ordinal)) >= share * len(words) for ordinal in candidates)


ANALYSIS = Analysis("insertions", label_insertions, InsertionAnalysisParams)
