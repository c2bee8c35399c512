"""Aligned pairs whose target is far shorter (truncated) or longer (run-on) than the document's usual ratio."""

from __future__ import annotations

import math
import statistics
from typing import Iterator

from mtcheck.checks.base import Check, DocumentView, PairView
from mtcheck.checks.registry import register
from mtcheck.types import Finding, Severity

# Characters without whitespace: on DEMETR's clean paraphrases the log ratio
# spreads less in characters (sd 0.103) than in words (0.120), and dropping
# whitespace makes n:m beads independent of what separates their segments.
MIN_SOURCE_FOR_TRUNCATION = 40  # characters, about eight words: no headings
MIN_SOURCE_FOR_RUN_ON = 25
MIN_TARGET_FOR_RUN_ON = 40
# Relative to the expected ratio. Clean DEMETR paraphrases stay within
# 0.72-1.48 of their reference, so these keep a margin of about 10% on both
# sides; only a large cut (DEMETR's emptied targets, some removed phrases) shows.
TRUNCATED_BELOW = 0.65
RUN_ON_ABOVE = 1.6
RUN_ON_MAJOR_ABOVE = 2.5  # a whole extra sentence or more
# The document's own ratio is trusted from this many sizeable pairs on, and
# kept within bounds so that a mostly truncated document cannot make
# truncation look normal.
PAIRS_FOR_DOCUMENT_RATIO = 8
DOCUMENT_RATIO_BOUNDS = (0.8, 1.25)


@register
class LengthRatioCheck(Check):
    """A pair whose translation is truncated or runs on, measured against the document's usual length ratio.

    Example (DEMETR base_id33_empty): the source "Both cyanuric acid and
    melamine were found in urine samples from pets that died after consuming
    contaminated pet food." translated as "." (ratio 0.01, expected 1.00).
    """

    name = "length-ratio"
    category = "Accuracy/Omission"
    severity = Severity.MAJOR

    def run(self, doc: DocumentView) -> Iterator[Finding]:
        pairs = list(doc.aligned)
        expected, basis = expected_ratio(pairs)
        for view in pairs:
            source, target = visible_length(view.source.text), visible_length(view.target.text)
            if source == 0:
                continue
            relative = target / source / expected
            evidence = (
                f"{target} target characters for {source} in the source: ratio {target / source:.2f}, "
                f"expected {expected:.2f} ({basis})"
            )
            if relative < TRUNCATED_BELOW and source >= MIN_SOURCE_FOR_TRUNCATION:
                confidence = _confidence(1 / max(relative, 1e-3), 1 / TRUNCATED_BELOW)
                yield self._finding(view, f"translation looks truncated: {evidence}", confidence=confidence)
            elif relative > RUN_ON_ABOVE and source >= MIN_SOURCE_FOR_RUN_ON and target >= MIN_TARGET_FOR_RUN_ON:
                yield self._finding(
                    view,
                    f"translation runs on: {evidence}",
                    category="Accuracy/Addition",
                    severity=Severity.MAJOR if relative > RUN_ON_MAJOR_ABOVE else Severity.MINOR,
                    confidence=_confidence(relative, RUN_ON_ABOVE),
                )

    def _finding(self, view: PairView, message: str, **kwargs) -> Finding:
        return self.finding(
            view,
            message,
            view.target.span(0, len(view.target.text)),
            view.source.span(0, len(view.source.text)),
            **kwargs,
        )


def visible_length(text: str) -> int:
    """Characters other than whitespace."""
    return sum(not ch.isspace() for ch in text)


def expected_ratio(pairs: list[PairView]) -> tuple[float, str]:
    """The document's median target/source length ratio, and where it comes from.

    Only pairs with a sizeable source count; with too few of them, 1.0: an
    English translation of English is about as long as its source.
    """
    ratios = [
        visible_length(view.target.text) / length
        for view in pairs
        if (length := visible_length(view.source.text)) >= MIN_SOURCE_FOR_TRUNCATION
    ]
    if len(ratios) < PAIRS_FOR_DOCUMENT_RATIO:
        return 1.0, "same length as the source"
    low, high = DOCUMENT_RATIO_BOUNDS
    median = math.exp(statistics.median(math.log(max(r, 1e-3)) for r in ratios))
    return min(max(median, low), high), f"median of {len(ratios)} pairs in this document"


def _confidence(excess: float, threshold: float) -> float:
    """0.6 at the threshold, towards 1.0 as the ratio moves further out."""
    return round(min(1.0, 0.6 + 0.4 * math.log(excess / threshold) / math.log(3)), 2)
