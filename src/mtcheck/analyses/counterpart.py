"""Which source words a target word stands for, from a word-level diff of one aligned pair.

A finding on a word should name the source words it was compared with: for
"a fancy actuality" the source's "a complex reality". Within one aligned
pair, a translation keeps most words and their order, so a plain sequence
diff of the lowercased words finds the replaced stretch; a stretch longer
than ``max_words`` (MAX_WORDS unless a caller's parameters say otherwise)
is a rewrite, not a counterpart, and is not offered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from mtcheck.params import Params
from mtcheck.views import DocumentView, PerPair
from mtcheck.analyses.analysis import Analysis

WORD = re.compile(r"[\w'’-]+")
MAX_WORDS = 6


def _matched_words(source: str, target: str) -> tuple[list[re.Match], list[re.Match], SequenceMatcher]:
    """Each side's words, and a matcher over them, case folded."""
    source_words = list(WORD.finditer(source))
    target_words = list(WORD.finditer(target))
    matcher = SequenceMatcher(
        a=[w.group().lower() for w in source_words], b=[w.group().lower() for w in target_words], autojunk=False
    )
    return source_words, target_words, matcher


def counterpart(
    source: str, target: str, start: int, end: int, max_words: int = MAX_WORDS
) -> tuple[int, int] | None:
    """Offsets in ``source`` of the words replaced by ``target[start:end]``.

    None where the target words were added (nothing stands opposite them),
    kept unchanged, or sit in a rewritten stretch of more than ``max_words`` words.
    """
    source_words, target_words, matcher = _matched_words(source, target)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "replace" or j1 >= j2:
            continue
        if target_words[j1].start() < end and start < target_words[j2 - 1].end():
            if i2 - i1 > max_words or j2 - j1 > max_words:
                return None
            return source_words[i1].start(), source_words[i2 - 1].end()
    return None


@dataclass(frozen=True, slots=True)
class Counterparts:
    """The analysis for one pair: where words of one side stand on the other."""

    source: str
    target: str

    def in_source(self, start: int, end: int, max_words: int = MAX_WORDS) -> tuple[int, int] | None:
        """The source words that ``target[start:end]`` replaced."""
        return counterpart(self.source, self.target, start, end, max_words)

    def in_target(self, start: int, end: int, max_words: int = MAX_WORDS) -> tuple[int, int] | None:
        """The target words that replaced ``source[start:end]``."""
        return counterpart(self.target, self.source, start, end, max_words)

    def kept_after(self, end: int) -> tuple[int, int] | None:
        """The target word of the first source word after ``end`` that the translation kept as it is:
        where a dropped source word was (for "was not hurt" → "was hurt", "hurt")."""
        return kept_after(self.source, self.target, end)


def kept_after(source: str, target: str, end: int) -> tuple[int, int] | None:
    source_words, target_words, matcher = _matched_words(source, target)
    for i, j, size in matcher.get_matching_blocks():
        for k in range(size):
            if source_words[i + k].start() >= end:
                word = target_words[j + k]
                return word.start(), word.end()
    return None


def find_counterparts(doc: DocumentView, params: Params) -> PerPair[Counterparts]:
    """The per-pair analysis (views.PerPair): no parameters; callers say how long a stretch may be."""
    return PerPair(lambda view: Counterparts(view.source.text, view.target.text))


ANALYSIS = Analysis("counterparts", find_counterparts, Params)
