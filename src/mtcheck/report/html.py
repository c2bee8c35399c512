"""The HTML review page: one self-contained file for an editor's QA review of an article.

``render_html(report)`` returns the page as text. The page makes no network
request at all (no CDN, no font, no image): its CSS and JavaScript are inlined
from ``assets/``, and a Content-Security-Policy meta tag forbids every load
but those two inline blocks, named by their SHA-256. It works from ``file://``.

The header leads with the verdict (report/verdict_words.py): a badge in its
colour (fail red, review amber, pass green) that also says it in words, its
reasons, and a link to the findings panel, which the page lists worst first
and which narrow windows show before the article (assets/review.css).

Article text is data, never markup:

- the summary header is written here with every value HTML-escaped (and, for
  one-line fields such as a document id, with controls shown as escapes, as
  in the terminal report);
- everything else (the texts, the findings) travels as JSON in a
  ``<script type="application/json">`` block, encoded as ASCII with ``<``,
  ``>`` and ``&`` escaped, so ``</script>`` or ``<!--`` in an article cannot
  end the block; the page's script reads it with ``JSON.parse`` and builds the
  DOM with ``textContent`` only.

The payload (``mtcheck.review/1``, read only by the page's own script) holds
per document the two texts, the pairs with their ranges and quality, and the
findings with what an exported verdict needs (``mtcheck.verdicts/1``:
fingerprint, span, context, source words). The editor's own verdict on each
article (a control the script adds to its summary) is exported with the
document's scores the verdict's estimate reads and, from the signature,
whether the models made them (docs/verdicts.md, "Verdicts on whole articles").
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections import Counter
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable

from mtcheck import __version__
from mtcheck.report.inert import inert_html
from mtcheck.report.svg import bar_chart
from mtcheck.report.verdict_words import action, shout, verdict_of
from mtcheck.types import Document, Finding, Gate, Report, Severity
from mtcheck.report.verdicts import context_of
from mtcheck.views import Side, pair_view_of

PAYLOAD_FORMAT = "mtcheck.review/1"
# Inserted text that a check calls page furniture (navigation, bylines, ads) collapses into
# one group per label; the renderer reads only the check's name and its evidence's label.
FURNITURE_CHECK = "page-furniture"
_SCRIPT_UNSAFE = re.compile(r"[<>&]")


def render_html(report: Report) -> str:
    style, script = _asset("review.css"), _asset("review.js")
    policy = "; ".join((
        "default-src 'none'",
        f"script-src '{csp_digest(script)}'",
        f"style-src '{csp_digest(style)}'",
        "img-src data:",
        "base-uri 'none'",
        "form-action 'none'",
    ))
    title = "mtcheck review" + (f": {report.documents[0].id}" if len(report.documents) == 1 else "")
    parts = [
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">\n",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
        f"<title>{inert_html(title)}</title>\n<style>{style}</style>\n</head>\n<body>\n",
        _header(report),
        "<main id=\"review\" aria-live=\"polite\"><noscript>The side-by-side view and the findings panel need "
        "JavaScript; the JSON report (--format json) holds the same findings.</noscript></main>\n",
        f"<script type=\"application/json\" id=\"mtcheck-data\">{script_json(payload(report))}</script>\n",
        f"<script>{script}</script>\n</body>\n</html>\n",
    ]
    return "".join(parts)


def script_json(value: Any) -> str:
    """JSON that cannot end, or open a comment in, the ``<script>`` element it is written into."""
    text = json.dumps(value, ensure_ascii=True, separators=(",", ":"))
    return _SCRIPT_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def payload(report: Report) -> dict[str, Any]:
    return {
        "format": PAYLOAD_FORMAT,
        "mtcheck_version": __version__,
        "signature": report.signature,
        "gate": _gate(report.gate),
        "documents": [_document(document, gate) for document, gate in zip(report.documents, report.gates())],
    }


def _gate(gate: Gate) -> dict[str, Any]:
    return {"passed": gate.passed, "reasons": list(gate.reasons), "verdict": verdict_of(gate).value}


def _document(document: Document, gate: Gate) -> dict[str, Any]:
    furniture = {f.pair: _label(f) for f in document.findings if f.check == FURNITURE_CHECK and f.pair is not None}
    pairs = []
    for pair in document.pairs:
        scores, view = pair.scores, pair_view_of(document, pair)
        pairs.append({
            "index": pair.index,
            "id": pair.id,
            "kind": pair.kind,
            "source": _range(view.source),
            "target": _range(view.target),
            "quality": scores.quality if scores else None,
            "chrf": scores.chrf if scores else None,
            "furniture": furniture.get(pair.index),
        })
    return {
        "id": document.id,
        "source": document.source.text,
        "target": document.target.text,
        "pairs": pairs,
        "findings": [_finding(f, document, pairs) for f in document.findings],
        "scores": _scores(document),
        "gate": _gate(gate),
    }


def _finding(finding: Finding, document: Document, pairs: list[dict[str, Any]]) -> dict[str, Any]:
    context = context_of(finding, document)
    evidence = {name: list(value) if isinstance(value, tuple) else value for name, value in finding.evidence}
    source_range = pairs[finding.pair]["source"] if finding.pair is not None and finding.pair < len(pairs) else None
    return {
        "id": finding.id,
        "check": finding.check,
        "checks": [finding.check, *finding.also],
        "category": finding.category,
        "severity": finding.severity.value,
        "pair": finding.pair,
        "target": _span(finding.target_span),
        "source": _span(finding.source_span),
        "message": finding.message,
        "confidence": round(finding.confidence, 3),
        "evidence": evidence,
        "fingerprint": finding.fingerprint,
        "label": _label(finding) if finding.check == FURNITURE_CHECK else None,
        "context": {"span": context.span, "before": context.before[-80:], "after": context.after[:80],
                    "source_words": list(context.source_words)},
        # Where the source words it was compared with stand, to light them up beside it.
        "marks": _source_marks(document.source.text, source_range, finding, context.source_words),
        "verdict": finding.verdict,
    }


def _source_marks(text: str, bounds, finding: Finding, words: Iterable[str]) -> list[list[int]]:
    if finding.source_span is not None:
        return [[finding.source_span.start, finding.source_span.end]]
    if bounds is None:
        return []
    start, end = bounds
    marks = []
    for word in dict.fromkeys(w for w in words if w.strip()):
        hit = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text[start:end], flags=re.IGNORECASE)
        if hit:
            marks.append([start + hit.start(), start + hit.end()])
    return sorted(marks)


def _range(side: Side) -> list[int] | None:
    return [side.start, side.end] if side.segments else None


def _span(span) -> list[int] | None:
    return None if span is None else [span.start, span.end]


def _label(finding: Finding) -> str:
    return str(dict(finding.evidence).get("label") or "other")


def _scores(document: Document) -> dict[str, float | None]:
    scores = document.scores
    keys = ("quality", "chrf", "bleu", "ter", "similarity", "fluency", "target_coverage", "source_coverage",
            "expected_penalty")
    return {key: getattr(scores, key) if scores else None for key in keys}


def _header(report: Report) -> str:
    rows = ["<header id=\"summary\"><h1>mtcheck review</h1>",
            _verdict_badge(report.gate, "verdict"),
            # The panel comes after the header at any width; the link says so, and gets there in one step.
            "<p class=\"jump\"><a href=\"#panel\">Jump to the findings, worst first</a></p>"]
    several = len(report.documents) > 1
    for k, (document, gate) in enumerate(zip(report.documents, report.gates())):
        rows.append(_document_summary(k, document, gate if several else None))
    rows.append(f"<details class=\"signature\"><summary>Signature</summary><code>{inert_html(report.signature)}</code>"
                f"<p>mtcheck {html.escape(__version__)}</p></details></header>\n")
    return "\n".join(rows)


def _verdict_badge(gate: Gate, element_id: str | None = None) -> str:
    """The verdict in its colour and in words (``REVIEW`` · route to an editor), then its reasons, worst first."""
    verdict = verdict_of(gate).value
    named = f" id=\"{element_id}\"" if element_id else ""
    reasons = "".join(f"<li>{inert_html(reason)}</li>" for reason in gate.reasons)
    return (f"<div class=\"article-verdict verdict-{verdict}\"{named} data-verdict=\"{verdict}\">"
            f"<p><strong class=\"badge\">{shout(gate)}</strong> "
            f"<span class=\"action\">{html.escape(action(gate))}</span></p>"
            + (f"<ul class=\"reasons\">{reasons}</ul>" if reasons else "") + "</div>")


def _document_summary(k: int, document: Document, gate: Gate | None = None) -> str:
    scores = document.scores
    cells = []
    if scores is not None:
        cells.append(("quality", f"{scores.quality:.1f} / 100"))
        cells.append(("chrF · BLEU · TER", f"{scores.chrf:.1f} · {scores.bleu:.1f} · {scores.ter:.1f}"))
        for name, value in (("similarity", scores.similarity), ("fluency", scores.fluency)):
            cells.append((name, "—" if value is None else f"{value:.3f}"))
        for side in ("target", "source"):
            share = getattr(scores, f"{side}_coverage")
            cells.append((f"{side} coverage", "—" if share is None else f"{share:.1%}"))
    severities = Counter(f.severity for f in document.findings)
    categories = Counter(f.category.split("/")[0] for f in document.findings)
    table = "".join(f"<tr><th scope=\"row\">{inert_html(name)}</th><td>{inert_html(value)}</td></tr>" for name, value in cells)
    charts = (
        bar_chart("Findings by severity", [(s.value, severities[s]) for s in Severity], classes="severity")
        + bar_chart("Findings by MQM category", sorted(categories.items(), key=lambda kv: (-kv[1], kv[0])),
                    classes="category")
    )
    verdict = "" if gate is None else _verdict_badge(gate)  # one of several documents: its own verdict
    return (f"<section class=\"document-summary\" data-document=\"{k}\"><h2>{inert_html(document.id)}</h2>{verdict}"
            f"<p class=\"count\">{len(document.findings)} findings</p>"
            f"<table class=\"scores\">{table}</table><div class=\"charts\">{charts}</div></section>")


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    return resources.files("mtcheck.report").joinpath("assets", name).read_text(encoding="utf-8")


def csp_digest(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
