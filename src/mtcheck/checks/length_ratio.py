"""Aligned pairs whose target is far shorter (truncated) or longer (run-on) than the document's usual ratio."""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass
from typing import Iterator

from mtcheck.checks.base import Check
from mtcheck.views import DocumentView, PairView
from mtcheck.params import Params, param
from mtcheck.types import Finding, Severity


@dataclass(frozen=True)
class LengthRatioParams(Params):
    # Characters without whitespace: on DEMETR's clean paraphrases the log ratio
    # spreads less in characters (sd 0.103) than in words (0.120), and dropping
    # whitespace makes n:m beads independent of what separates their segments.
    # Forty characters is about eight words: no headings.
    min_source_for_truncation: int = param(40, "source characters (without whitespace) a pair needs to be truncated")
    min_source_for_run_on: int = param(25, "source characters (without whitespace) a pair needs to run on")
    min_target_for_run_on: int = param(40, "target characters (without whitespace) a pair needs to run on")
    # Relative to the expected ratio. Clean DEMETR paraphrases stay within
    # 0.72-1.48 of their reference, so these keep a margin of about 10% on both
    # sides; only a large cut (DEMETR's emptied targets, some removed phrases) shows.
    truncated_below: float = param(0.65, "length ratio, relative to the expected one, under which a pair is truncated")
    run_on_above: float = param(1.6, "length ratio, relative to the expected one, over which a pair runs on")
    # A whole extra sentence or more.
    run_on_major_above: float = param(2.5, "relative length ratio over which a run-on is major")
    # The document's own ratio is trusted from this many sizeable pairs on, and
    # kept within bounds so that a mostly truncated document cannot make
    # truncation look normal.
    pairs_for_document_ratio: int = param(8, "sizeable pairs from which the document's median ratio is expected")
    document_ratio_low: float = param(0.8, "lowest expected ratio the document's median may set")
    document_ratio_high: float = param(1.25, "highest expected ratio the document's median may set")


class LengthRatioCheck(Check):
    """A pair whose translation is truncated or runs on, measured against the document's usual length ratio.

    Example (DEMETR base_id33_empty): the source "Both cyanuric acid and
    melamine were found in urine samples from pets that died after consuming
    contaminated pet food." translated as "." (ratio 0.01, expected 1.00).
    """

    name = "length-ratio"
    category = "Accuracy/Omission"
    severity = Severity.MAJOR
    Params = LengthRatioParams

    def run(self, doc: DocumentView) -> Iterator[Finding]:
        p = self.params
        pairs = list(doc.aligned)
        expected, basis = expected_ratio(pairs, p)
        for view in pairs:
            source, target = visible_length(view.source.text), visible_length(view.target.text)
            if source == 0:
                continue
            relative = target / source / expected
            lengths = (
                f"{target} target characters for {source} in the source: ratio {target / source:.2f}, "
                f"expected {expected:.2f} ({basis})"
            )
            if relative < p.truncated_below and source >= p.min_source_for_truncation:
                confidence = _confidence(1 / max(relative, 1e-3), 1 / p.truncated_below)
                yield self._finding(view, f"translation looks truncated: {lengths}", confidence=confidence,
                                    evidence=_evidence(source, target, expected, basis, p.truncated_below))
            elif relative > p.run_on_above and source >= p.min_source_for_run_on and target >= p.min_target_for_run_on:
                yield self._finding(
                    view,
                    f"translation runs on: {lengths}",
                    category="Accuracy/Addition",
                    severity=Severity.MAJOR if relative > p.run_on_major_above else Severity.MINOR,
                    confidence=_confidence(relative, p.run_on_above),
                    evidence=_evidence(source, target, expected, basis, p.run_on_above),
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


def expected_ratio(pairs: list[PairView], p: LengthRatioParams) -> tuple[float, str]:
    """The document's median target/source length ratio, and where it comes from.

    Only pairs with a sizeable source count; with too few of them, 1.0: an
    English translation of English is about as long as its source.
    """
    ratios = [
        visible_length(view.target.text) / length
        for view in pairs
        if (length := visible_length(view.source.text)) >= p.min_source_for_truncation
    ]
    if len(ratios) < p.pairs_for_document_ratio:
        return 1.0, "same length as the source"
    low, high = p.document_ratio_low, p.document_ratio_high
    median = math.exp(statistics.median(math.log(max(r, 1e-3)) for r in ratios))
    return min(max(median, low), high), f"median of {len(ratios)} pairs in this document"


def _evidence(source: int, target: int, expected: float, basis: str, bound: float) -> dict:
    """The lengths and ratios behind a finding; ``bound`` is the relative ratio it crossed."""
    ratio = target / source
    return {
        "source_chars": source, "target_chars": target, "ratio": round(ratio, 4), "expected": round(expected, 4),
        "expected_from": basis, "relative_ratio": round(ratio / expected, 4), "bound": bound,
    }


def _confidence(excess: float, threshold: float) -> float:
    """0.6 at the threshold, towards 1.0 as the ratio moves further out."""
    return round(min(1.0, 0.6 + 0.4 * math.log(excess / threshold) / math.log(3)), 2)
