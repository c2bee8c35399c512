"""Fluent English that says something other than the source word opposite it."""

from __future__ import annotations

from mtcheck.analyses.spikes import Spike
from mtcheck.checks.spike_check import SpikeCheck
from mtcheck.types import Severity


class MeaningFlipCheck(SpikeCheck):
    """Finds a fluent word the language model does not expect after reading the source: the meaning moved.

    Example (DEMETR): "…samples of pets who were born after eating
    contaminated pet food" for the source's "pets that died": the English
    reads well, but " born" is not what the source led the model to expect.
    Negations are the negation check's.
    """

    name = "meaning-flip"
    category = "Accuracy/Mistranslation"
    severity = Severity.MINOR
    kinds = frozenset({"flip"})

    def describe(self, spike: Spike) -> tuple[str, str | None]:
        return f"'{spike.word}' reads well but the source says '{spike.source_words}'", None
