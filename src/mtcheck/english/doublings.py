"""Words written twice in a row ("the the"), and the doublings English grammar allows."""

from __future__ import annotations

import re

# A word (letters, inner apostrophes) repeated, case-insensitively, across
# spaces. Newlines are left out: a heading followed by a sentence that starts
# with the same word ("Iraq\nIraq is living...") is not a doubling. Digits are
# left out too: "10 10" is more often a score or a table than a slip.
DOUBLED = re.compile(
    r"(?<![\w'’-])(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)*)(?:[ \t\u00a0]+(?P=word))+(?![\w'’-])",
    re.IGNORECASE,
)

# Doublings that English grammar allows: "he had had enough", "the fact that
# that happened", "what it is is".
GRAMMATICAL_DOUBLINGS = frozenset({"that", "had", "is"})


def doubled_words(text: str) -> set[str]:
    """The lowercased words that ``text`` repeats back to back."""
    return {m.group("word").lower() for m in DOUBLED.finditer(text)}
