"""The stages wired together: read, segment, align, score, analyse, detect, grade, gate.

Segment and align are here, with the model signals (embed, read) that the
aligner and the scores use; scoring.py, analyses/, grading.py and gate.py
hold the later stages.

Pure functions: texts and settings in, a ``Report`` out. Nothing here prints.
With ``Config.models`` off, the embed and signal stages are skipped.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from typing import Callable, Sequence

from mtcheck import __version__
from mtcheck.align import AlignParams, align
from mtcheck.analyses import analysed_view
from mtcheck.checks import DocumentView, all_checks
from mtcheck.checks.base import Check
from mtcheck.config import Config
from mtcheck.segment.documents import SegmentTexts, parallel_document
from mtcheck.errors import InputError
from mtcheck.report.finding_ids import stable_ids
from mtcheck.segment.folding import fold_ends, fold_repeats, split_at_folds
from mtcheck.gate.article import combined, document_gate, verdict_signature
from mtcheck.grade.grading import LearnedQuality, grade
from mtcheck.score.heap import return_free_memory
from mtcheck.read.pairs import PairRecord
from mtcheck.grade.judge import judge_model, listing_threshold
from mtcheck.grade.judge.judging import CHECK as LEARNED_CHECK
from mtcheck.grade.judge.judging import DEFAULT_CATEGORY as LEARNED_CATEGORY
from mtcheck.grade.judge.judging import NEEDS as JUDGE_NEEDS
from mtcheck.grade.judge.judging import SUMMARY as LEARNED_SUMMARY
from mtcheck.grade.judge.judging import judged
from mtcheck.grade.quality_v3 import pair_findings_weights
from mtcheck.read.text import shown
from mtcheck.read.pairs import group_documents
from mtcheck.grade.merging import folded_repeats, merged
from mtcheck.segment.language import LanguageIdParams, checked_source
from mtcheck.metrics import sacrebleu_signature
from mtcheck.models.signals import analyse, embed
from mtcheck.params import changed, shown_value
from mtcheck.score.scoring import score
from mtcheck.segment.sentences import SEGMENTER_VERSION, segment
from mtcheck.types import CheckInfo, Document, Finding, Pair, Report, SegmentKind, Severity, Text
from mtcheck.report.verdicts import Verdict, fingerprint, latest_verdicts, with_verdicts

ALIGN_PARAMS = AlignParams()
ALIGN_PARAMS_WITH_EMBEDDINGS = AlignParams(embedding_weight=1.0)
FOLDS_REPORTED_BY = "mass-duplication"
NEVER_FOLDED = 2**62


def compare_texts(source: Text, target: Text, config: Config, doc_id: str | None = None,
                  progress: Progress = None) -> Document:
    """One article against its source: segment, model signals, align, then evaluate. ``progress``, where
    given, is told the name of each stage as it starts (the CLI shows it on a terminal; stages never print)."""
    # The aligned document is evaluate's alone: no frame here keeps it, so
    # each stage's predecessor is freed as the next replaces it (on a big
    # article every generation of pairs is tens of megabytes).
    document = aligned_document(source, target, config, doc_id, progress)
    _tell(progress, "checking")
    return evaluate(document, config)


Progress = Callable[[str], None] | None


def _tell(progress: Progress, stage: str) -> None:
    if progress is not None:
        progress(stage)


def aligned_document(source: Text, target: Text, config: Config, doc_id: str | None = None,
                     progress: Progress = None) -> Document:
    """Both articles segmented and aligned into pairs, with the model signals when models are on. A sentence
    repeated back to back many times is folded to one copy first (mtcheck.segment.folding): a loop of 200,000 copies
    costs what one does, and the mass-duplication check reports it from the text."""
    _tell(progress, "segmenting")
    fold_copies = _fold_copies(config)
    source_segments = fold_repeats(source.text, segment(source.text), fold_copies)
    name = shown(source.path) if source.path else "the source"
    source = checked_source(source, source_segments, allowed=config.allow_non_english_source, name=name,
                            params=language_params(config))
    target_segments = fold_repeats(target.text, segment(target.text), fold_copies)
    document = Document(doc_id or target.path or "document", source, target, source_segments, target_segments, ())
    params, vectors = ALIGN_PARAMS, None
    if config.models:
        _tell(progress, f"embedding {len(source_segments) + len(target_segments):,} sentences")
        (vectors,) = embed([document], config)
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
        (signals,) = analyse([document], config, [vectors])
        document = replace(document, signals=signals)
    return document


def _fold_copies(config: Config) -> int:
    """Back-to-back copies from which a run is folded to one (mtcheck.segment.folding): the mass-duplication check's
    setting, which reports the folds; with that check not selected, nothing is folded, as nothing would say so."""
    check = next((check for check in built_checks(config) if check.name == FOLDS_REPORTED_BY), None)
    return check.params.fold_copies if check is not None else NEVER_FOLDED


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
                                         name=f"the source of document {d.id!r}", params=language_params(config)))
        for d in documents
    ]
    if config.models:
        # One pass over all documents' segments keeps model batches full.
        documents = [replace(d, signals=s) for d, s in zip(documents, analyse(documents, config))]
    return [evaluate(document, config) for document in documents]


def language_params(config: Config) -> LanguageIdParams:
    """The language judgement's thresholds: the target-language check's, which the source's check shares."""
    return config.params_of("target-language") or LanguageIdParams()


