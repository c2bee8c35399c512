"""The model stage: sentence embeddings for every segment, token surprisals for aligned ones.

Each distinct text is scored once: a target segment read alone, and a pair
read as source then target (a good translation repeats many sentences
verbatim, and a --pairs batch often repeats one source for many systems).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from mtcheck.models.engine import Engine
from mtcheck.models.given_source import PROMPT_VERSION, GivenSource
from mtcheck.models.lm import TokenScores
from mtcheck.segment.documents import segment_texts
from mtcheck.models.threads import configure as configure_threads
from mtcheck.align.word_match import WordMatchParams
from mtcheck.models.contrast import contrast_requests
from mtcheck.types import Contrasts, Document, Pair, Segment, Signals, Surprisals

# fluency = logistic((FLUENCY_MIDPOINT - mean bits per token) / FLUENCY_SCALE):
# 0.5 at the midpoint, near 1 for plain news English, near 0 for word salad.
FLUENCY_MIDPOINT = 6.0
FLUENCY_SCALE = 1.0


def embed(documents: Sequence[Document], engine: Engine) -> list[tuple[np.ndarray, np.ndarray]]:
    """Unit sentence vectors of every source and target segment, per document."""
    workers = prepare(engine)
    return _vectors(documents, _embedder(engine, workers), workers)


def load_models(engine: Engine, workers: int | None = None) -> tuple:
    """(language model, sentence embedder) as ``engine`` says, each loaded once per process."""
    from mtcheck.models.lm import LanguageModel

    workers = prepare(engine) if workers is None else workers
    return (LanguageModel.load(engine.lm, dtype=engine.dtype, runtime=engine.runtime, workers=workers),
            _embedder(engine, workers))


def _embedder(engine: Engine, workers: int):
    from mtcheck.models.embedder import SentenceEmbedder

    return SentenceEmbedder.load(engine.embedder, dtype=engine.dtype, runtime=engine.runtime, workers=workers)


def _vectors(documents: Sequence[Document], embedder, workers: int) -> list[tuple[np.ndarray, np.ndarray]]:
    sides = [(segment_texts(d.source, d.source_segments), segment_texts(d.target, d.target_segments)) for d in documents]
    unique = list(dict.fromkeys(t for source, target in sides for t in source + target))
    row = {text: index for index, text in enumerate(unique)}
    vectors = embedder.encode(unique, workers)

    def rows(texts: list[str]) -> np.ndarray:
        return vectors[[row[t] for t in texts]].reshape(len(texts), vectors.shape[1])

    return [(rows(source), rows(target)) for source, target in sides]


def prepare(engine: Engine) -> int:
    """Find both models, and set torch's threads on that engine, before either does any work; the worker count.

    A Hub id that cannot be had offline fails here, in a second, not after
    the embedder has read the whole article.
    """
    from mtcheck.models.embedder import DEFAULT_EMBEDDER
    from mtcheck.models.hf import model_source
    from mtcheck.models.lm import DEFAULT_LM

    models = ((engine.lm, DEFAULT_LM, "language model"), (engine.embedder, DEFAULT_EMBEDDER, "sentence embedder"))
    for spec, packaged, what in models:
        if spec and spec != packaged:
            model_source(spec, what)
    return configure_threads(engine.threads, engine.runtime)  # torch's import, if any, after the cheap checks


def models_signature(engine: Engine) -> str:
    """``lm:NAME+PROMPT|emb:NAME``, what ``read_signals`` puts in its signals, known without loading a model
    (a batch rerun looks its articles up by it in a second, not after half a minute of loading)."""
    from mtcheck.models import embedder, lm

    return (f"lm:{lm.signature_name(engine.lm, engine.dtype, engine.runtime)}+{PROMPT_VERSION}"
            f"|emb:{embedder.signature_name(engine.embedder, engine.dtype, engine.runtime)}")


def read_signals(
    documents: Sequence[Document],
    engine: Engine,
    embeddings: Sequence[tuple[np.ndarray, np.ndarray]] | None = None,
) -> list[Signals]:
    """Signals of aligned documents; all their segments go through the models together.

    The language model reads only pairs with both sides: inserted portal text
    and omitted source text have nothing to be contrasted with, and on a
    portal page they are a third of the tokens. Each target segment is read
    alone (fluency, spikes), and each pair once as a paraphrase of its
    source (the source's own scores, and the target given the source).
    """
    from mtcheck.models.given_source import score_given_source

    workers = prepare(engine)
    lm, embedder = load_models(engine, workers)
    if embeddings is None:
        embeddings = _vectors(documents, embedder, workers)
    readings = [_readings(d) for d in documents]
    # Each target segment is read once with, at each word that stands for a
    # different source word, that source word scored in its place (contrast.py).
    alignment = engine.word_alignment or WordMatchParams()
    asked = {id(target): contrast_requests(source, target, alignment) for doc in readings for source, target in doc}
    keys_alone = list(dict.fromkeys(
        (part, asks) for doc in readings for _, target in doc for part, asks in zip(target.parts, asked[id(target)])
    ))
    alone = dict(zip(keys_alone, lm.token_surprisals([part for part, _ in keys_alone],
                                                     alternatives=[asks for _, asks in keys_alone], workers=workers)))
    # A target that copies its source needs no second reading: reading it after
    # itself would only say that a copy is cheap (grading counts it 0 bits).
    keys = list(dict.fromkeys((source.text, target.text) for doc in readings for source, target in doc
                              if source.text != target.text))
    given = dict(zip(keys, score_given_source(lm, keys, workers=workers)))
    signals = []
    for document, doc_readings, vectors in zip(documents, readings, embeddings):
        source_bits: list[Surprisals] = [()] * len(document.source_segments)
        target_bits: list[Surprisals] = [()] * len(document.target_segments)
        target_given: list[Surprisals] = [()] * len(document.target_segments)
        contrasts: list[Contrasts] = [()] * len(document.target_segments)
        for source, target in doc_readings:
            scores = given.get((source.text, target.text)) or _copy_reading(target, alone, asked[id(target)])
            source.distribute(scores.source.tokens, source_bits)
            target.distribute(scores.target.tokens, target_given)
            for index, part, asks in zip(target.segments, target.parts, asked[id(target)]):
                start = target.starts[index]
                read = alone[(part, asks)]
                target_bits[index] = tuple((start + a, start + b, bits) for a, b, bits in read.tokens)
                contrasts[index] = tuple((start + offset, round(own - other, 4)) for offset, other, own in read.alternatives)
        signals.append(
            Signals(
                models=f"lm:{lm.name}+{PROMPT_VERSION}|emb:{embedder.name}",  # as models_signature says
                source_surprisals=tuple(source_bits),
                target_surprisals=tuple(target_bits),
                source_embeddings=vectors[0],
                target_embeddings=vectors[1],
                target_given_source=tuple(target_given),
                target_contrasts=tuple(contrasts),
            )
        )
    return signals


@dataclass(frozen=True)
class _Side:
    """One side of a pair, its segments joined by spaces as the model reads them."""

    segments: tuple[int, ...]
    parts: tuple[str, ...]
    starts: dict[int, int]  # segment index -> where the segment starts in the document

    @property
    def text(self) -> str:
        return " ".join(self.parts)

    def distribute(self, tokens: Surprisals, into: list[Surprisals]) -> None:
        """Tokens of the joined text, back onto each segment in document offsets."""
        offset = 0
        for index, part in zip(self.segments, self.parts):
            end = offset + len(part)
            shift = self.starts[index] - offset
            # A token belongs where it ends: byte-level tokens carry the joining space.
            into[index] = tuple(
                (max(a, offset) + shift, b + shift, bits) for a, b, bits in tokens if offset < b <= end
            )
            offset = end + 1


def _copy_reading(target: "_Side", alone: dict, asks) -> GivenSource:
    """What the second reading would say of an exact copy: its source reads as the text alone, and
    the target after it costs nothing."""
    tokens, offset = [], 0
    for part, ask in zip(target.parts, asks):
        tokens.extend((offset + a, offset + b, bits) for a, b, bits in alone[(part, ask)].tokens)
        offset += len(part) + 1
    return GivenSource(TokenScores(tuple(tokens)), TokenScores(tuple((a, b, 0.0) for a, b, _ in tokens)))


def _readings(document: Document) -> list[tuple[_Side, _Side]]:
    """The pairs with both sides, as (source, target) sides."""
    sides = []
    source_texts = segment_texts(document.source, document.source_segments)
    target_texts = segment_texts(document.target, document.target_segments)
    for pair in document.pairs:
        if pair.source and pair.target:
            sides.append(
                (
                    _side(pair.source, source_texts, document.source_segments),
                    _side(pair.target, target_texts, document.target_segments),
                )
            )
    return sides


def _side(indices: tuple[int, ...], texts: list[str], segments: Sequence[Segment]) -> _Side:
    return _Side(indices, tuple(texts[i] for i in indices), {i: segments[i].start for i in indices})


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


def pair_given_source(signals: Signals, pair: Pair) -> tuple[float | None, int]:
    """Mean bits per target token once the model has read the pair's source, and how many tokens."""
    if not signals.target_given_source:
        return None, 0
    tokens = [signals.target_given_source[j] for j in pair.target]
    bits = mean_bits(tokens)
    return (round(bits, 4) if bits is not None else None), sum(len(t) for t in tokens)


def pair_fluency_and_contrast(signals: Signals, pair: Pair) -> tuple[float | None, float | None]:
    """Fluency of the target side, and how many bits/token less likely it is than its source."""
    target = mean_bits([signals.target_surprisals[j] for j in pair.target])
    source = mean_bits([signals.source_surprisals[i] for i in pair.source])
    contrast = round(target - source, 4) if target is not None and source is not None else None
    return fluency(target), contrast
