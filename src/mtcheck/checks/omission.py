"""Source segments with no counterpart in the translation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from mtcheck.checks.base import Check
from mtcheck.views import DocumentView
from mtcheck.params import Params, param
from mtcheck.types import SegmentKind, Severity


@dataclass(frozen=True)
class OmissionParams(Params):
    major_sentence_words: int = param(
        4, "words a missing source sentence needs for its omission to be major (a heading is always minor)"
    )


class OmissionCheck(Check):
    """A source sentence that the translation leaves out.

    Example: the source's "In Iraq, however, the strikes provoked a very
    different reaction." aligned to nothing in the target.
    """

    name = "omission"
    category = "Accuracy/Omission"
    severity = Severity.MAJOR
    Params = OmissionParams

    def run(self, doc: DocumentView) -> Iterable:
        major_words = self.params.major_sentence_words
        for view in doc.pairs:
            if not view.target.empty or view.source.empty:
                continue
            for segment, text in view.source.segment_texts():
                kind = "heading" if segment.kind is SegmentKind.HEADING else "sentence"
                word_count = len(text.split())
                minor = segment.kind is SegmentKind.HEADING or word_count < major_words
                yield self.finding(
                    view,
                    f"source {kind} missing from the translation: '{text[:80]}'",
                    None,
                    view.source.segment_span(segment),
                    severity=Severity.MINOR if minor else Severity.MAJOR,
                    confidence=0.8,
                    evidence={"segment_kind": kind, "word_count": word_count, "major_from_words": major_words},
                )
