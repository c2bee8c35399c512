"""The base of the five checks that report surprisal spikes (analyses/spikes.py), one kind each."""

from __future__ import annotations

from abc import abstractmethod
from dataclasses import dataclass
from typing import ClassVar, Iterator

from mtcheck.analyses.spikes import Spike, confidence
from mtcheck.checks.base import Check
from mtcheck.params import Params, param
from mtcheck.types import Finding, Severity
from mtcheck.views import DocumentView


@dataclass(frozen=True)
class SpikeParams(Params):
    # The check's own floor, at or above the analysis's candidate floor
    # (analyses/spikes.GIVEN_SPIKE_BITS). Chosen on DEMETR
    # items 101-200 of each perturbation (results.md reports items 1-100) to
    # keep the five checks together near 6% of clean pairs there.
    spike_bits: float = param(16.0, "bits of surprisal given the source from which a word is reported")
    major_bits: float = param(20.0, "bits from which an accuracy finding is major rather than minor")


class SpikeCheck(Check):
    """A check reporting the spikes of some kinds; subclasses say which and how."""

    kinds: ClassVar[frozenset[str]]
    Params = SpikeParams
    needs = frozenset({"spikes"})

    def run(self, doc: DocumentView) -> Iterator[Finding]:
        floor, major = self.params.spike_bits, self.params.major_bits
        for spike in doc.analyses.get("spikes"):
            if spike.kind in self.kinds and spike.bits >= floor and self.wants(spike):
                message, category = self.describe(spike)
                category = category or self.category
                yield self.finding(
                    spike.view,
                    f"{message} ({spike.measured()})",
                    spike.view.target.span(spike.start, spike.end),
                    spike.view.source.span(*spike.evidence) if spike.evidence else None,
                    category=category,
                    severity=Severity.MAJOR
                    if spike.bits >= major and category.startswith("Accuracy")
                    else self.severity,
                    confidence=confidence(spike.bits, floor),
                    evidence=spike.evidence_values(),
                )

    def wants(self, spike: Spike) -> bool:
        return True

    @abstractmethod
    def describe(self, spike: Spike) -> tuple[str, str | None]:
        """The finding's message, and its category where it differs from the check's."""
