"""Fluent English that says something else: low similarity to the source."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from mtcheck.checks.base import Check
from mtcheck.views import DocumentView
from mtcheck.params import Params, param
from mtcheck.types import Severity


@dataclass(frozen=True)
class MeaningParams(Params):
    # MiniLM puts paraphrases above ~0.75 and unrelated news sentences below ~0.3.
    low_similarity: float = param(0.6, "sentence-embedding cosine under which a fluent pair likely changed meaning")
    critical_similarity: float = param(0.35, "cosine under which the change of meaning is critical")
    # Garbled text is the fluency checks' business, not this one's.
    fluent: float = param(0.5, "fluency a pair needs before its low similarity is reported")


class MeaningCheck(Check):
    """An aligned pair whose meaning drifted although the English reads well.

    Example: "They now believe that the IRGC can direct the militias" for the
    source's "the IRGC has less ability to direct the militias".
    """

    name = "meaning"
    category = "Accuracy/Mistranslation"
    severity = Severity.MAJOR
    Params = MeaningParams

    def run(self, doc: DocumentView) -> Iterable:
        p = self.params
        for view in doc.aligned:
            # The score stage has put the models' similarity and fluency on the pair (None without models).
            scores = view.pair.scores
            similarity, fluency = (scores.similarity, scores.fluency) if scores is not None else (None, None)
            if similarity is None or similarity >= p.low_similarity or (fluency or 0) < p.fluent:
                continue
            yield self.finding(
                view,
                f"meaning differs from the source (similarity {similarity:.2f}) although the English is fluent",
                view.target.span(0, len(view.target.text)),
                view.source.span(0, len(view.source.text)),
                severity=Severity.CRITICAL if similarity < p.critical_similarity else Severity.MAJOR,
                confidence=round(min(1.0, (p.low_similarity - similarity) / p.low_similarity + 0.5), 3),
                evidence={"similarity": round(similarity, 4), "fluency": None if fluency is None else round(fluency, 4)},
            )
