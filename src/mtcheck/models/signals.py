"""The model stage: sentence embeddings for every segment, token surprisals for aligned ones.

Each distinct segment text is scored once, whichever side it stands on: a
good translation repeats many source sentences verbatim, and the source side
is what the translation is contrasted with.
"""

from __future__ import annotations

import math
from typing import Sequence

import numpy as np

from mtcheck.config import Config
from mtcheck.documents import segment_texts
from mtcheck.types import Document, Pair, Segment, Signals, Surprisals

# fluency = logistic((FLUENCY_MIDPOINT - mean bits per token) / FLUENCY_SCALE):
# 0.5 at the midpoint, near 1 for plain news English, near 0 for word salad.
FLUENCY_MIDPOINT = 6.0
FLUENCY_SCALE = 1.0


def embed(documents: Sequence[Document], config: Config) -> list[tuple[np.ndarray, np.ndarray]]:
    """Unit sentence vectors of every source and target segment, per document."""
    from mtcheck.models.embedder import SentenceEmbedder

    embedder = SentenceEmbedder.load(config.embedder, dtype=config.dtype)
    sides = [(segment_texts(d.source, d.source_segments), segment_texts(d.target, d.target_segments)) for d in documents]
    unique = list(dict.fromkeys(t for source, target in sides for t in source + target))
    row = {text: index for index, text in enumerate(unique)}
    vectors = embedder.encode(unique)

    def rows(texts: list[str]) -> np.ndarray:
        return vectors[[row[t] for t in texts]].reshape(len(texts), vectors.shape[1])

    return [(rows(source), rows(target)) for source, target in sides]


def analyse(
    documents: Sequence[Document],
    config: Config,
    embeddings: Sequence[tuple[np.ndarray, np.ndarray]] | None = None,
) -> list[Signals]:
    """Signals of aligned documents; all their segments go through the models together.

    The language model reads only segments of pairs with both sides: inserted
    portal text and omitted source text have nothing to be contrasted with,
    and on a portal page they are a third of the tokens.
    """
    from mtcheck.models.embedder import SentenceEmbedder
    from mtcheck.models.lm import LanguageModel

    if embeddings is None:
        embeddings = embed(documents, config)
    lm = LanguageModel.load(config.lm, dtype=config.dtype)
    wanted = [_aligned_segments(d) for d in documents]
    unique = list(dict.fromkeys(t for source, target in wanted for t in list(source.values()) + list(target.values())))
    scored = dict(zip(unique, lm.token_surprisals(unique)))

    def surprisals(segments: Sequence[Segment], texts: dict[int, str]) -> tuple[Surprisals, ...]:
        return tuple(
            tuple((seg.start + a, seg.start + b, bits) for a, b, bits in scored[texts[i]].tokens) if i in texts else ()
            for i, seg in enumerate(segments)
        )

    embedder_name = SentenceEmbedder.load(config.embedder, dtype=config.dtype).name
    return [
        Signals(
            models=f"lm:{lm.name}|emb:{embedder_name}",
            source_surprisals=surprisals(document.source_segments, source),
            target_surprisals=surprisals(document.target_segments, target),
            source_embeddings=vectors[0],
            target_embeddings=vectors[1],
        )
        for document, (source, target), vectors in zip(documents, wanted, embeddings)
    ]


def _aligned_segments(document: Document) -> tuple[dict[int, str], dict[int, str]]:
    source: dict[int, str] = {}
    target: dict[int, str] = {}
    source_texts = segment_texts(document.source, document.source_segments)
    target_texts = segment_texts(document.target, document.target_segments)
    for pair in document.pairs:
        if pair.source and pair.target:
            source.update((i, source_texts[i]) for i in pair.source)
            target.update((j, target_texts[j]) for j in pair.target)
    return source, target


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