def evaluate(document: Document, config: Config) -> Document:
    """The stages after alignment: score, analyse, detect, grade."""
    checks = built_checks(config)
    document = score(document)
    model = judge_model(config)
    view = analysed_view(document, checks, dict(config.check_params), also=JUDGE_NEEDS if model else ())
    learned = None
    if model is None:
        findings = detect(view, checks)
    else:
        # Confidences measured on human judgements, then the operating point decides what is listed;
        # quality v3 reads every finding, listed or not, each weighted by its confidence. The checks'
        # findings go in as an iterator, their only reference: judged lets each pair's go as it
        # replaces them, and a big article's findings are not held twice.
        models = document.signals is not None
        findings, stats = judged(view, iter(merged(detect(view, checks))), model, learned=learned_selected(config))
        weights = pair_findings_weights(findings, len(document.pairs))
        learned = LearnedQuality(model.variant(models), stats, models, weights)
        floor = listing_threshold(config, models=models)
        findings = [finding for finding in findings if finding.confidence >= floor]
    # The analyses (spikes, labelled insertions) are done with; on a big
    # article they are a good part of its memory.
    del view
    # Handed over, not passed: this frame keeps no reference, so grade can let each scored pair go as it
    # makes the graded one (compare_texts hands this function the aligned document the same way).
    handed = [document]
    del document
    return grade(handed.pop(), findings, learned)


def detect(view: DocumentView, checks: Sequence[Check]) -> list[Finding]:
    """Every finding of ``checks`` on an analysed view, in text order; one problem repeated many times is one
    finding with its count (merging.folded_repeats)."""
    findings: list[Finding] = []
    for check in checks:
        findings.extend(check.run(view))
    return folded_repeats(sorted(findings, key=_position))


@lru_cache(maxsize=8)
def built_checks(config: Config) -> tuple[Check, ...]:
    """The selected checks, each built once from its parameters in ``config``."""
    return tuple(check_class(config.params_of(check_class.name)) for check_class in selected_checks(config))


def selected_checks(config: Config) -> list[type]:
    registry = all_checks()
    known = set(registry) | {LEARNED_CHECK}
    for name in (config.checks or ()) + config.skip_checks:
        if name not in known:
            raise InputError(f"unknown check '{name}' (known: {', '.join(sorted(known))})")
    names = config.checks if config.checks is not None else tuple(registry)
    return [registry[name] for name in names if name in registry and name not in config.skip_checks]


def identified(document: Document, findings: list[Finding] | None = None) -> tuple[Finding, ...]:
    """The document's findings (or ``findings``, a list of them given up to this function) with their
    stable ids and fingerprints, each copied once (a big article's findings are some 100,000: a copy per
    field held three generations of them at the memory peak). ``findings`` is rewritten in place, so
    each finding the list alone held goes as its copy is made."""
    findings = list(document.findings) if findings is None else findings
    for k, id in enumerate(stable_ids(document.id, findings)):  # reads finding k before it is replaced
        findings[k] = replace(findings[k], id=id, fingerprint=fingerprint(findings[k], document))
    return tuple(findings)


def learned_selected(config: Config) -> bool:
    """The judge's own ``word-error`` findings are selected like a check's (``--checks``, ``--skip-checks``)."""
    return (config.checks is None or LEARNED_CHECK in config.checks) and LEARNED_CHECK not in config.skip_checks


