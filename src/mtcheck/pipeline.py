"""The stages wired together: segment, align, score, detect, judge.

Pure functions: texts and settings in, a ``Report`` out. Nothing here prints.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from mtcheck import __version__
from mtcheck.align import AlignParams, align
from mtcheck.checks import DocumentView, all_checks
from mtcheck.config import Config
from mtcheck.documents import parallel_document
from mtcheck.errors import InputError
from mtcheck.gate import judge
from mtcheck.io import PairRecord, group_documents
from mtcheck.metrics import sacrebleu_signature, score_pairs
from mtcheck.quality import mqm_penalty, quality
from mtcheck.segment import SEGMENTER_VERSION, segment
from mtcheck.types import Document, Finding, Pair, Report, Scores, Text

ALIGN_PARAMS = AlignParams()


def compare_texts(source: Text, target: Text, config: Config, doc_id: str | None = None) -> Document:
    """One article against its source: segment, align, then evaluate."""
    source_segments = segment(source.text)
    target_segments = segment(target.text)
    beads = align(
        [source.text[s.start : s.end] for s in source_segments],
        [target.text[s.start : s.end] for s in target_segments],
        ALIGN_PARAMS,
    )
    pairs = tuple(Pair(index, src, tgt) for index, (src, tgt) in enumerate(beads))
    document = Document(
        doc_id or target.path or "document", source, target, source_segments, target_segments, pairs
    )
    return evaluate(document, config)


def compare_records(records: Sequence[PairRecord], config: Config, default_id: str) -> list[Document]:
    """Pre-aligned pairs: no segmentation, no alignment; one document per ``doc``."""
    documents = []
    for doc_id, members in group_documents(records, default_id):
        document = parallel_document(
            doc_id,
            [record.source for record in members],
            [record.target for record in members],
            pair_ids=[record.id for record in members],
        )
        documents.append(evaluate(document, config))
    return documents


def evaluate(document: Document, config: Config) -> Document:
    """Score every pair, run the checks, then derive quality."""
    view = DocumentView(document)
    sides = [(pv.source.empty or pv.target.empty, _joined(pv.source), _joined(pv.target)) for pv in view.pairs]
    lexical, corpus = score_pairs([t for _, _, t in sides], [s for _, s, _ in sides])
    findings = detect(view, config)
    by_pair: dict[int, list[Finding]] = {}
    for finding in findings:
        by_pair.setdefault(finding.pair, []).append(finding)
    pairs = []
    for pair, (empty, _, target), scores in zip(document.pairs, sides, lexical):
        penalty = mqm_penalty(by_pair.get(pair.index, ()), target)
        pair_quality = quality(scores.chrf, penalty, empty_side=empty)
        pairs.append(replace(pair, scores=Scores(scores.chrf, scores.bleu, scores.ter, quality=pair_quality)))
    penalty = mqm_penalty(findings, document.target.text)
    doc_scores = Scores(
        corpus.chrf, corpus.bleu, corpus.ter, mqm_penalty=penalty, quality=quality(corpus.chrf, penalty)
    )
    return replace(document, pairs=tuple(pairs), findings=tuple(findings), scores=doc_scores)


def detect(view: DocumentView, config: Config) -> list[Finding]:
    findings: list[Finding] = []
    for check_class in selected_checks(config):
        findings.extend(check_class().run(view))
    return sorted(findings, key=_position)


def selected_checks(config: Config) -> list[type]:
    registry = all_checks()
    for name in (config.checks or ()) + config.skip_checks:
        if name not in registry:
            raise InputError(f"unknown check '{name}' (known: {', '.join(sorted(registry))})")
    names = config.checks if config.checks is not None else tuple(registry)
    return [registry[name] for name in names if name not in config.skip_checks]


def build_report(documents: Sequence[Document], config: Config, *, pre_aligned: bool = False) -> Report:
    return Report(tuple(documents), signature(pre_aligned), judge(documents, config))


def signature(pre_aligned: bool = False) -> str:
    seg = "given" if pre_aligned else SEGMENTER_VERSION
    aligner = "given" if pre_aligned else ALIGN_PARAMS.signature()
    return f"mtcheck:{__version__}|seg:{seg}|align:{aligner}|lm:none|emb:none|chrf:{sacrebleu_signature()}"


def _joined(side) -> str:
    return " ".join(text for _, text in side.segment_texts())


def _position(finding: Finding) -> tuple[int, int, int]:
    span = finding.target_span or finding.source_span
    return (finding.pair if finding.pair is not None else -1, span.start if span else -1, span.end if span else -1)
