"""The stages wired together: read, segment, align, score, analyse, detect, grade, gate.

``Config`` is resolved once per call into a ``Plan`` (the built checks, the
judge, the models' engine), which the stages take; segment and align are
here, with the model signals (embed, read) that the aligner and the scores
use; score/, analyses/, checks/ and grade/ hold the later stages, and
report.build the report and its gate.

Pure functions: texts and settings in, a ``Report`` out. Nothing here prints.
With ``Config.models`` off, the embed and signal stages are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Sequence

from mtcheck.align import align
from mtcheck.analyses import analysed_view
from mtcheck.checks import Check, detect
from mtcheck.config import Config
from mtcheck.grade import grade
from mtcheck.grade.grading import LearnedQuality
from mtcheck.grade.judge import judge_model, learned_selected, listing_threshold, selected_checks
from mtcheck.grade.judge.judging import NEEDS as JUDGE_NEEDS
from mtcheck.grade.judge.judging import judged
from mtcheck.grade.judge.model import JudgeModel
from mtcheck.grade.merging import merged
from mtcheck.grade.quality_v3 import pair_findings_weights
from mtcheck.handover import Handover
from mtcheck.models.engine import Engine
from mtcheck.models.signals import embed, read_signals
from mtcheck.read.pairs import PairRecord, group_documents
from mtcheck.read.text import shown
from mtcheck.report.build import ALIGN_PARAMS, ALIGN_PARAMS_WITH_EMBEDDINGS
from mtcheck.score import score
from mtcheck.score.heap import return_free_memory
from mtcheck.segment import segment
from mtcheck.segment.documents import SegmentTexts, parallel_document
from mtcheck.segment.folding import fold_ends, fold_repeats, split_at_folds
from mtcheck.segment.language import LanguageIdParams, checked_source
from mtcheck.types import Document, Pair, SegmentKind, Text

FOLDS_REPORTED_BY = "mass-duplication"
NEVER_FOLDED = 2**62


@dataclass(frozen=True)
class Plan:
    """A run's settings resolved once into what the stages take: the built checks, the judge, the engine."""

    config: Config
    checks: tuple[Check, ...]
    judge: JudgeModel | None
    engine: Engine

    @classmethod
    def of(cls, config: Config) -> Plan:
        return cls(config, built_checks(config), judge_model(config), config.model_engine())


def compare_texts(source: Text, target: Text, config: Config, doc_id: str | None = None,
                  progress: Progress = None) -> Document:
    """One article against its source: segment, model signals, align, then evaluate. ``progress``, where
    given, is told the name of each stage as it starts (the CLI shows it on a terminal; stages never print)."""
    plan = Plan.of(config)
    # The aligned document is evaluate's alone (mtcheck.handover): each stage's predecessor is freed as
    # the next replaces it (on a big article every generation of pairs is tens of megabytes).
    box = Handover(_aligned(source, target, plan, doc_id, progress))
    _tell(progress, "checking")
    return _evaluate(box, plan)


Progress = Callable[[str], None] | None


def _tell(progress: Progress, stage: str) -> None:
    if progress is not None:
        progress(stage)


def aligned_document(source: Text, target: Text, config: Config, doc_id: str | None = None,
                     progress: Progress = None) -> Document:
    """Both articles segmented and aligned into pairs, with the model signals when models are on."""
    return _aligned(source, target, Plan.of(config), doc_id, progress)