def build_report(documents: Sequence[Document], config: Config, *, pre_aligned: bool = False,
                 verdicts: Sequence[Verdict] = (), handed: bool = False) -> Report:
    """The report of graded documents; their raw model signals stay behind, their signature goes in.
    ``verdicts``: editors' (mtcheck.report.verdicts), marked on the findings they name before the gate counts.
    ``handed``: ``documents`` is a list its caller gives up, emptied here as each document is finished,
    so that a big article's graded findings go as their finished copies are made (17 MB at 10 MB)."""
    if handed:
        documents.reverse()  # popped from the end, in order: no name here holds one while it is finished
        done = [finished(documents.pop()) for _ in range(len(documents))]
    else:
        done = [finished(d) for d in documents]
    return report_of(done, config, pre_aligned=pre_aligned, verdicts=verdicts)


def finished(document: Document) -> Document:
    """A graded document as reports keep it (and a batch stores it): stable finding ids and fingerprints,
    the models' signature instead of their raw outputs. Verdicts and gates are not in it: they change
    without the article being checked again."""
    findings = list(document.findings)
    models = document.signals.models if document.signals is not None else document.models
    # This frame lets the graded document go before the copies are made: where the caller handed over
    # its only reference (build_report, a batch worker), each graded finding goes as its copy is made.
    document = replace(document, findings=(), signals=None, models=models)
    return replace(document, findings=identified(document, findings))


def report_of(documents: Sequence[Document], config: Config, *, pre_aligned: bool = False,
              verdicts: Sequence[Verdict] = ()) -> Report:
    """The report of ``finished`` documents: editors' verdicts marked, each document gated and all of them."""
    standing = latest_verdicts(verdicts)
    documents = tuple(replace(d, findings=with_verdicts(d.findings, standing)) for d in documents)
    models = next((d.models for d in documents if d.models is not None), None)
    gates = tuple(document_gate(d, config) for d in documents)
    return Report(documents, signature(pre_aligned, models, config), combined(documents, gates), gates,
                  checks=check_infos(config))


def expected_signature(config: Config) -> str:
    """The signature a report of articles checked under ``config`` will have, known before any model loads."""
    from mtcheck.models.signals import models_signature

    return signature(False, models_signature(config) if config.models else None, config)


def check_infos(config: Config) -> tuple[CheckInfo, ...]:
    """The checks ``config`` runs, described (the learned layer's own findings last, when it lists any)."""
    infos = [CheckInfo(check.name, check.category, check.severity, check.summary())
             for check in selected_checks(config)]
    if judge_model(config) is not None and learned_selected(config):
        infos.append(CheckInfo(LEARNED_CHECK, LEARNED_CATEGORY, Severity.MINOR, LEARNED_SUMMARY))
    return tuple(infos)


def signature(pre_aligned: bool = False, models: str | None = None, config: Config | None = None) -> str:
    seg = "given" if pre_aligned else SEGMENTER_VERSION
    params = ALIGN_PARAMS_WITH_EMBEDDINGS if models else ALIGN_PARAMS
    aligner = "given" if pre_aligned else params.signature()
    return (
        f"mtcheck:{__version__}|seg:{seg}|align:{aligner}|{models or 'lm:none|emb:none'}"
        f"|chrf:{sacrebleu_signature()}{_judge_signature(config)}"
        f"{verdict_signature(config, models is not None) if config else ''}{_params_signature(config)}"
    )


def _judge_signature(config: Config | None) -> str:
    """``|judge:NAME@HASH|op:POINT`` (or ``|min-conf:X``): which learned layer, and what it lists."""
    model = judge_model(config) if config else None
    if model is None:
        return ""
    listing = f"min-conf:{config.min_confidence:g}" if config.min_confidence is not None else f"op:{config.operating_point}"
    return f"|{model.signature}|{listing}"


def _params_signature(config: Config | None) -> str:
    """``|params:NAME.param=VALUE,...`` for every parameter off its default; nothing when none is."""
    changes = [
        f"{name}.{param}={shown_value(value)}"
        for name, params in (config.check_params if config else ())
        for param, value in changed(params).items()
    ]
    return f"|params:{','.join(changes)}" if changes else ""


def _position(finding: Finding) -> tuple[int, int, int]:
    span = finding.target_span or finding.source_span
    return (finding.pair if finding.pair is not None else -1, span.start if span else -1, span.end if span else -1)
