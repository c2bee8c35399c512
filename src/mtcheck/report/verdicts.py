"""Editors' verdicts on findings (``mtcheck.verdicts/1``, docs/verdicts.md): fingerprints, reading, writing.

A verdict must still find its finding after a re-run, a re-segmentation or
an edit elsewhere in the article, so it is keyed by a fingerprint of what
the finding is about, never by offsets or ids:

    check | the span's words | the source words it was compared with | up to
    three words either side of the span, within its pair

each normalised (NFKC, case-folded, words only), hashed with SHA-256.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, Sequence

from mtcheck.errors import InputError
from mtcheck.types import Document, Finding

FORMAT = "mtcheck.verdicts/1"
VERDICTS = ("confirmed", "false-alarm")
ARTICLE_VERDICTS = ("pass", "review", "fail")  # an editor's verdict on a whole article
NEARBY = 3  # words either side of the span that the fingerprint keeps
_WORD = re.compile(r"\w+")


def words_of(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


@dataclass(frozen=True)
class Context:
    """What a fingerprint is made of: the finding's words and the words around them."""

    check: str
    span: str
    source_words: tuple[str, ...]
    before: str
    after: str

    @property
    def fingerprint(self) -> str:
        parts = [self.check, " ".join(words_of(self.span)), " ".join(words_of(" ".join(self.source_words))),
                 " ".join(words_of(self.before)[-NEARBY:]), " ".join(words_of(self.after)[:NEARBY])]
        return "v1:" + hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]


def context_of(finding: Finding, document: Document) -> Context:
    """The finding's context in its document: the side its span is on, within its pair's segments."""
    on_target = finding.target_span is not None
    span = finding.target_span if on_target else finding.source_span
    evidence = dict(finding.evidence)
    source_words = tuple(evidence.get("source_words") or ())
    if not source_words and on_target and finding.source_span is not None:
        source_words = (finding.source_span.text,)
    if span is None:
        return Context(finding.check, "", source_words, "", "")
    text = (document.target if on_target else document.source).text
    segments = document.target_segments if on_target else document.source_segments
    start, end = _pair_bounds(finding, document, on_target, segments, span)
    return Context(finding.check, span.text, source_words, text[start : span.start], text[span.end : end])


def _pair_bounds(finding, document, on_target, segments, span) -> tuple[int, int]:
    if finding.pair is None or finding.pair >= len(document.pairs):
        return 0, len((document.target if on_target else document.source).text)
    indices = getattr(document.pairs[finding.pair], "target" if on_target else "source")
    if not indices:
        return span.start, span.end
    return min(span.start, segments[indices[0]].start), max(span.end, segments[indices[-1]].end)


def fingerprint(finding: Finding, document: Document) -> str:
    return context_of(finding, document).fingerprint


@dataclass(frozen=True)
class Verdict:
    fingerprint: str
    check: str
    span: str
    verdict: str  # "confirmed" or "false-alarm"
    at: str  # ISO 8601 timestamp
    before: str = ""
    after: str = ""
    source_words: tuple[str, ...] = ()
    note: str = ""
    confidence: float | None = None  # the finding's confidence when it was judged

    @property
    def confirmed(self) -> bool:
        return self.verdict == "confirmed"

    def to_json(self) -> dict:
        data = {"fingerprint": self.fingerprint, "check": self.check, "span": self.span,
                "context": {"before": self.before, "after": self.after}, "source_words": list(self.source_words),
                "verdict": self.verdict, "note": self.note, "at": self.at}
        if self.confidence is not None:
            data["confidence"] = self.confidence
        return data


def verdict_on(finding: Finding, document: Document, verdict: str, at: str, note: str = "") -> Verdict:
    context = context_of(finding, document)
    return Verdict(context.fingerprint, finding.check, context.span, verdict, at, context.before[-80:],
                   context.after[:80], context.source_words, note, finding.confidence)


def latest_verdicts(verdicts: Iterable[Verdict]) -> dict[str, str]:
    """Fingerprint -> the verdict that stands: where several name one finding, the latest (by timestamp,
    then by order given)."""
    latest: dict[str, Verdict] = {}
    for verdict in verdicts:
        kept = latest.get(verdict.fingerprint)
        if kept is None or verdict.at >= kept.at:
            latest[verdict.fingerprint] = verdict
    return {fingerprint: verdict.verdict for fingerprint, verdict in latest.items()}


