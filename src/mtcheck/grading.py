"""The grade stage: the MQM penalty of the findings, the quality of every pair and of the document, its coverage.

Runs after detect, on a scored document (mtcheck.scoring). With the judge
(mtcheck.judge), quality is v3: learned from human MQM scores, and an
article's is scaled by its coverage (judge.quality_v3). With ``judge =
"off"`` it is v2: a blend of chrF, the findings' penalty and, with the
models, the bits the target costs once the source is read (mtcheck.quality).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Mapping, Sequence

from mtcheck.judge.model import Variant
from mtcheck.judge.quality_v3 import WordStats, document_quality, pair_features
from mtcheck.judge.quality_v3 import pair_quality as v3_pair_quality
from mtcheck.merging import merged
from mtcheck.quality import mqm_penalty, quality
from mtcheck.scoring import joined
from mtcheck.types import Document, Finding
from mtcheck.views import pair_view_of

WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class LearnedQuality:
    """What quality v3 reads: the judge's variant, each pair's word probabilities, every judged finding."""

    variant: Variant
    stats: Mapping[int, WordStats]
    models: bool
    findings: tuple[Finding, ...]


def grade(document: Document, findings: Sequence[Finding], learned: LearnedQuality | None = None) -> Document:
    """``document`` with its findings, one per error (mtcheck.merging), and quality and penalty on every
    pair and the whole."""
    findings = merged(findings)
    by_pair: dict[int, list[Finding]] = {}
    for finding in findings:
        by_pair.setdefault(finding.pair, []).append(finding)
    judged_by_pair: dict[int, list[Finding]] = {}
    for finding in (learned.findings if learned else ()):
        judged_by_pair.setdefault(finding.pair, []).append(finding)
    v3: list[tuple[float, int]] = []
    pairs, readings = [], []
    chars = {"source": [0, 0], "target": [0, 0]}  # side -> [covered, all]
    for pair in document.pairs:
        scores = pair.scores
        view = pair_view_of(document, pair)
        source, target = joined(view.source), joined(view.target)
        visible = {}
        for name, side, other in (("source", view.source, view.target), ("target", view.target, view.source)):
            visible[name] = sum(_visible(text) for _, text in side.segment_texts())
            chars[name][1] += visible[name]
            chars[name][0] += 0 if other.empty else visible[name]
        penalty = mqm_penalty(by_pair.get(pair.index, ()), target)
        # An exact copy leaves nothing unexplained, whatever its reading costs.
        bits = 0.0 if source == target and scores.given_source is not None else scores.given_source
        tokens = scores.given_source_tokens or 0
        readings.append((bits, tokens))
        empty = view.source.empty or view.target.empty
        if learned is not None and learned.variant.quality is not None:
            features = pair_features(scores, learned.stats.get(pair.index), judged_by_pair.get(pair.index, ()),
                                     learned.models)
            pair_quality = v3_pair_quality(learned.variant.quality.logit(features), exact_copy=source == target,
                                           empty_side=empty)
            if not empty:
                v3.append((pair_quality, visible["target"]))
        else:
            pair_quality = quality(scores.chrf, penalty, bits_given_source=bits, tokens_read=tokens, empty_side=empty)
        pairs.append(replace(pair, scores=replace(scores, quality=pair_quality)))
    penalty = mqm_penalty(findings, document.target.text)
    read = [(bits, tokens) for bits, tokens in readings if bits is not None and tokens]
    tokens_read = sum(tokens for _, tokens in read)
    bits = sum(b * n for b, n in read) / tokens_read if tokens_read else None
    whole = document.scores
    coverage = _share(*chars["target"]), _share(*chars["source"])
    if learned is not None and learned.variant.quality is not None:
        doc_quality = document_quality(v3, *coverage)
    else:
        doc_quality = quality(whole.chrf, penalty, bits_given_source=bits, tokens_read=tokens_read)
    return replace(
        document,
        pairs=tuple(pairs),
        findings=tuple(findings),
        scores=replace(
            whole, mqm_penalty=penalty, quality=doc_quality, target_coverage=coverage[0], source_coverage=coverage[1],
        ),
    )


def _visible(text: str) -> int:
    """Non-space characters: what coverage counts, so that layout does not."""
    return len(text) - sum(map(len, WHITESPACE.findall(text)))


def _share(covered: int, total: int) -> float | None:
    return round(covered / total, 4) if total else None
