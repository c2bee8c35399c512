"""A word written twice in a row in the translation ("the the")."""

from __future__ import annotations

import re
from typing import Iterator

from mtcheck.checks.base import Check, DocumentView
from mtcheck.checks.registry import register
from mtcheck.types import Finding, Severity

# A word (letters, inner apostrophes) repeated, case-insensitively, across
# spaces. Newlines are left out: a heading followed by a sentence that starts
# with the same word ("Iraq\nIraq is living...") is not a doubling. Digits are
# left out too: "10 10" is more often a score or a table than a slip.
_DOUBLED = re.compile(
    r"(?<![\w'’-])(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)*)(?:[ \t\u00a0]+(?P=word))+(?![\w'’-])",
    re.IGNORECASE,
)

# Doublings that English grammar allows: "he had had enough", "the fact that
# that happened", "what it is is".
ALLOWED = frozenset({"that", "had", "is"})


@register
class DoubledWordsCheck(Check):
    """Finds a word repeated back to back in the translation but not in the source.

    Example: "The United States had decided not to to attack Iran directly",
    a seed sentence with the doubling round trips leave (the seed itself has
    none). "had had" and "that that" are grammatical and pass.
    """

    name = "doubled-words"
    category = "Fluency/Grammar"
    severity = Severity.MINOR

    def run(self, doc: DocumentView) -> Iterator[Finding]:
        for view in doc.pairs:
            target = view.target
            if target.empty or not target.text.strip():
                continue
            explained = doubled_words(view.source.text) if not view.source.empty else set()
            source_span = (
                None if view.source.empty else view.source.span(0, len(view.source.text))
            )
            for m in _DOUBLED.finditer(target.text):
                word = m.group("word").lower()
                if word in ALLOWED or word in explained:
                    continue
                yield self.finding(
                    view,
                    f"doubled word {word!r}",
                    target.span(m.start(), m.end()),
                    source_span,
                )


def doubled_words(text: str) -> set[str]:
    """The lowercased words that ``text`` repeats back to back."""
    return {m.group("word").lower() for m in _DOUBLED.finditer(text)}
