"""The grade stage: the MQM penalty of the findings, the quality of every pair and of the document, its coverage.

Runs after detect, on a scored document (mtcheck.scoring): quality blends
chrF, the findings' penalty and, with the models, the bits the target costs
once the source is read (mtcheck.quality).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from mtcheck.merging import merged
from mtcheck.quality import mqm_penalty, quality
from mtcheck.scoring import joined
from mtcheck.types import Document, Finding
from mtcheck.views import pair_view_of

WHITESPACE = re.compile(r"\s+")


def grade(document: Document, findings: Sequence[Finding]) -> Document:
    """``document`` with its findings, one per error (mtcheck.merging), and quality and penalty on every
    pair and the whole."""
    findings = merged(findings)
    by_pair: dict[int, list[Finding]] = {}
    for finding in findings:
        by_pair.setdefault(finding.pair, []).append(finding)
    pairs, readings = [], []
    chars = {"source": [0, 0], "target": [0, 0]}  # side -> [covered, all]
    for pair in document.pairs:
        scores = pair.scores
        view = pair_view_of(document, pair)
        source, target = joined(view.source), joined(view.target)
        for name, side, other in (("source", view.source, view.target), ("target", view.target, view.source)):
            count = sum(_visible(text) for _, text in side.segment_texts())
            chars[name][1] += count
            chars[name][0] += 0 if other.empty else count
        penalty = mqm_penalty(by_pair.get(pair.index, ()), target)
        # An exact copy leaves nothing unexplained, whatever its reading costs.
        bits = 0.0 if source == target and scores.given_source is not None else scores.given_source
        tokens = scores.given_source_tokens or 0
        readings.append((bits, tokens))
        empty = view.source.empty or view.target.empty
        pair_quality = quality(scores.chrf, penalty, bits_given_source=bits, tokens_read=tokens, empty_side=empty)
        pairs.append(replace(pair, scores=replace(scores, quality=pair_quality)))
    penalty = mqm_penalty(findings, document.target.text)
    read = [(bits, tokens) for bits, tokens in readings if bits is not None and tokens]
    tokens_read = sum(tokens for _, tokens in read)
    bits = sum(b * n for b, n in read) / tokens_read if tokens_read else None
    whole = document.scores
    doc_quality = quality(whole.chrf, penalty, bits_given_source=bits, tokens_read=tokens_read)
    return replace(
        document,
        pairs=tuple(pairs),
        findings=tuple(findings),
        scores=replace(
            whole, mqm_penalty=penalty, quality=doc_quality,
            target_coverage=_share(*chars["target"]), source_coverage=_share(*chars["source"]),
        ),
    )


def _visible(text: str) -> int:
    """Non-space characters: what coverage counts, so that layout does not."""
    return len(text) - sum(map(len, WHITESPACE.findall(text)))


def _share(covered: int, total: int) -> float | None:
    return round(covered / total, 4) if total else None
