"""A sentence the translation starts in lowercase, or writes all in lowercase, where the source does not."""

from __future__ import annotations

import re
from typing import Iterator

from mtcheck.checks.base import Check
from mtcheck.views import DocumentView
from mtcheck.types import Finding, Severity, SegmentKind

FIRST_WORD = re.compile(r"[^\W\d_][\w'’-]*")


class SentenceCaseCheck(Check):
    """Finds a sentence opening in lowercase where its source opens with a capital.

    Example (DEMETR): "cyanuric acid and melamine were both found in urine
    samples…" for the source's "Both cyanuric acid and melamine were found…".
    A translation written all in lowercase is flagged once, on its first word.
    """

    name = "sentence-case"
    category = "Fluency/Spelling"
    severity = Severity.MINOR

    def run(self, doc: DocumentView) -> Iterator[Finding]:
        for view in doc.aligned:
            source_first = _first_word(view.source.text)
            if source_first is None or not source_first.group()[0].isupper():
                continue  # the source itself starts small ("iPhone", a lowercase headline)
            for segment, text in view.target.segment_texts():
                if segment.kind is SegmentKind.BULLET:
                    continue
                first = _first_word(text)
                if first is None or not first.group()[0].islower():
                    continue
                if any(ch.isupper() for ch in first.group()[1:]):
                    continue  # a brand written small on purpose: "iPhone", "eBay"
                start = segment.start - view.target.start + first.start()
                yield self.finding(
                    view,
                    f"sentence starts in lowercase ('{first.group()}') where the source starts with "
                    f"'{source_first.group()}'",
                    view.target.span(start, start + len(first.group())),
                    view.source.span(source_first.start(), source_first.end()),
                    evidence={"word": first.group(), "source_word": source_first.group()},
                )


def _first_word(text: str) -> re.Match | None:
    """The first word, past any opening quotes, brackets or dashes."""
    return FIRST_WORD.search(text)