def with_verdicts(findings: Iterable[Finding], verdicts: Sequence[Verdict] | dict[str, str]) -> tuple[Finding, ...]:
    """The findings, each marked with the editors' verdict on its fingerprint, if any (``verdicts``: the
    verdicts themselves, or what ``latest_verdicts`` made of them)."""
    latest = verdicts if isinstance(verdicts, dict) else latest_verdicts(verdicts)
    return tuple(replace(f, verdict=latest[f.fingerprint]) if f.fingerprint in latest else f for f in findings)


@dataclass(frozen=True)
class ArticleJudgement:
    """An editor's verdict on a whole article (``articles`` in a verdicts file): what should have happened to
    it (pass, review or fail), with the document scores its report gave, so that ``mtcheck calibrate`` can
    move the verdict's cut points (training.verdict_refit) without checking the article again."""

    id: str
    verdict: str  # "pass", "review" or "fail"
    models: bool  # which variant checked it
    scores: tuple[tuple[str, float], ...]  # (name, value) of the report's document scores the estimate reads
    at: str = ""
    note: str = ""

    def to_json(self) -> dict:
        return {"id": self.id, "verdict": self.verdict, "models": self.models, "scores": dict(self.scores),
                "note": self.note, "at": self.at}


def verdicts_json(verdicts: Iterable[Verdict]) -> str:
    return json.dumps({"format": FORMAT, "verdicts": [v.to_json() for v in verdicts]}, ensure_ascii=False, indent=1) + "\n"


def read_verdicts(paths: Sequence[str | Path]) -> list[Verdict]:
    """Every verdict of the files, in order; a malformed file is an input error naming it."""
    found = []
    for path in paths:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except OSError as error:
            raise InputError(f"cannot read verdicts file {path}: {error.strerror or error}") from None
        except (ValueError, UnicodeDecodeError) as error:
            raise InputError(f"verdicts file {path} is not JSON: {error}") from None
        found.extend(_parsed(data, str(path)))
    return found


def read_article_judgements(paths: Sequence[str | Path]) -> list[ArticleJudgement]:
    """Every article verdict (``articles``) of the files, in order; files without any give none."""
    found = []
    for path in paths:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError, UnicodeDecodeError):
            continue  # read_verdicts names the file's fault
        rows = data.get("articles", []) if isinstance(data, dict) else []
        if not isinstance(rows, list):
            raise InputError(f"verdicts file {path}: 'articles' must be a list")
        for k, row in enumerate(rows):
            try:
                if row["verdict"] not in ARTICLE_VERDICTS:
                    raise ValueError(f"verdict must be one of {', '.join(ARTICLE_VERDICTS)}")
                scores = tuple((str(name), float(value)) for name, value in dict(row["scores"]).items()
                               if value is not None)
                found.append(ArticleJudgement(str(row["id"]), row["verdict"], bool(row.get("models", True)),
                                              scores, str(row.get("at") or ""), str(row.get("note") or "")))
            except (KeyError, TypeError, ValueError) as error:
                raise InputError(f"verdicts file {path}: article verdict {k + 1}: {error}") from None
    return found


def _parsed(data, path: str) -> list[Verdict]:
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("verdicts"), list):
        raise InputError(f"verdicts file {path} is not in the {FORMAT} format (see docs/verdicts.md)")
    out = []
    for k, row in enumerate(data["verdicts"]):
        try:
            if row["verdict"] not in VERDICTS:
                raise ValueError(f"verdict must be one of {', '.join(VERDICTS)}")
            if not str(row["fingerprint"]).startswith("v1:"):
                raise ValueError("unknown fingerprint version")
            context = row.get("context") or {}
            confidence = row.get("confidence")
            if confidence is not None and not 0 <= float(confidence) <= 1:
                raise ValueError("confidence must be from 0 to 1")
            out.append(Verdict(str(row["fingerprint"]), str(row["check"]), str(row["span"]), row["verdict"],
                               str(row["at"]), str(context.get("before", "")), str(context.get("after", "")),
                               tuple(map(str, row.get("source_words") or ())), str(row.get("note") or ""),
                               None if confidence is None else float(confidence)))
        except (KeyError, TypeError, ValueError) as error:
            raise InputError(f"verdicts file {path}: verdict {k + 1}: {error}") from None
    return out
