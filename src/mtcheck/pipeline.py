"""The stages wired together: segment, embed, align, model signals, score, detect, judge.

Pure functions: texts and settings in, a ``Report`` out. Nothing here prints.
With ``Config.models`` off, the embed and signal stages are skipped.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from typing import Sequence

from mtcheck import __version__
from mtcheck.align import AlignParams, align
from mtcheck.analyses import analysed_view
from mtcheck.checks import DocumentView, all_checks
from mtcheck.checks.base import Check, pair_view_of
from mtcheck.config import Config
from mtcheck.documents import SegmentTexts, parallel_document
from mtcheck.errors import InputError
from mtcheck.finding_ids import with_stable_ids
from mtcheck.gate import judge
from mtcheck.heap import return_free_memory
from mtcheck.io import PairRecord, group_documents, shown
from mtcheck.language import checked_source
from mtcheck.metrics import sacrebleu_signature, score_pairs
from mtcheck.params import changed, shown_value
from mtcheck.models.signals import analyse, embed, pair_fluency_and_contrast, pair_given_source, pair_similarity
from mtcheck.quality import mqm_penalty, quality
from mtcheck.segment import SEGMENTER_VERSION, segment
from mtcheck.types import Document, Finding, Pair, Report, Scores, SegmentKind, Text

ALIGN_PARAMS = AlignParams()
ALIGN_PARAMS_WITH_EMBEDDINGS = AlignParams(embedding_weight=1.0)


def compare_texts(source: Text, target: Text, config: Config, doc_id: str | None = None) -> Document:
    """One article against its source: segment, model signals, align, then evaluate."""
    source_segments = segment(source.text)
    name = shown(source.path) if source.path else "the source"
    source = checked_source(source, source_segments, allowed=config.allow_non_english_source, name=name)
    target_segments = segment(target.text)
    document = Document(doc_id or target.path or "document", source, target, source_segments, target_segments, ())
    params, vectors = ALIGN_PARAMS, None
    if config.models:
        (vectors,) = embed([document], config)
        params = ALIGN_PARAMS_WITH_EMBEDDINGS
    headings = tuple(
        [s.kind is SegmentKind.HEADING for s in segments] for segments in (source_segments, target_segments)
    )
    beads = align(
        SegmentTexts(source, source_segments), SegmentTexts(target, target_segments), params, vectors, headings
    )
    pairs = tuple(Pair(index, src, tgt) for index, (src, tgt) in enumerate(beads))
    document = replace(document, pairs=pairs)
    return_free_memory()  # the aligner's features are gone: keep them out of the peak
    if config.models:
        (signals,) = analyse([document], config, [vectors])
        document = replace(document, signals=signals)
    return evaluate(document, config)


def compare_records(records: Sequence[PairRecord], config: Config, default_id: str) -> list[Document]:
    """Pre-aligned pairs: no segmentation, no alignment; one document per ``doc``."""
    documents = [
        parallel_document(
            doc_id,
            [record.source for record in members],
            [record.target for record in members],
            pair_ids=[record.id for record in members],
        )
        for doc_id, members in group_documents(records, default_id)
    ]
    documents = [
        replace(d, source=checked_source(d.source, d.source_segments, allowed=config.allow_non_english_source,
                                         name=f"the source of document {d.id!r}"))
        for d in documents
    ]
    if config.models:
        # One pass over all documents' segments keeps model batches full.
        documents = [replace(d, signals=s) for d, s in zip(documents, analyse(documents, config))]
    return [evaluate(document, config) for document in documents]


def evaluate(document: Document, config: Config) -> Document:
    """Score every pair, run the checks, then derive quality."""
    checks = built_checks(config)
    views = DocumentView(document).pairs
    # Joined on demand: a list of every pair's texts would copy the article twice.
    lexical, corpus = score_pairs(_JoinedSides(views, "target"), _JoinedSides(views, "source"))
    return_free_memory()  # and sacrebleu's n-gram caches
    view = analysed_view(document, checks)
    findings = detect(view, checks)
    # The analyses (spikes, labelled insertions) are done with; on a big
    # article they are a good part of its memory.
    del view
    by_pair: dict[int, list[Finding]] = {}
    for finding in findings:
        by_pair.setdefault(finding.pair, []).append(finding)
    pairs, readings = [], []
    for pair, scores in zip(document.pairs, lexical):
        pair_view = pair_view_of(document, pair)
        empty = pair_view.source.empty or pair_view.target.empty
        source, target = _joined(pair_view.source), _joined(pair_view.target)
        penalty = mqm_penalty(by_pair.get(pair.index, ()), target)
        semantic, tokens = _model_scores(document, pair)
        # An exact copy leaves nothing unexplained, whatever its reading costs.
        bits = 0.0 if source == target and semantic.get("given_source") is not None else semantic.get("given_source")
        readings.append((bits, tokens))
        pair_quality = quality(scores.chrf, penalty, bits_given_source=bits, tokens_read=tokens, empty_side=empty)
        pairs.append(replace(pair, scores=Scores(scores.chrf, scores.bleu, scores.ter, quality=pair_quality, **semantic)))
    penalty = mqm_penalty(findings, document.target.text)
    read = [(bits, tokens) for bits, tokens in readings if bits is not None and tokens]
    tokens_read = sum(tokens for _, tokens in read)
    bits = sum(b * n for b, n in read) / tokens_read if tokens_read else None
    doc_quality = quality(corpus.chrf, penalty, bits_given_source=bits, tokens_read=tokens_read)
    doc_scores = Scores(
        corpus.chrf,
        corpus.bleu,
        corpus.ter,
        mqm_penalty=penalty,
        quality=doc_quality,
        **_document_model_scores(document, pairs),
    )
    return replace(document, pairs=tuple(pairs), findings=tuple(findings), scores=doc_scores)


def _model_scores(document: Document, pair: Pair) -> tuple[dict[str, float | None], int]:
    """The pair's model scores, and how many target tokens were read after the source."""
    if document.signals is None:
        return {}, 0
    fluency, contrast = pair_fluency_and_contrast(document.signals, pair)
    given_source, tokens = pair_given_source(document.signals, pair)
    scores = {
        "similarity": pair_similarity(document.signals, pair),
        "fluency": fluency,
        "contrast": contrast,
        "given_source": given_source,
    }
    return scores, tokens


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
    given_source, _ = pair_given_source(document.signals, whole)
    return {"similarity": similarity, "fluency": fluency, "contrast": contrast, "given_source": given_source}


