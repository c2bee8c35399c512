"""A checked document as plain JSON and back, exactly: what the batch store keeps and worker processes send.

Not the report contract (report/json.py): that one is for other tools and
leaves out what only mtcheck needs to render a document again (segment
kinds and paragraphs, every score, the text's decoding). This one keeps every
field, so that a document read back from the store renders to the very same
report as the one just checked, and it is JSON, never pickle: a store is data
that a later mtcheck version, or another process, reads without running code.
"""

from __future__ import annotations

import json
from dataclasses import fields
from typing import Any

from mtcheck.types import Decoding, Document, Finding, Pair, Scores, Segment, SegmentKind, Severity, Span, Text

VERSION = 1
_SCORE_FIELDS = tuple(f.name for f in fields(Scores))


def dump_document(document: Document) -> str:
    """One line of JSON; ``document.signals`` (the raw model outputs) is not kept."""
    return json.dumps(
        {
            "v": VERSION,
            "id": document.id,
            "source": _text(document.source),
            "target": _text(document.target),
            "source_segments": [_segment(s) for s in document.source_segments],
            "target_segments": [_segment(s) for s in document.target_segments],
            "pairs": [[p.index, list(p.source), list(p.target), p.id, _scores(p.scores)] for p in document.pairs],
            "findings": [_finding(f) for f in document.findings],
            "scores": _scores(document.scores),
            "models": document.models,
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


def load_document(line: str) -> Document:
    data = json.loads(line)
    if data.get("v") != VERSION:
        raise ValueError(f"stored document version {data.get('v')!r}, expected {VERSION}")
    source, target = _read_text(data["source"]), _read_text(data["target"])
    return Document(
        id=data["id"],
        source=source,
        target=target,
        source_segments=tuple(_read_segment(s) for s in data["source_segments"]),
        target_segments=tuple(_read_segment(s) for s in data["target_segments"]),
        pairs=tuple(Pair(i, tuple(s), tuple(t), pid, _read_scores(sc)) for i, s, t, pid, sc in data["pairs"]),
        findings=tuple(_read_finding(f, source.text, target.text) for f in data["findings"]),
        scores=_read_scores(data["scores"]),
        models=data["models"],
    )


def _text(text: Text) -> dict[str, Any]:
    decoding = None if text.decoding is None else [text.decoding.encoding, [list(r) for r in text.decoding.replaced]]
    return {"text": text.text, "lang": text.lang, "path": text.path, "decoding": decoding}


def _read_text(data: dict[str, Any]) -> Text:
    decoding = data["decoding"]
    if decoding is not None:
        decoding = Decoding(decoding[0], tuple(tuple(r) for r in decoding[1]))
    return Text(data["text"], data["lang"], data["path"], decoding)


def _segment(segment: Segment) -> list[Any]:
    return [segment.index, segment.start, segment.end, segment.kind.value, segment.paragraph]


def _read_segment(data: list[Any]) -> Segment:
    index, start, end, kind, paragraph = data
    return Segment(index, start, end, SegmentKind(kind), paragraph)


def _scores(scores: Scores | None) -> list[Any] | None:
    return None if scores is None else [getattr(scores, name) for name in _SCORE_FIELDS]


def _read_scores(data: list[Any] | None) -> Scores | None:
    return None if data is None else Scores(**dict(zip(_SCORE_FIELDS, data)))


def _finding(finding: Finding) -> dict[str, Any]:
    data = {f.name: getattr(finding, f.name) for f in fields(Finding)}
    data["severity"] = finding.severity.value
    data["target_span"] = _span(finding.target_span)
    data["source_span"] = _span(finding.source_span)
    # Evidence values are numbers, strings or tuples of them; JSON gives the tuples back as lists.
    data["evidence"] = [[name, list(value) if isinstance(value, tuple) else value] for name, value in finding.evidence]
    data["also"] = list(finding.also)
    return data


def _read_finding(data: dict[str, Any], source: str, target: str) -> Finding:
    values = dict(data)
    values["severity"] = Severity(data["severity"])
    # Spans slice the document's own texts again, as the pipeline's do (Span.of), rather than holding copies.
    values["target_span"] = _read_span(data["target_span"], target)
    values["source_span"] = _read_span(data["source_span"], source)
    values["evidence"] = tuple((name, tuple(value) if isinstance(value, list) else value)
                               for name, value in data["evidence"])
    values["also"] = tuple(data["also"])
    return Finding(**values)


def _span(span: Span | None) -> list[int] | None:
    return None if span is None else [span.start, span.end]


def _read_span(data: list[int] | None, text: str) -> Span | None:
    return None if data is None else Span.of(text, data[0], data[1])
