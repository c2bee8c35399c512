"""A translation that stops without the full stop, question or exclamation mark its source ends with."""

from __future__ import annotations

import re
from typing import Iterator

from mtcheck.checks.base import Check
from mtcheck.views import DocumentView
from mtcheck.types import Finding, Severity

# Sentence-final marks, possibly followed by closing quotes or brackets.
FINAL = re.compile(r"[.!?…:;][\"'”’»)\]]*\s*$")
LAST_WORD = re.compile(r"[\w'’-]+[\"'”’»)\]]*\s*$")


class FinalPunctuationCheck(Check):
    """Finds a pair whose translation ends without the final punctuation its source has.

    Example (DEMETR): "…who died after eating contaminated pet food" for the
    source's "…that died after consuming contaminated pet food." Headings
    and other source text without a final mark are left alone.
    """

    name = "final-punctuation"
    category = "Fluency/Punctuation"
    severity = Severity.MINOR

    def run(self, doc: DocumentView) -> Iterator[Finding]:
        for view in doc.aligned:
            source, target = view.source.text, view.target.text
            mark = FINAL.search(source)
            if mark is None or FINAL.search(target):
                continue
            last = LAST_WORD.search(target)
            if last is None:
                continue  # a target ending in some other symbol is the punctuation check's
            end = len(target.rstrip())
            expected = mark.group().strip()
            yield self.finding(
                view,
                f"no final punctuation where the source ends with '{expected}'",
                view.target.span(last.start(), end),
                view.source.span(mark.start(), mark.start() + len(mark.group().rstrip())),
                evidence={"expected": expected, "last_word": target[last.start() : end]},
            )
