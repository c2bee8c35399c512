"""The ``mtcheck.report/1`` JSON contract (docs/report-format.md).

Other tools parse this: keys and their order only ever grow, never change.
"""

from __future__ import annotations

import json
import re
from types import GeneratorType
from typing import Any, Iterable, Iterator

from mtcheck import __version__
from mtcheck.report.inert import CONTROLS
from mtcheck.types import ArticleError, Document, Finding, Gate, Pair, Report, Scores, Segment, Span, Text

SCHEMA = "mtcheck.report/1"
PAIR_SCORE_KEYS = ("chrf", "bleu", "ter", "similarity", "fluency", "quality")
DOCUMENT_SCORE_KEYS = (
    "chrf", "bleu", "ter", "similarity", "fluency", "mqm_penalty", "quality", "target_coverage", "source_coverage",
    "expected_penalty",
)


def report_to_dict(report: Report) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "mtcheck_version": __version__,
        "signature": report.signature,
        "documents": [_plain(_document(doc, gate)) for doc, gate in zip(report.documents, report.gates())],
        "gate": _gate(report.gate),
        "errors": [_article_error(error) for error in report.errors],
    }


def render_json(report: Report) -> str:
    return "".join(iter_json(report))


def iter_json(report: Report) -> Iterator[str]:
    """The report as ``json.dumps(report_to_dict(report), indent=2)`` gives it, in pieces.

    A 10 MB article has some 150,000 segments and 50,000 findings; a dict of
    them all and then one string of it took 600 MB. Here each segment, pair
    and finding is encoded on its own and yielded, so memory stays at one
    item, and the text is byte for byte the one-shot encoding.
    """
    fields: list[tuple[str, Any]] = [
        ("schema", SCHEMA),
        ("mtcheck_version", __version__),
        ("signature", report.signature),
        ("documents", (_document(doc, gate) for doc, gate in zip(report.documents, report.gates()))),
        ("gate", _gate(report.gate)),
        # A batch's articles that could not be checked (the contract only grows: a new last key).
        ("errors", [_article_error(error) for error in report.errors]),
    ]
    yield from _object(fields, 0)
    yield "\n"


def iter_jsonl(report: Report) -> Iterator[str]:
    """One line per document, in order: ``{"schema", "mtcheck_version", "signature", "document", "gate"}``,
    the document as in the JSON report and the gate its own; each line compact, controls escaped as above."""
    for document, gate in zip(report.documents, report.gates()):
        yield jsonl_line(report.signature, document, gate)
    for error in report.errors:
        yield jsonl_line(report.signature, error=error)


def jsonl_line(signature: str, document: Document | None = None, gate: Gate | None = None,
               error: ArticleError | None = None) -> str:
    """One JSONL line: a checked document with its gate, or (a batch's) errored article, whose line has
    ``"document": null, "gate": null`` and a last key ``"error": {"id", "reason", "source", "target"}``."""
    line = {"schema": SCHEMA, "mtcheck_version": __version__, "signature": signature,
            "document": None if document is None else _plain(_document(document, gate)),
            "gate": None if gate is None else _gate(gate)}
    if error is not None:
        line["error"] = _article_error(error)
    text = json.dumps(line, ensure_ascii=False, separators=(",", ":"))
    return inert_json(text) + "\n"


def _object(fields: Iterable[tuple[str, Any]], depth: int) -> Iterator[str]:
    inner = "\n" + _INDENT * (depth + 1)
    opened = False
    for key, value in fields:
        yield ("{" if not opened else ",") + inner + _encode(key, depth + 1) + ": "
        opened = True
        yield from _value(value, depth + 1)
    yield ("\n" + _INDENT * depth + "}") if opened else "{}"


def _array(items: Iterable[Any], depth: int) -> Iterator[str]:
    inner = "\n" + _INDENT * (depth + 1)
    opened = False
    for item in items:
        yield ("[" if not opened else ",") + inner
        opened = True
        yield from _value(item, depth + 1)
    yield ("\n" + _INDENT * depth + "]") if opened else "[]"


