"""The grade stage: the MQM penalty of the findings, the quality of every pair and of the document, its coverage.

Runs after detect, on a scored document (mtcheck.score.scoring). With the judge
(mtcheck.grade.judge), quality is v3: learned from human MQM scores, and an
article's is scaled by its coverage (grade.quality_v3). With ``judge =
"off"`` it is v2: a blend of chrF, the findings' penalty and, with the
models, the bits the target costs once the source is read (mtcheck.grade.quality).
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass, replace
from typing import Sequence

from mtcheck.grade.judge.model import Variant
from mtcheck.grade.quality_v3 import PairWordStats, document_quality, pair_features
from mtcheck.grade.quality_v3 import pair_quality as v3_pair_quality
from mtcheck.grade.merging import by_pair
from mtcheck.grade.quality import mqm_penalty, per_100_words, quality, target_words
from mtcheck.score.scoring import joined
from mtcheck.types import Document, Finding, Pair
from mtcheck.views import pair_view_of

WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class LearnedQuality:
    """What quality v3 reads: the judge's variant, each pair's word probabilities and the weight of all its
    judged findings, listed or not (by pair index)."""

    variant: Variant
    stats: PairWordStats
    models: bool
    findings_weights: Sequence[float]


def grade(document: Document, findings: Sequence[Finding], learned: LearnedQuality | None = None) -> Document:
    """``document`` with its findings (merged already, one per error: mtcheck.grade.merging, in
    pipeline.evaluate), and quality and penalty on every pair and the whole."""
    v3 = learned is not None and learned.variant.quality is not None
    # Only v2 weighs each pair's own findings (v3 has them summed up in ``learned``): on a big article the
    # lists by pair are some 10 MB at the memory peak.
    findings_of = {} if v3 else by_pair(findings)
    # Per-pair numbers the document's scores sum, in flat arrays: a tuple per pair of a 10 MB article
    # (120,000 pairs) cost some 20 MB at its memory peak.
    v3_quality, v3_chars = array("d"), array("q")  # pairs with both sides
    read_bits, read_tokens = array("d"), array("q")  # pairs the LM read after their source: bits x tokens
    pairs = []
    chars = {"source": [0, 0], "target": [0, 0]}  # side -> [covered, all]
    # Each scored pair is let go as its graded copy is made: where the caller hands over its only reference
    # to ``document`` (pipeline.evaluate does), the two generations of a 10 MB article's 120,000 pairs and
    # their scores are not held at once, some 24 MB at its memory peak. The views below need only the
    # texts and segments.
    scored: list[Pair | None] = list(document.pairs)
    document = replace(document, pairs=())
    for k, pair in enumerate(scored):
        scored[k] = None
        scores = pair.scores
        view = pair_view_of(document, pair)
        source, target = joined(view.source), joined(view.target)
        visible = {}
        for name, side, other in (("source", view.source, view.target), ("target", view.target, view.source)):
            visible[name] = sum(_visible(text) for _, text in side.segment_texts())
            chars[name][1] += visible[name]
            chars[name][0] += 0 if other.empty else visible[name]
        # An exact copy leaves nothing unexplained, whatever its reading costs.
        bits = 0.0 if source == target and scores.given_source is not None else scores.given_source
        tokens = scores.given_source_tokens or 0
        if bits is not None and tokens:
            read_bits.append(bits * tokens)
            read_tokens.append(tokens)
        empty = view.source.empty or view.target.empty
        if v3:
            features = pair_features(scores, learned.stats.get(pair.index), learned.findings_weights[pair.index],
                                     learned.models)
            pair_quality = v3_pair_quality(learned.variant.quality.logit(features), exact_copy=source == target,
                                           empty_side=empty)
            if not empty:
                v3_quality.append(pair_quality)
                v3_chars.append(visible["target"])
        else:
            penalty = mqm_penalty(findings_of.get(pair.index, ()), target)
            pair_quality = quality(scores.chrf, penalty, bits_given_source=bits, tokens_read=tokens, empty_side=empty)
        pairs.append(replace(pair, scores=replace(scores, quality=pair_quality)))
    words = target_words(document.target.text)  # a 10 MB article's words take a second to count: once
    penalty = mqm_penalty(findings, document.target.text, words)
    tokens_read = sum(read_tokens)
    bits = sum(read_bits) / tokens_read if tokens_read else None
    whole = document.scores
    coverage = _share(*chars["target"]), _share(*chars["source"])
    expected = None
    if learned is not None:
        # Each judged finding's confidence is the measured chance that a rater marks an error there, so
        # its weight times that chance, summed, is the penalty a rater is expected to give.
        expected = per_100_words(sum(learned.findings_weights), words)
    if v3:
        doc_quality = document_quality(v3_quality, v3_chars, *coverage)
    else:
        doc_quality = quality(whole.chrf, penalty, bits_given_source=bits, tokens_read=tokens_read)
    return replace(
        document,
        pairs=tuple(pairs),
        findings=tuple(findings),
        scores=replace(
            whole, mqm_penalty=penalty, quality=doc_quality, target_coverage=coverage[0], source_coverage=coverage[1],
            expected_penalty=expected,
        ),
    )


def _visible(text: str) -> int:
    """Non-space characters: what coverage counts, so that layout does not."""
    return len(text) - sum(map(len, WHITESPACE.findall(text)))


def _share(covered: int, total: int) -> float | None:
    return round(covered / total, 4) if total else None
