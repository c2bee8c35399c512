"""A word swapped for one that fits neither English usage nor the source: synonym spinning."""

from __future__ import annotations

from dataclasses import dataclass

from mtcheck.analyses.spikes import Spike
from mtcheck.checks.spike_check import SpikeCheck, SpikeParams
from mtcheck.params import param
from mtcheck.types import Severity


@dataclass(frozen=True)
class LexicalSubstitutionParams(SpikeParams):
    # Odd words opposite other words are where independent translations
    # differ most: on DEMETR's tuning items 16 bits flagged 2.2% more clean
    # pairs than 18 for 1.3 points of critical detection.
    spike_bits: float = param(18.0, "bits of surprisal given the source at which a swapped word is reported")


class LexicalSubstitutionCheck(SpikeCheck):
    """Finds one odd word where the source has another, as synonym spinners and round trips leave.

    Example: "Many see a fancy actuality in Iraq" for the source's "a complex
    reality": " actuality" costs 16 bits after the source and 27 read alone.
    """

    name = "lexical-substitution"
    category = "Style/Awkward"
    severity = Severity.MINOR
    kinds = frozenset({"substitution"})
    Params = LexicalSubstitutionParams

    def describe(self, spike: Spike) -> tuple[str, str | None]:
        return f"'{spike.word}' fits neither English usage nor the source's '{spike.source_words}'", None