def _value(value: Any, depth: int) -> Iterator[str]:
    # Lazy parts (_Fields, _Items, generators) and long strings (the article
    # texts) are written piece by piece; everything else is small and encoded whole.
    if isinstance(value, _Fields):
        yield from _object(value.items, depth)
    elif isinstance(value, (_Items, GeneratorType)):
        yield from _array(value, depth)
    elif isinstance(value, str) and len(value) > _STRING_PIECE:
        # JSON escapes character by character, so the escaped pieces of a
        # string, unquoted, join to the escaped string.
        yield '"'
        for start in range(0, len(value), _STRING_PIECE):
            yield _encode(value[start : start + _STRING_PIECE], depth)[1:-1]
        yield '"'
    else:
        yield _encode(value, depth)


def _encode(value: Any, depth: int) -> str:
    text = json.dumps(value, ensure_ascii=False, indent=2)
    if "\n" in text:
        # Nested lines move right with their parent; a JSON string never holds
        # a raw newline, so every newline here is the encoder's own.
        text = text.replace("\n", "\n" + _INDENT * depth)
    # JSON escapes C0 controls itself; ensure_ascii=False leaves DEL, C1 (U+009B
    # is CSI), bidi controls, U+2028/U+2029 and lone surrogates raw, and
    # `cat report.json` would send them to a terminal (inert.py says why each
    # matters). They only ever occur inside strings, where a \uXXXX escape
    # decodes to the very same text.
    return inert_json(text)


_INDENT = "  "
_STRING_PIECE = 1 << 16  # characters of a long string encoded at a time


class _Fields:
    """An object whose values may be lazy: keys and values, in order."""

    def __init__(self, items: Iterable[tuple[str, Any]]):
        self.items = items


class _Items:
    """An array encoded item by item."""

    def __init__(self, items: Iterable[Any]):
        self._items = items

    def __iter__(self) -> Iterator[Any]:
        return iter(self._items)


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def inert_json(encoded: str) -> str:
    """Encoded JSON with the controls ``ensure_ascii=False`` leaves raw written as ``\\uXXXX`` (_encode says why).

    Public for the other JSON formats (report/sarif.py), so that each escapes the same characters the same way."""
    return CONTROLS.sub(_json_escape, encoded)


def _gate(gate: Gate) -> dict[str, Any]:
    """``passed`` (what the exit status follows), its reasons, and the verdict (pass, review or fail): a last key."""
    return {"passed": gate.passed, "reasons": list(gate.reasons), "verdict": gate.verdict.value}


def _document(doc: Document, gate: Gate | None = None) -> _Fields:
    # The document's own verdict and reasons go last (the contract only grows); a report of documents
    # without gates (an older store's) gives none.
    verdict = [] if gate is None else [("verdict", gate.verdict.value), ("reasons", list(gate.reasons))]
    return _Fields(
        [
            ("id", doc.id),
            ("source", _Fields(_text(doc.source).items())),
            ("target", _Fields(_text(doc.target).items())),
            ("source_segments", _Items(_segment(s) for s in doc.source_segments)),
            ("target_segments", _Items(_segment(s) for s in doc.target_segments)),
            ("pairs", _Items(_pair(p) for p in doc.pairs)),
            ("findings", _Items(_finding(f) for f in doc.findings)),
            ("scores", _scores(doc.scores, DOCUMENT_SCORE_KEYS)),
            *verdict,
        ]
    )


def _plain(value: Any) -> Any:
    """``value`` with its lazy parts made into plain dicts and lists."""
    if isinstance(value, _Fields):
        return {key: _plain(item) for key, item in value.items}
    if isinstance(value, (_Items, GeneratorType)):
        return [_plain(item) for item in value]
    return value


def _article_error(error: ArticleError) -> dict[str, Any]:
    return {"id": error.id, "reason": error.reason, "source": error.source, "target": error.target}


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


def _finding(finding: Finding) -> dict[str, Any]:
    return {
        "id": finding.id,
        "check": finding.check,
        "category": finding.category,
        "severity": finding.severity.value,
        "pair": finding.pair,
        "target_span": _span(finding.target_span),
        "source_span": _span(finding.source_span),
        "message": finding.message,
        "confidence": round(finding.confidence, 3),
        "evidence": {name: list(value) if isinstance(value, tuple) else value for name, value in finding.evidence},
        "checks": [finding.check, *finding.also],  # the contract only grows: new keys go last
        "fingerprint": finding.fingerprint,
        "verdict": finding.verdict,
    }
