"""German-style capitalised common nouns in mid-sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Iterator

from mtcheck.checks.base import Check
from mtcheck.views import DocumentView, PairView, Side
from mtcheck.english.words import OPENING_POSITION
from mtcheck.params import Params, param
from mtcheck.types import Segment, Severity

CAPITALISED = re.compile(r"\b[A-Z][a-z]{2,}\b")


@dataclass(frozen=True)
class NounCapitalisationParams(Params):
    # A segment this short was split off the sentence before it, so its capital
    # does not open a sentence ('lives." Citizens".').
    fragment_words: int = param(3, "words up to which a target segment counts as a fragment of the sentence before")


class NounCapitalisationCheck(Check):
    """A word capitalised mid-sentence where the source has it in lowercase.

    Example (seed): "deeply connected to Iraqi society, Politics and government
    intertwined" for the source's "society, politics and government"; also
    the stranded `lives." Citizens".` for "the lives of our citizens".
    """

    name = "noun-capitalisation"
    category = "Fluency/Spelling"
    severity = Severity.MINOR
    Params = NounCapitalisationParams

    def run(self, doc: DocumentView) -> Iterable:
        fragment_words = self.params.fragment_words
        previous: PairView | None = None
        for view in doc.pairs:
            if view.target.empty:
                continue
            if not view.source.empty:
                yield from self._check(view, view.source, _stranded_positions(view, fragment_words))
                previous = view
            elif previous is not None and _continues_paragraph(view, previous, fragment_words):
                # A fragment the aligner left unmatched, split off the
                # sentence before it: compare with that sentence's source.
                yield from self._check(view, previous.source, range(len(view.target.segments)))

    def _check(self, view: PairView, source: Side, stranded: Iterable[int]) -> Iterator:
        stranded = set(stranded)
        for position, (segment, text) in enumerate(view.target.segment_texts()):
            for match in CAPITALISED.finditer(text):
                if position not in stranded and OPENING_POSITION.search(text[: match.start()]):
                    continue  # a sentence, quote or clause may start with a capital
                if _in_capitalised_phrase(text, match):
                    continue  # names and titles: "Prime Minister", "Islamic Resistance"
                lower = _lowercase_in_source(match.group(), source.text)
                if lower is None:
                    continue
                start = segment.start + match.start() - view.target.start
                yield self.finding(
                    view,
                    f"'{match.group()}' is capitalised, the source has '{lower.group()}' in lowercase",
                    view.target.span(start, start + len(match.group())),
                    source.span(lower.start(), lower.end()),
                    confidence=0.8,
                    evidence={"word": match.group(), "source_word": lower.group()},
                )


def _is_fragment(text: str, fragment_words: int) -> bool:
    return len(text.split()) <= fragment_words


def _stranded_positions(view: PairView, fragment_words: int) -> list[int]:
    """Short target segments split off the sentence before them in the bead."""
    return [
        i for i, (_, text) in enumerate(view.target.segment_texts()) if i > 0 and _is_fragment(text, fragment_words)
    ]


def _continues_paragraph(view: PairView, previous: PairView, fragment_words: int) -> bool:
    first: Segment = view.target.segments[0]
    return (
        all(_is_fragment(text, fragment_words) for _, text in view.target.segment_texts())
        and first.paragraph == previous.target.segments[-1].paragraph
    )


def _in_capitalised_phrase(text: str, match: re.Match[str]) -> bool:
    before = re.search(r"([A-Z][\w'’.-]*)\s+$", text[: match.start()])
    after = re.match(r"\s+[A-Z]", text[match.end() :])
    return bool(before or after)


def _lowercase_in_source(word: str, source: str) -> re.Match[str] | None:
    """The source's lowercase occurrence of ``word``, if it never capitalises it."""
    if re.search(rf"\b{re.escape(word)}\b", source):
        return None
    return re.search(rf"\b{re.escape(word.lower())}\b", source)
