"""The model stage: token surprisals and sentence embeddings for every segment.

Each distinct segment text is scored once, whichever side it stands on: a
good translation repeats many source sentences verbatim, and the source side
is what the translation is contrasted with.
"""

from __future__ import annotations

import math
from typing import Sequence

import numpy as np

from mtcheck.config import Config
from mtcheck.types import Document, Pair, Segment, Signals, Surprisals, Text

# fluency = logistic((FLUENCY_MIDPOINT - mean bits per token) / FLUENCY_SCALE):
# 0.5 at the midpoint, near 1 for plain news English, near 0 for word salad.
FLUENCY_MIDPOINT = 6.0
FLUENCY_SCALE = 1.0


def analyse(documents: Sequence[Document], config: Config) -> list[Signals]:
    """Signals for each document; all their segments go through the models together."""
    from mtcheck.models.embedder import SentenceEmbedder
    from mtcheck.models.lm import LanguageModel

    lm = LanguageModel.load(config.lm, dtype=config.dtype)
    embedder = SentenceEmbedder.load(config.embedder, dtype=config.dtype)
    sides = [(_texts(d.source, d.source_segments), _texts(d.target, d.target_segments)) for d in documents]
    unique = list(dict.fromkeys(t for source, target in sides for t in source + target))
    row = {text: index for index, text in enumerate(unique)}
    scored = lm.token_surprisals(unique)
    vectors = embedder.encode(unique)

    def surprisals(texts: list[str], segments: Sequence[Segment]) -> tuple[Surprisals, ...]:
        return tuple(
            tuple((seg.start + start, seg.start + end, bits) for start, end, bits in scored[row[text]].tokens)
            for text, seg in zip(texts, segments)
        )

    def embeddings(texts: list[str]) -> np.ndarray:
        return vectors[[row[t] for t in texts]].reshape(len(texts), vectors.shape[1])

    return [
        Signals(
            models=f"lm:{lm.name}|emb:{embedder.name}",
            source_surprisals=surprisals(source, document.source_segments),
            target_surprisals=surprisals(target, document.target_segments),
            source_embeddings=embeddings(source),
            target_embeddings=embeddings(target),
        )
        for document, (source, target) in zip(documents, sides)
    ]


def _texts(text: Text, segments: Sequence[Segment]) -> list[str]:
    return [text.text[s.start : s.end] for s in segments]


def pair_similarity(signals: Signals, pair: Pair) -> float | None:
    """Cosine of the two sides' embeddings; None for an empty side.

    A side of several segments sums their vectors weighted by token count,
    so a stranded fragment does not weigh as much as a whole sentence.
    """
    if not pair.source or not pair.target:
        return None
    source = _side_vector(signals.source_embeddings, signals.source_surprisals, pair.source)
    target = _side_vector(signals.target_embeddings, signals.target_surprisals, pair.target)
    norms = float(np.linalg.norm(source) * np.linalg.norm(target))
    return round(float(source @ target) / norms, 4) if norms > 0 else None


def _side_vector(embeddings, surprisals, indices) -> np.ndarray:
    weights = np.array([max(len(surprisals[i]), 1) for i in indices], dtype=np.float32)
    return (np.asarray(embeddings)[list(indices)] * weights[:, None]).sum(axis=0)


def mean_bits(surprisals: Sequence[Surprisals]) -> float | None:
    bits = [b for tokens in surprisals for _, _, b in tokens]
    return sum(bits) / len(bits) if bits else None


def fluency(mean: float | None) -> float | None:
    if mean is None:
        return None
    return round(1.0 / (1.0 + math.exp((mean - FLUENCY_MIDPOINT) / FLUENCY_SCALE)), 4)


def pair_fluency_and_contrast(signals: Signals, pair: Pair) -> tuple[float | None, float | None]:
    """Fluency of the target side, and how many bits/token less likely it is than its source."""
    target = mean_bits([signals.target_surprisals[j] for j in pair.target])
    source = mean_bits([signals.source_surprisals[i] for i in pair.source])
    contrast = round(target - source, 4) if target is not None and source is not None else None
    return fluency(target), contrast
