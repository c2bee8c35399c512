"""The score stage: every pair's and the document's metric and model scores, before any check runs.

sacrebleu's chrF, BLEU and TER (the source side as the reference) and, with
the models, embedding similarity, fluency, contrast and bits given the
source. Checks read these from ``pair.scores`` instead of recomputing them
from the raw model signals; quality, which needs the findings, is left for
the grade stage (mtcheck.grade.grading).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from mtcheck.score.heap import return_free_memory
from mtcheck.metrics import score_pairs
from mtcheck.models.signals import pair_fluency_and_contrast, pair_given_source, pair_similarity
from mtcheck.types import Document, Pair, Scores
from mtcheck.views import DocumentView


def score(document: Document) -> Document:
    """``document`` with scores on every pair and on the whole; no quality yet."""
    views = DocumentView(document).pairs
    # Joined on demand: a list of every pair's texts would copy the article twice.
    lexical, corpus = score_pairs(_JoinedSides(views, "target"), _JoinedSides(views, "source"))
    return_free_memory()  # sacrebleu's n-gram caches
    pairs = tuple(
        replace(pair, scores=Scores(scores.chrf, scores.bleu, scores.ter, **_model_scores(document, pair)))
        for pair, scores in zip(document.pairs, lexical)
    )
    whole = Scores(corpus.chrf, corpus.bleu, corpus.ter, **_document_model_scores(document, pairs))
    return replace(document, pairs=pairs, scores=whole)


def joined(side) -> str:
    """A pair side's segments as the metrics read them: joined by spaces."""
    return " ".join(text for _, text in side.segment_texts())


def _model_scores(document: Document, pair: Pair) -> dict[str, float | int | None]:
    if document.signals is None:
        return {}
    fluency, contrast = pair_fluency_and_contrast(document.signals, pair)
    given_source, tokens = pair_given_source(document.signals, pair)
    return {
        "similarity": pair_similarity(document.signals, pair),
        "fluency": fluency,
        "contrast": contrast,
        "given_source": given_source,
        "given_source_tokens": tokens,
    }


def _document_model_scores(document: Document, pairs: Sequence[Pair]) -> dict[str, float | None]:
    """Similarity weighted by pair length; fluency, contrast and bits given source over all tokens."""
    if document.signals is None:
        return {}
    whole = Pair(-1, tuple(range(len(document.source_segments))), tuple(range(len(document.target_segments))))
    fluency, contrast = pair_fluency_and_contrast(document.signals, whole)
    weighted = [
        (p.scores.similarity, sum(document.target_segments[j].end - document.target_segments[j].start for j in p.target))
        for p in pairs
        if p.scores.similarity is not None
    ]
    total = sum(weight for _, weight in weighted)
    similarity = round(sum(s * w for s, w in weighted) / total, 4) if total else None
    given_source, tokens = pair_given_source(document.signals, whole)
    return {"similarity": similarity, "fluency": fluency, "contrast": contrast, "given_source": given_source,
            "given_source_tokens": tokens}


class _JoinedSides(Sequence[str]):
    """One side of every pair, as the text the metrics score, joined when asked for."""

    def __init__(self, views, side: str):
        self._views = views
        self._side = side

    def __len__(self) -> int:
        return len(self._views)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [joined(getattr(view, self._side)) for view in self._views[index]]
        return joined(getattr(self._views[index], self._side))
