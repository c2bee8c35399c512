"""Words with their offsets, and comparable forms of them, for the checks that reason word by word."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Sequence

from mtcheck.english.abbreviations import NAME_AND_DATE_ABBREVIATIONS

# Runs of letters and digits joined by apostrophes or hyphens ("don't",
# "al-Sudani", "60-year-old"); LETTER_WORD: the same of letters only.
TOKEN = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
LETTER_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# Dotted acronyms first ("U.S.", "D.C."), then tokens.
_WORD = re.compile(r"(?:[A-Za-z]\.){2,}|" + TOKEN.pattern)
# What may stand before a word that opens a sentence, quote or clause.
_OPENING = re.compile(r"[\n.!?:;…\"“‘(\[–—-][\"“”‘’'()\[\]\s]*$")
# A stage direction or aside that opens the sentence: "(Laughter) Want to get away".
_AFTER_ASIDE = re.compile(r"[\n.!?]\s*[(\[][^()\[\]\n]{1,40}[)\]]\s*$")
# What may stand before a capital that starts a sentence, quote or clause, for
# the checks that search a segment's text up to the capital (noun
# capitalisation, untranslated). Unlike _OPENING, the text's start counts but a
# line break does not, and a straight apostrophe opens a quote.
OPENING_POSITION = re.compile(r"(^|[.!?:;…]|[\"“‘'(\[–—-])[\"“”‘’'()\[\]\s]*$")


# Slots: the words of the last 8,192 segments stay remembered (_words), tens of thousands of them.
@dataclass(frozen=True, slots=True)
class Word:
    text: str
    start: int
    end: int
    opens: bool = False  # first in its sentence, quote or clause: a capital says nothing
    # Made once: the checks ask for each word's lowercase form some twenty times an article (a property
    # lowercasing on each call was 4% of a rules-only article).
    lower: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        lower = self.text.lower()
        # Most words are lowercase already: they share their text rather than hold a copy.
        object.__setattr__(self, "lower", self.text if lower == self.text else lower)

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


def words(text: str) -> list[Word]:
    """The words of ``text`` in order, each knowing whether it opens a sentence."""
    # A dozen checks and analyses ask for the words of the same segments: on the seed, 1,400 calls per
    # article took 0.37 s of its 0.83 s (rules only) before they were remembered.
    return list(_words(text))


@lru_cache(maxsize=8192)
def _words(text: str) -> tuple[Word, ...]:
    found: list[Word] = []
    for match in _WORD.finditer(text):
        start = match.start()
        previous = found[-1] if found else None
        abbreviated = previous is not None and (
            previous.text.endswith(".") or previous.lower in NAME_AND_DATE_ABBREVIATIONS
        ) and text[previous.end : start].lstrip(".").isspace()
        found.append(Word(match.group(), start, match.end(), not abbreviated and _opens(text, start)))
    return tuple(found)


def _opens(text: str, start: int) -> bool:
    low = max(0, start - 8)
    # A newline stands in for the start of the text, which opens a sentence too.
    if _OPENING.search(("\n" if low == 0 else "") + text[low:start]):
        return True
    low = max(0, start - 60)
    return bool(_AFTER_ASIDE.search(("\n" if low == 0 else "") + text[low:start]))


def neighbours(sequence: Sequence[Word], index: int, text: str) -> tuple[str, str]:
    """What stands before and after ``sequence[index]``: the next word each way with the
    punctuation between, lowercased ("" at an edge), so "activity, it" and "activity their"
    differ before the pronoun."""
    word = sequence[index]
    before = text[sequence[index - 1].start : word.start] if index > 0 else ""
    after = text[word.end : sequence[index + 1].end] if index + 1 < len(sequence) else ""
    return " ".join(before.lower().split()), " ".join(after.lower().split())


@lru_cache(maxsize=65536)
def pieces(text: str) -> tuple[str, ...]:
    """The comparable parts of a word: plain lowercase letters, no dots, no possessive,
    one spelling for British and American variants ("Organisation", "Centre")."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", bare(text)) if not unicodedata.combining(c))
    parts = plain.lower().replace(".", "").replace("’", "'").split("-")
    return tuple(_american(part) for part in parts if part)


def bare(text: str) -> str:
    """Without a possessive ending, and an acronym without its plural s ("MCIs")."""
    for suffix in ("'s", "’s", "'", "’"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
            break
    if len(text) > 2 and text.endswith("s") and text[:-1].isupper():
        text = text[:-1]
    return text


_SPELLINGS = ((re.compile(r"is(ation|e|ed|es|ing)$"), r"iz\1"), (re.compile(r"([^aeiou])re$"), r"\1er"),
              (re.compile(r"our$"), "or"))


def _american(piece: str) -> str:
    for pattern, replacement in _SPELLINGS:
        piece = pattern.sub(replacement, piece)
    return piece


def join_initials(parts: list[str]) -> list[str]:
    """"D K Arya" and "D.K. Arya" alike: runs of single letters become one piece."""
    joined: list[str] = []
    initials = False
    for part in parts:
        if len(part) == 1 and initials:
            joined[-1] += part
        else:
            joined.append(part)
            initials = len(part) == 1
    return joined


def vocabulary(text: str) -> set[str]:
    parts = [piece for word in words(text) for piece in pieces(word.text)]
    return set(parts) | set(join_initials(parts))
