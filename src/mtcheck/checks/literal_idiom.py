"""A phrase translated word for word where the source says something else: a literal idiom."""

from __future__ import annotations

from mtcheck.analyses.spikes import Spike
from mtcheck.checks.spike_check import SpikeCheck
from mtcheck.types import Severity


class LiteralIdiomCheck(SpikeCheck):
    """Finds odd English phrases standing where the source has other words: idioms taken literally.

    Example: "ZDF woman asks Lindner about the traffic lights" for the
    source's "asks Lindner about the coalition" (German *Ampel*, the
    traffic-light coalition): " traffic" costs 20 bits after the source.
    """

    name = "literal-idiom"
    category = "Accuracy/Mistranslation"
    severity = Severity.MINOR
    kinds = frozenset({"idiom"})

    def describe(self, spike: Spike) -> tuple[str, str | None]:
        return f"'{spike.word}' reads as a literal idiom where the source says '{spike.source_words}'", None