def detect(view: DocumentView, checks: Sequence[Check]) -> list[Finding]:
    """Every finding of ``checks`` on an analysed view, in text order."""
    findings: list[Finding] = []
    for check in checks:
        findings.extend(check.run(view))
    return sorted(findings, key=_position)


@lru_cache(maxsize=8)
def built_checks(config: Config) -> tuple[Check, ...]:
    """The selected checks, each built once from its parameters in ``config``."""
    return tuple(check_class(config.params_of(check_class.name)) for check_class in selected_checks(config))


def selected_checks(config: Config) -> list[type]:
    registry = all_checks()
    for name in (config.checks or ()) + config.skip_checks:
        if name not in registry:
            raise InputError(f"unknown check '{name}' (known: {', '.join(sorted(registry))})")
    names = config.checks if config.checks is not None else tuple(registry)
    return [registry[name] for name in names if name not in config.skip_checks]


def build_report(documents: Sequence[Document], config: Config, *, pre_aligned: bool = False) -> Report:
    models = next((d.signals.models for d in documents if d.signals is not None), None)
    documents = tuple(replace(d, findings=with_stable_ids(d.id, d.findings)) for d in documents)
    return Report(documents, signature(pre_aligned, models, config), judge(documents, config))


def signature(pre_aligned: bool = False, models: str | None = None, config: Config | None = None) -> str:
    seg = "given" if pre_aligned else SEGMENTER_VERSION
    params = ALIGN_PARAMS_WITH_EMBEDDINGS if models else ALIGN_PARAMS
    aligner = "given" if pre_aligned else params.signature()
    return (
        f"mtcheck:{__version__}|seg:{seg}|align:{aligner}|{models or 'lm:none|emb:none'}"
        f"|chrf:{sacrebleu_signature()}{_params_signature(config)}"
    )


def _params_signature(config: Config | None) -> str:
    """``|params:NAME.param=VALUE,...`` for every parameter off its default; nothing when none is."""
    changes = [
        f"{name}.{param}={shown_value(value)}"
        for name, params in (config.check_params if config else ())
        for param, value in changed(params).items()
    ]
    return f"|params:{','.join(changes)}" if changes else ""


def _joined(side) -> str:
    return " ".join(text for _, text in side.segment_texts())


class _JoinedSides(Sequence[str]):
    """One side of every pair, as the text the metrics score, joined when asked for."""

    def __init__(self, views, side: str):
        self._views = views
        self._side = side

    def __len__(self) -> int:
        return len(self._views)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [_joined(getattr(view, self._side)) for view in self._views[index]]
        return _joined(getattr(self._views[index], self._side))


def _position(finding: Finding) -> tuple[int, int, int]:
    span = finding.target_span or finding.source_span
    return (finding.pair if finding.pair is not None else -1, span.start if span else -1, span.end if span else -1)
