"""A word written twice in a row in the translation ("the the")."""

from __future__ import annotations

from typing import Iterator

from mtcheck.checks.base import Check
from mtcheck.views import DocumentView
from mtcheck.english.doublings import DOUBLED, GRAMMATICAL_DOUBLINGS, doubled_words
from mtcheck.types import Finding, Severity


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
            for m in DOUBLED.finditer(target.text):
                word = m.group("word").lower()
                if word in GRAMMATICAL_DOUBLINGS or word in explained:
                    continue
                yield self.finding(
                    view,
                    f"doubled word {word!r}",
                    target.span(m.start(), m.end()),
                    source_span,
                    evidence={"word": word, "count": len(m.group().split())},
                )
