"""Finding names in text: runs of capitalised words, and which capitals only mark a position.

Names are runs of capitalised words. A capital that only opens a sentence,
quote or clause says nothing, so a run there loses a leading function word
("The United States" -> "United States"), and a lone word there counts only
if the document capitalises it mid-sentence too. Title-case headings are read
the same way throughout. Months and weekdays are left to the numbers check.

Apart from ``named_entities`` because finding a name is word-level reading
that knows nothing of the pair; the check decides what became of each name in
the translation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from mtcheck.english.abbreviations import NAME_TITLES
from mtcheck.english.dates import CALENDAR_WORDS
from mtcheck.english.function_words import SENTENCE_OPENING_WORDS
from mtcheck.english.names import NAME_PARTICLES
from mtcheck.english.words import Word, bare, join_initials, pieces, words
from mtcheck.types import SegmentKind
from mtcheck.views import Side


@dataclass(frozen=True)
class Name:
    words: tuple[Word, ...]  # offsets relative to the side's text

    @property
    def start(self) -> int:
        return self.words[0].start

    @property
    def end(self) -> int:
        return self.words[-1].end

    @property
    def pieces(self) -> tuple[str, ...]:
        return tuple(join_initials([piece for word in self.words for piece in pieces(word.text)]))

    @property
    def core(self) -> tuple[str, ...]:
        """The pieces that identify the name: no titles, no particles."""
        return tuple(p for p in self.pieces if p not in NAME_TITLES and p not in NAME_PARTICLES)

    @property
    def acronym(self) -> str | None:
        """"us" for "U.S." or "US": the name written as its initials."""
        written = bare(self.words[0].text)
        if len(self.words) == 1 and (written.isupper() or "." in written):
            letters = self.pieces[0] if self.pieces else ""
            return letters if 2 <= len(letters) <= 6 else None
        return None


def side_names(side: Side, known: frozenset[str], title_case_words: int, title_case_share: float) -> list[Name]:
    """The names on one side of a pair, with offsets relative to ``side.text``."""
    found = []
    for segment, text in side.segment_texts():
        offset = segment.start - side.start
        title_case = segment.kind is SegmentKind.HEADING or _title_case(text, title_case_words, title_case_share)
        for name in names(text, known, title_case):
            found.append(Name(tuple(Word(w.text, w.start + offset, w.end + offset, w.opens) for w in name.words)))
    return found


def names(text: str, known: frozenset[str] = frozenset(), title_case: bool = False) -> list[Name]:
    """Runs of capitalised words in ``text`` that are names, not capitals of position."""
    found = []
    for run in _runs(text):
        ambiguous = [title_case or w.opens for w in run]
        while run and ambiguous[0] and run[0].lower in SENTENCE_OPENING_WORDS:
            run, ambiguous = run[1:], ambiguous[1:]
        if len(run) == 1 and ambiguous[0] and not _trusted(run[0], known):
            continue
        while run and (run[-1].lower in NAME_PARTICLES or run[-1].lower == "the"):
            run = run[:-1]
        if run:
            found.append(Name(tuple(run)))
    return found


def _trusted(word: Word, known: frozenset[str]) -> bool:
    """A capital worth believing at the start of a sentence: known from elsewhere, or an acronym."""
    return (word.text.isupper() and len(word.text) > 1) or any(p in known for p in pieces(word.text))


def _runs(text: str) -> Iterable[list[Word]]:
    run: list[Word] = []
    sequence = words(text)
    for i, word in enumerate(sequence):
        # A possessive closes a name: "Britain's Culture Secretary" is two.
        joined = not run or (text[run[-1].end : word.start].isspace() and not _possessive(run[-1]))
        if _capital(word) and joined:
            run.append(word)
        elif run and joined and _links(sequence, i, run[-1]):
            run.append(word)
        else:
            if run:
                yield run
            run = [word] if _capital(word) else []
    if run:
        yield run


def _links(sequence: list[Word], i: int, previous: Word) -> bool:
    """A lowercase word inside a name: "Bank of America", "Room of the Three Windows"."""
    word, following = sequence[i], sequence[i + 1] if i + 1 < len(sequence) else None
    if following is None:
        return False
    if word.lower == "the":
        return previous.lower in NAME_PARTICLES and _capital(following)
    return word.lower in NAME_PARTICLES and (_capital(following) or following.lower == "the")


def _possessive(word: Word) -> bool:
    return word.text.endswith(("'s", "’s", "s'", "s’"))


def _capital(word: Word) -> bool:
    head, _, rest = word.text.partition("-")
    return (
        (word.text[:1].isupper() or (head.lower() in NAME_PARTICLES and rest[:1].isupper()))
        and word.text != "I"
        and not word.text.startswith(("I'", "I’"))  # "I've", "I'm"
        and bare(word.text).lower().rstrip(".") not in CALENDAR_WORDS
        and not any(c.isdigit() for c in word.text)
    )


def _title_case(text: str, least: int, share: float) -> bool:
    """Most longer words capitalised: a headline, whose capitals say nothing."""
    long_words = [w for w in words(text) if len(w.text) > 3]
    return len(long_words) >= least and sum(w.capitalised for w in long_words) >= share * len(long_words)
