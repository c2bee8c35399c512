"""Words the language model does not expect even after reading the source, with nothing opposite them there."""

from __future__ import annotations

from dataclasses import dataclass

from mtcheck.analyses.spikes import Spike
from mtcheck.checks.spike_check import SpikeCheck, SpikeParams
from mtcheck.params import param
from mtcheck.types import Severity


@dataclass(frozen=True)
class SurprisalParams(SpikeParams):
    # Read alone, the same token tells English oddity ("intertwined" at the
    # end of a verbless clause) from fluent drift; the same floor as the spike
    # analysis uses to sort its kinds (spikes.ODD_ALONE_BITS).
    odd_alone_bits: float = param(
        12.0, "bits of surprisal read without the source from which an unexplained word is odd English, not an addition"
    )


class SurprisalCheck(SpikeCheck):
    """Finds words the source does not explain and that stand opposite nothing in it.

    Example (seed): "Rep. Mounes called the dynamic a deterrence equation"
    for the source's "Mounes called the dynamic…": " Rep" costs 12.6 bits
    after the model has read the source. Odd English is Style/Awkward; fluent
    English the source lacks is an addition.
    """

    name = "surprisal"
    category = "Style/Awkward"
    severity = Severity.MINOR
    kinds = frozenset({"unexplained"})
    Params = SurprisalParams

    def describe(self, spike: Spike) -> tuple[str, str | None]:
        if spike.alone is not None and spike.alone >= self.params.odd_alone_bits:
            return f"unexpected word '{spike.word}': odd English, and the source does not use it", None
        return f"unexpected word '{spike.word}': fluent, but the source has nothing like it", "Accuracy/Addition"
