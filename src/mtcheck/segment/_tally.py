"""The counts a chunk of text is judged by: its words and letters by script, and its English markers.

``language`` decides what to read (sampled windows), when to ask lingua and
what the judged chunks add up to; this module merges units into chunks, counts
them and gives each chunk's verdict from its counts (against the thresholds of
``LanguageIdParams``). The counting is character-level (which script a letter
belongs to, which words mark English) and knows nothing of sampling or lingua,
so it lives apart and can be read and tested on its own.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

if TYPE_CHECKING:  # the params live with the judgement that documents them; importing them would be circular
    from mtcheck.segment.language import LanguageIdParams

# English function words that are not (frequent) words of German, French,
# Spanish, Italian, Portuguese, Dutch, Polish or Czech: "a", "in", "an", "on",
# "by", "also", "will", "over" and "us" (read from "US") are left out.
ENGLISH_MARKERS = frozenset(
    """the of and to is was that with for from this these those which who whom whose what would could should
    have has had been being were are they their them there than then when where while because about after
    into through between against during before under only its his her him she he you your we our it not but
    or as at be can said says told more most such some other all it's i'm that's don't""".split()
)
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


@dataclass(eq=False)
class _Tally:
    """Counts over consecutive units, then the chunk's verdict."""

    pieces: list[tuple[int, int]]
    params: LanguageIdParams
    words: int = 0  # Latin-script words
    hits: int = 0  # of which English markers
    latin: int = 0  # letters
    other: int = 0  # letters of other scripts
    dense: int = 0  # of which Han, kana or Hangul

    def add(self, text: str, start: int, end: int) -> None:
        self.pieces.append((start, end))
        for match in WORD.finditer(text, start, end):
            word = match.group()
            if _latin(word[0]):
                self.words += 1
                self.latin += len(word)
                if not word.isascii():  # "it’s"; "𝐓𝐡𝐞" in mathematical bold
                    word = unicodedata.normalize("NFKC", word).replace("’", "'")
                self.hits += word.lower() in ENGLISH_MARKERS
            else:
                self.other += len(word)
                self.dense += sum(map(_dense, word))

    def full(self, paragraph_ends: bool) -> bool:
        """Big enough to judge alone; at a paragraph's end, where the language may change, smaller will do."""
        p = self.params
        if paragraph_ends:
            return self.words >= p.min_chunk_words or self.other >= p.min_chunk_other_letters
        return self.words >= p.chunk_words or self.other >= p.chunk_other_letters

    @property
    def letters(self) -> int:
        return self.latin + self.other

    @property
    def verdict(self) -> str:
        """english, foreign, unclear (lingua decides) or unjudged (too little text)."""
        p = self.params
        if self.other > self.latin:
            return "foreign" if self.other >= p.min_chunk_other_letters else "unjudged"
        if self.words < p.min_chunk_words:
            return "unjudged"
        return "english" if self.hits >= p.english_at_least * self.words else "unclear"

    def read(self, text: str) -> str:
        return " ".join(text[start:end] for start, end in self.pieces)


def _tallies(text: str, window: list[tuple[int, int, bool]], params: LanguageIdParams) -> list[_Tally]:
    """The window's units merged into chunks of ``chunk_words``; a short tail joins the chunk before it."""
    tallies: list[_Tally] = []
    current = _Tally([], params)
    for start, end, paragraph_ends in window:
        current.add(text, start, end)
        if current.full(paragraph_ends):
            tallies.append(current)
            current = _Tally([], params)
    if current.pieces:
        if tallies:
            for start, end in current.pieces:
                tallies[-1].add(text, start, end)
        else:
            tallies.append(current)
    return tallies


def _enough(tallies: Sequence[_Tally], params: LanguageIdParams) -> bool:
    judged = [t for t in tallies if t.verdict != "unjudged"]
    latin = sum(t.latin for t in judged)
    other = sum(t.other for t in judged)
    dense = sum(t.dense for t in judged)
    if latin + other + (params.dense_letter_weight - 1) * dense < params.min_letters:
        return False
    return other > latin or sum(t.words for t in judged) >= params.min_words


def _latin(ch: str) -> bool:
    """Basic Latin to IPA, Latin Extended Additional (Vietnamese), C, D, fullwidth and mathematical Latin."""
    code = ord(ch)
    return code < 0x370 or 0x1E00 <= code < 0x1F00 or 0x2C60 <= code < 0x2C80 or 0xA720 <= code < 0xA800 or (
        0xFF21 <= code < 0xFF5B or 0x1D400 <= code < 0x1D6A8
    )


def _dense(ch: str) -> bool:
    """Han (CJK ideographs and their extensions), hiragana, katakana or Hangul syllables."""
    code = ord(ch)
    return 0x3040 <= code < 0x3100 or 0x3400 <= code < 0xA000 or 0xAC00 <= code < 0xD7B0 or (
        0xF900 <= code < 0xFB00 or 0x20000 <= code < 0x32000
    )