def _aligned(source: Text, target: Text, plan: Plan, doc_id: str | None, progress: Progress) -> Document:
    """A sentence repeated back to back many times is folded to one copy first (mtcheck.segment.folding):
    a loop of 200,000 copies costs what one does, and the mass-duplication check reports it from the text."""
    config = plan.config
    _tell(progress, "segmenting")
    fold_copies = _fold_copies(plan.checks)
    source_segments = fold_repeats(source.text, segment(source.text), fold_copies)
    name = shown(source.path) if source.path else "the source"
    source = checked_source(source, source_segments, allowed=config.allow_non_english_source, name=name,
                            params=language_params(config))
    target_segments = fold_repeats(target.text, segment(target.text), fold_copies)
    document = Document(doc_id or target.path or "document", source, target, source_segments, target_segments, ())
    params, vectors = ALIGN_PARAMS, None
    if config.models:
        _tell(progress, f"embedding {len(source_segments) + len(target_segments):,} sentences")
        (vectors,) = embed([document], plan.engine)
        params = ALIGN_PARAMS_WITH_EMBEDDINGS
    headings = tuple(
        [s.kind is SegmentKind.HEADING for s in segments] for segments in (source_segments, target_segments)
    )
    _tell(progress, "aligning")
    beads = align(
        SegmentTexts(source, source_segments), SegmentTexts(target, target_segments), params, vectors, headings
    )
    beads = split_at_folds(beads, fold_ends(source.text, source_segments), fold_ends(target.text, target_segments))
    del headings
    document = replace(document, pairs=tuple(Pair(index, src, tgt) for index, (src, tgt) in enumerate(beads)))
    del beads
    return_free_memory()  # the aligner's features are gone: keep them out of the peak
    if config.models:
        _tell(progress, f"reading {len(document.pairs):,} pairs with the language model")
        (signals,) = read_signals([document], plan.engine, [vectors])
        document = replace(document, signals=signals)
    return document


def _fold_copies(checks: Sequence[Check]) -> int:
    """Back-to-back copies from which a run is folded to one (mtcheck.segment.folding): the mass-duplication
    check's setting, which reports the folds; with that check not selected, nothing is folded, as nothing
    would say so."""
    check = next((check for check in checks if check.name == FOLDS_REPORTED_BY), None)
    return check.params.fold_copies if check is not None else NEVER_FOLDED


def compare_records(records: Sequence[PairRecord], config: Config, default_id: str) -> list[Document]:
    """Pre-aligned pairs: no segmentation, no alignment; one document per ``doc``."""
    plan = Plan.of(config)
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
                                         name=f"the source of document {d.id!r}", params=language_params(config)))
        for d in documents
    ]
    if config.models:
        # One pass over all documents' segments keeps model batches full.
        documents = [replace(d, signals=s) for d, s in zip(documents, read_signals(documents, plan.engine))]
    return [_evaluate(Handover(document), plan) for document in documents]


def language_params(config: Config) -> LanguageIdParams:
    """The language judgement's thresholds: the target-language check's, which the source's check shares."""
    return config.params_of("target-language") or LanguageIdParams()


def evaluate(document: Document, config: Config) -> Document:
    """The stages after alignment: score, analyse, detect, grade."""
    return _evaluate(Handover(document), Plan.of(config))


def _evaluate(aligned: Handover[Document], plan: Plan) -> Document:
    config, checks, model = plan.config, plan.checks, plan.judge
    document = score(aligned.take())
    view = analysed_view(document, checks, dict(config.check_params), also=JUDGE_NEEDS if model else ())
    # One finding per error (mtcheck.grade.merging), whether or not the judge then measures them. The
    # checks' findings go to the judge as an iterator, their only reference: judged lets each pair's go
    # as it replaces them, and a big article's findings are not held twice.
    findings = merged(detect(view, checks))
    learned = None
    if model is not None:
        # Confidences measured on human judgements, then the operating point decides what is listed;
        # quality v3 reads every finding, listed or not, each weighted by its confidence.
        models = document.signals is not None
        box = Handover(findings)
        del findings
        findings, stats = judged(view, iter(box.take()), model, learned=learned_selected(config))
        weights = pair_findings_weights(findings, len(document.pairs))
        learned = LearnedQuality(model.variant(models), stats, models, weights)
        floor = listing_threshold(config, models=models)
        findings = [finding for finding in findings if finding.confidence >= floor]
    # The analyses (spikes, labelled insertions) are done with; on a big
    # article they are a good part of its memory.
    del view
    # Handed over: grade lets each scored pair go as it makes the graded one.
    box = Handover(document)
    del document
    return grade(box.take(), findings, learned)


def built_checks(config: Config) -> tuple[Check, ...]:
    """The selected checks, each built from its parameters in ``config`` (26 us for all of them)."""
    return tuple(check_class(config.params_of(check_class.name)) for check_class in selected_checks(config))


