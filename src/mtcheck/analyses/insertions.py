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

from mtcheck.params import Params, param
from mtcheck.types import Document, Segment, SegmentKind
from mtcheck.views import DocumentView, PairView, pair_view_of


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


def whole_segment_of(phrases: str) -> re.Pattern[str]:
    """A segment made only of ``phrases``, alone or strung together ("Imprint | Privacy | Contact")."""
    item = rf"(?:{phrases})"
    return re.compile(rf"[\W_]*{item}(?:[\s|•·/,;:–—-]+{item})*[\W_]*", re.I)


YEAR = r"\b(?:19|20)\d\d\b"
FOOTER_LINKS = whole_segment_of(
    r"terms of (?:use|service)|terms and conditions|privacy(?: policy| notice| settings| center)?|"
    r"data protection(?: declaration)?|cookies?(?: settings| policy| preferences| consent)?|manage cookies|"
    r"imprint|impressum|legal notice|legal|disclaimer|contact(?: us)?|about us|accessibility|sitemap|"
    r"careers|advertise(?: with us)?|rss(?: feeds?)?|help|faq|corrections|"
    r"do not sell(?: or share)? my personal information|your privacy choices"
)
# Sentences only a portal writes about itself, never an article about privacy or cookies.
FOOTER_LINES = re.compile(
    rf"^(?:©|\(c\)|copyright\b)[^.!?]*{YEAR}|\bcopyright\s*(?:©|\(c\))?\s*{YEAR}|\ball rights reserved\b|"
    r"^this (?:article|story|page|content)\b.{0,40}\b(?:translated|first published|"
    r"originally (?:published|appeared))\b|\bwe(?: are)? (?:currently )?(?:testing|using|use) machine translations?\b|"
    r"^(?:this article was |it was )?first published\b|"
    r"\b(?:we|this (?:web)?site|our (?:web)?site) uses? cookies\b|\baccept (?:all )?cookies\b|"
    r"\bby (?:continuing to )?(?:use|using|browse|browsing) (?:this|our) (?:web)?site\b|"
    r"\bnot (?:under|within) our control\b|\bimply a recommendation\b|"
    r"\bnecessarily (?:reflect|represent|endorse) the (?:views|opinions)\b|"
    r"\bnot responsible for the content of (?:external|linked)\b|\bmay not be (?:re)?published, broadcast\b|"
    r"^source: \S+(?: \S+){0,3}$|^contact us\b|^contact:",
    re.I,
)
CREDIT = re.compile(
    r"^(?:©|\(c\)|(?:photo|image|picture|foto|credit|photograph)s?:|(?:photo|image|picture)s? by\b)|"
    r"\((?:photo|image|picture|foto|credit)s?:|/\s*(?:imago|dpa|afp|ap|reuters|getty|epa|picture alliance)\b|"
    r"\bvia getty images\b",
    re.I,
)
UI_STRINGS = whole_segment_of(
    r"comments?|press|print(?: (?:this )?article)?|share|split|tweet|e-?mail|save|follow(?: us)?(?: on \w+)?|"
    r"subscribe|like|reply|report|send|"
    r"bookmark|copy link|close|menu|home|search|log ?in|log ?out|sign in|next|previous|back|back to top|"
    r"more|read more|show (?:more|less|all)(?: comments)?|load more(?: articles| comments)?|"
    r"share (?:this )?(?:article|story|page)|share on \w+|facebook|twitter|x|whatsapp|linkedin|pinterest|"
    r"telegram|reddit|flipboard|listen(?: to (?:this )?article)?|go to comments|to the comments|all comments|"
    r"\d+ (?:comments?|shares?|likes?|replies|reactions|views)|(?:comments?|shares?) \(?\d+\)?"
)
TIMESTAMPS = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:[t ][\d:.]+z?)?$|^(?:as of|(?:last )?updated|published|posted)(?: on| at)?\s*:|"
    r"^\d+ (?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?) ago$|"
    r"^all (?:news )?articles (?:on|from)\b",
    re.I,
)
SIDEBAR_TITLES = whole_segment_of(
    r"my news|you may (?:also )?like|(?:also )?read also|read next|see also|more on (?:this|the) (?:topic|subject)|"
    r"related(?: articles| stories| topics| content)?|recommended(?: for you)?|most (?:read|popular)|"
    r"trending(?: now)?|trends(?: 24h)?|latest(?: news)?|top stories|more (?:news|stories)|editor'?s picks|"
    r"don'?t miss|further reading|also interesting"
)
SUMMARY_BOX = re.compile(r"^(?:highlights|at a glance|key points|in brief|read also|also read|see also)\s*:", re.I)
ADS = re.compile(
    r"\b(?:read|try|test|get|enjoy|access|stream)\b.{0,50}\b(?:for free|free (?:for|trial))\b|"
    r"\bfree for (?:\d+|a|one|two|three|four|six|twelve) (?:days?|weeks?|months?)\b|\bfree trial\b|"
    r"\b(?:subscribe|sign up)\b.{0,30}\b(?:newsletter|now|today|for free|our)\b|"
    r"^(?:advertisement|ad|anzeige|sponsored|promoted|promotion)$|"
    r"\b(?:advertisement|sponsored (?:content|post)|paid (?:content|partnership)|partner content)\b|"
    r"\bexclusive (?:research|access|content|offers?)\b|\bspecial offer\b|\btry .{0,30}for [$€£]?\d+|"
    r"\bcancel (?:at )?any ?time\b",
    re.I,
)
BIO_ROLE = r"(?:reporter|writer|editor|columnist|correspondent|bureau chief|journalist|photographer|contributor)"
BYLINES = re.compile(
    r"^(?:to the authors?|about the (?:authors?|writer)|authors?:)|"
    r"^(?-i:By [A-Z][\w.'-]+(?: [A-Z][\w.'-]+)+(?:(?:,| and) [A-Z][\w.'-]+(?: [A-Z][\w.'-]+)+)*)$|"
    rf"^(?-i:[A-Z][\w.'-]+ ){{0,3}}(?:is|was) (?:an? |the )?(?:[\w'-]+ ){{0,4}}{BIO_ROLE}\b|"
    r"^(?:writes|reports) (?:about|on|for)\b|"
    r"^(?:he|she|they) (?:has|have|had)(?: also| previously)? (?:worked|written|reported) (?:for|at) (?:the|this) "
    r"(?:\w+ ){0,3}(?:paper|newspaper|post|times|journal|agency|magazine|outlet|publication|network)\b|"
    r"^(?:he|she|they) (?:has|have) reported from\b",
    re.I,
)

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
