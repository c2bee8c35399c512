"""Words the language model does not expect even after reading the source, with nothing opposite them there."""

from __future__ import annotations

from mtcheck.checks.registry import register
from mtcheck.checks.spikes import ODD_ALONE_BITS, Spike, SpikeCheck
from mtcheck.types import Severity


@register
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

    def describe(self, spike: Spike) -> tuple[str, str | None]:
        if spike.alone is not None and spike.alone >= ODD_ALONE_BITS:
            return f"unexpected word '{spike.word}': odd English, and the source does not use it", None
        return f"unexpected word '{spike.word}': fluent, but the source has nothing like it", "Accuracy/Addition"
