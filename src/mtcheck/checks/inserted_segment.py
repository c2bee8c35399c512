"""The base of the two checks that report inserted target segments (analyses/insertions.py)."""

from __future__ import annotations

from typing import Iterator

from mtcheck.analyses.insertions import Insertion
from mtcheck.checks.base import Check
from mtcheck.types import Finding, Severity
from mtcheck.views import DocumentView


def clip(text: str, width: int = 60) -> str:
    return f"'{text}'" if len(text) <= width else f"'{text[: width - 1]}…'"


class InsertedSegmentCheck(Check):
    """Reports the inserted segments whose label is furniture, or those whose label is not."""

    furniture: bool
    needs = frozenset({"insertions"})

    def run(self, doc: DocumentView) -> Iterator[Finding]:
        for inserted in doc.analyses.get("insertions"):
            if inserted.label.furniture == self.furniture:
                severity, confidence = self.grade(inserted)
                yield self.finding(
                    inserted.view,
                    f"inserted {inserted.what} with no source counterpart: {clip(inserted.text)}",
                    inserted.view.target.segment_span(inserted.segment),
                    severity=severity,
                    confidence=confidence,
                    evidence={"label": inserted.label.name, "repeats_article": inserted.repeats_article},
                )

    def grade(self, inserted: Insertion) -> tuple[Severity, float]:
        return self.severity, 0.9
