"""Fluent English that says something else: low similarity to the source."""

from __future__ import annotations

from typing import Iterable

from mtcheck.checks.base import Check, DocumentView
from mtcheck.checks.registry import register
from mtcheck.models.signals import pair_fluency_and_contrast, pair_similarity
from mtcheck.types import Severity

# Sentence-embedding cosine under which a fluent pair likely changed meaning.
# MiniLM puts paraphrases above ~0.75 and unrelated news sentences below ~0.3.
LOW_SIMILARITY = 0.6
CRITICAL_SIMILARITY = 0.35
FLUENT = 0.5  # garbled text is the fluency checks' business, not this one's


@register
class MeaningCheck(Check):
    """An aligned pair whose meaning drifted although the English reads well.

    Example: "They now believe that the IRGC can direct the militias" for the
    source's "the IRGC has less ability to direct the militias".
    """

    name = "meaning"
    category = "Accuracy/Mistranslation"
    severity = Severity.MAJOR

    def run(self, doc: DocumentView) -> Iterable:
        signals = doc.document.signals
        if signals is None:
            return
        for view in doc.aligned:
            similarity = pair_similarity(signals, view.pair)
            fluency, _ = pair_fluency_and_contrast(signals, view.pair)
            if similarity is None or similarity >= LOW_SIMILARITY or (fluency or 0) < FLUENT:
                continue
            yield self.finding(
                view,
                f"meaning differs from the source (similarity {similarity:.2f}) although the English is fluent",
                view.target.span(0, len(view.target.text)),
                view.source.span(0, len(view.source.text)),
                severity=Severity.CRITICAL if similarity < CRITICAL_SIMILARITY else Severity.MAJOR,
                confidence=round(min(1.0, (LOW_SIMILARITY - similarity) / LOW_SIMILARITY + 0.5), 3),
            )
