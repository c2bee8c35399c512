"""A symbol or punctuation mark in the translation that neither running text nor the source explains."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from mtcheck.checks.base import Check
from mtcheck.views import DocumentView
from mtcheck.params import Params, param
from mtcheck.analyses.spikes import confidence, punctuation_spikes
from mtcheck.types import Finding, Severity

# Characters prose rarely needs; URLs, e-mail addresses, hashtags and
# handles are words of their own and are skipped whole.
SYMBOL = re.compile(r"[~^*#|\\@+=<>{}\[\]_`]")
TOKEN_WITH_SYMBOL_INSIDE = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|(?<!\S)[#@]\w+")


@dataclass(frozen=True)
class StraySymbolParams(Params):
    # A lone mark the source does not lead to: a stray ":" after a subject
    # costs 10-30 bits; marks in faithful DEMETR translations stay under 9.
    spike_bits: float = param(12.0, "bits of surprisal given the source from which a lone punctuation mark is stray")


class StraySymbolCheck(Check):
    """Finds a stray symbol ("~", "^", "*", "|", …) or punctuation mark the translation added.

    Example (DEMETR): "Cyanuric acid and melamine~ were both found in urine
    samples" for the source's "Both cyanuric acid and melamine were found".
    A symbol the source also uses is the article's own. With the models, a
    lone comma, colon or full stop the language model does not expect after
    reading the source ("melamine: were both found") counts too.
    """

    name = "stray-symbol"
    category = "Fluency/Punctuation"
    severity = Severity.MINOR
    Params = StraySymbolParams

    def run(self, doc: DocumentView) -> Iterator[Finding]:
        seen: set[tuple[int, int]] = set()
        for view in doc.aligned:
            target = view.target.text
            shielded = [m.span() for m in TOKEN_WITH_SYMBOL_INSIDE.finditer(target)]
            for match in SYMBOL.finditer(target):
                if match.group() in view.source.text:
                    continue
                if any(start <= match.start() < end for start, end in shielded):
                    continue
                seen.add((view.pair.index, match.start()))
                yield self.finding(
                    view,
                    f"stray symbol '{match.group()}' that the source does not have",
                    view.target.span(match.start(), match.end()),
                    evidence={"rule": "symbol not in source", "mark": match.group()},
                )
        for view, start, end, bits in punctuation_spikes(doc, self.params.spike_bits):
            if (view.pair.index, start) not in seen:
                mark = view.target.text[start:end]
                yield self.finding(
                    view,
                    f"stray '{mark}' ({bits:.1f} bits of surprisal given the source)",
                    view.target.span(start, end),
                    confidence=confidence(bits, self.params.spike_bits),
                    evidence={"rule": "surprising punctuation", "mark": mark, "bits": round(float(bits), 1)},
                )
