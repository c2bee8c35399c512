"""The ``mtcheck.report/1`` JSON contract (../shared/DESIGN.md section 3).

Other tools parse this: keys and their order only ever grow, never change.
"""

from __future__ import annotations

import json
from typing import Any

from mtcheck import __version__
from mtcheck.types import Document, Finding, Pair, Report, Scores, Segment, Span, Text

SCHEMA = "mtcheck.report/1"
PAIR_SCORE_KEYS = ("chrf", "bleu", "ter", "similarity", "fluency", "quality")
DOCUMENT_SCORE_KEYS = ("chrf", "bleu", "ter", "similarity", "fluency", "mqm_penalty", "quality")


def report_to_dict(report: Report) -> dict[str, Any]:
    ids = finding_ids(report)
    return {
        "schema": SCHEMA,
        "mtcheck_version": __version__,
        "signature": report.signature,
        "documents": [_document(doc, ids) for doc in report.documents],
        "gate": {"passed": report.gate.passed, "reasons": list(report.gate.reasons)},
    }


def render_json(report: Report) -> str:
    return json.dumps(report_to_dict(report), ensure_ascii=False, indent=2) + "\n"


def finding_ids(report: Report) -> dict[int, str]:
    """Report-wide ids F1, F2, … keyed by ``id()`` of each finding, in order."""
    ids: dict[int, str] = {}
    for document in report.documents:
        for finding in document.findings:
            ids[id(finding)] = f"F{len(ids) + 1}"
    return ids


def _document(doc: Document, ids: dict[int, str]) -> dict[str, Any]:
    return {
        "id": doc.id,
        "source": _text(doc.source),
        "target": _text(doc.target),
        "source_segments": [_segment(s) for s in doc.source_segments],
        "target_segments": [_segment(s) for s in doc.target_segments],
        "pairs": [_pair(p) for p in doc.pairs],
        "findings": [_finding(f, ids[id(f)]) for f in doc.findings],
        "scores": _scores(doc.scores, DOCUMENT_SCORE_KEYS),
    }


def _text(text: Text) -> dict[str, Any]:
    return {"text": text.text, "lang": text.lang, "path": text.path}


def _segment(segment: Segment) -> dict[str, int]:
    return {"index": segment.index, "start": segment.start, "end": segment.end}


def _pair(pair: Pair) -> dict[str, Any]:
    return {
        "index": pair.index,
        "id": pair.id,
        "source": list(pair.source),
        "target": list(pair.target),
        "kind": pair.kind,
        "scores": _scores(pair.scores, PAIR_SCORE_KEYS),
    }


def _scores(scores: Scores | None, keys: tuple[str, ...]) -> dict[str, float | None]:
    return {key: getattr(scores, key) if scores else None for key in keys}


def _span(span: Span | None) -> dict[str, Any] | None:
    return None if span is None else {"start": span.start, "end": span.end, "text": span.text}


def _finding(finding: Finding, finding_id: str) -> dict[str, Any]:
    return {
        "id": finding_id,
        "check": finding.check,
        "category": finding.category,
        "severity": finding.severity.value,
        "pair": finding.pair,
        "target_span": _span(finding.target_span),
        "source_span": _span(finding.source_span),
        "message": finding.message,
        "confidence": round(finding.confidence, 3),
    }
