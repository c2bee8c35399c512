"""A word misspelt against the source word opposite it."""

from __future__ import annotations

from dataclasses import dataclass

from mtcheck.analyses.spikes import Spike
from mtcheck.checks.spike_check import SpikeCheck, SpikeParams
from mtcheck.params import param
from mtcheck.types import Severity


@dataclass(frozen=True)
class SpellingParams(SpikeParams):
    # A word this close to the source's word is rarely a free rewording: the
    # lowest floor of the spike family (DEMETR tuning items: 12 bits adds
    # 0.9% clean pairs and 1.8 points of minor detection over 16).
    spike_bits: float = param(12.0, "bits of surprisal given the source at which a misspelling is reported")


class SpellingCheck(SpikeCheck):
    """Finds a misspelt word: one the language model does not expect, close to the source's word there.

    Example (DEMETR): "Cyanuric acid and melamine were both foudn in urine
    samples" for the source's "found". Words the source writes lowercase but
    the translation does not capitalise ("iraq" for *Iraq*) count too;
    capitals that should not be there are the noun-capitalisation check's.
    """

    name = "spelling"
    category = "Fluency/Spelling"
    severity = Severity.MINOR
    kinds = frozenset({"spelling", "case"})
    Params = SpellingParams

    def wants(self, spike: Spike) -> bool:
        return spike.kind == "spelling" or not spike.word[:1].isupper()

    def describe(self, spike: Spike) -> tuple[str, str | None]:
        return f"'{spike.word}' looks like a misspelling of the source's '{spike.source_words}'", None
