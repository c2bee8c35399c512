"""The frozen dataclasses that flow between pipeline stages.

Every offset is a Python ``str`` index into the ``Text.text`` it belongs to,
so renderers and external tools can slice the decoded text directly.

The types a document has thousands of (segments, spans, pairs, scores,
findings) use slots: a 10 MB article has some 150,000 segments, and a
per-instance ``__dict__`` more than doubled what each one costs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class Severity(str, Enum):
    MINOR = "minor"
    MAJOR = "major"
    CRITICAL = "critical"

    @property
    def weight(self) -> int:
        # MQM / COMET convention, also used by mqm_penalty in the report.
        return {"minor": 1, "major": 5, "critical": 10}[self.value]


class SegmentKind(str, Enum):
    SENTENCE = "sentence"
    HEADING = "heading"  # a one-line paragraph without final punctuation
    BULLET = "bullet"  # a list item ("  • …")


@dataclass(frozen=True)
class Decoding:
    """How a file's bytes became ``Text.text`` (mtcheck.io); not part of the report."""

    encoding: str  # the codec used: "utf-8", "utf-16-le", "cp1252", ...
    # (offset into Text.text, bytes replaced) for each U+FFFD that decoding
    # put in place of bytes that were not valid in ``encoding``.
    replaced: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Text:
    text: str
    lang: str = "en"
    path: str | None = None
    # Set by mtcheck.io.read_text; provenance, so it takes no part in equality.
    decoding: Decoding | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Segment:
    index: int
    start: int
    end: int
    kind: SegmentKind = SegmentKind.SENTENCE
    paragraph: int = 0  # segments of one paragraph share this number


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        return cls(start, end, text[start:end])


@dataclass(frozen=True, slots=True)
class Scores:
    """Scores of one pair or one document; ``None`` where not computed."""

    chrf: float
    bleu: float
    ter: float
    similarity: float | None = None
    fluency: float | None = None
    quality: float | None = None
    mqm_penalty: float | None = None  # documents only
    contrast: float | None = None  # bits/token the target is less likely than its source
    given_source: float | None = None  # bits/token of the target once the LM has read the source


@dataclass(frozen=True, slots=True)
class Pair:
    """One alignment bead: source and target segment indices."""

    index: int
    source: tuple[int, ...]
    target: tuple[int, ...]
    id: str | None = None  # echoes the input id in --pairs mode
    scores: Scores | None = None

    @property
    def kind(self) -> str:
        return f"{len(self.source)}-{len(self.target)}"


@dataclass(frozen=True, slots=True)
class Finding:
    check: str
    category: str
    severity: Severity
    pair: int | None
    target_span: Span | None
    source_span: Span | None
    message: str
    confidence: float = 1.0
    id: str = ""  # stable across runs (mtcheck.finding_ids); given when the report is built
    # What the check measured, as (name, value) pairs: numbers, strings and
    # tuples of strings (JSON "evidence": {"bits": 16.7, "source_words": ["city"]}).
    # A tuple, not a dict, so that a Finding stays hashable.
    evidence: tuple[tuple[str, Any], ...] = ()


# (start, end, bits) per token; offsets index the document's Text.
Surprisals = tuple[tuple[int, int, float], ...]


@dataclass(frozen=True, eq=False)
class Signals:
    """Model outputs of one document, per segment, for scores and checks.

    ``eq=False``: it holds numpy arrays, which do not compare to a bool.
    """

    models: str  # "lm:<name>|emb:<name>" for the report signature
    source_surprisals: tuple[Surprisals, ...]
    target_surprisals: tuple[Surprisals, ...]
    source_embeddings: object  # numpy array (segments x dim), unit rows
    target_embeddings: object
    # Target tokens scored after the LM read the pair's source (models/given_source.py).
    target_given_source: tuple[Surprisals, ...] = ()


@dataclass(frozen=True)
class Document:
    id: str
    source: Text
    target: Text
    source_segments: tuple[Segment, ...]
    target_segments: tuple[Segment, ...]
    pairs: tuple[Pair, ...]
    findings: tuple[Finding, ...] = ()
    scores: Scores | None = None
    signals: Signals | None = None


@dataclass(frozen=True)
class Gate:
    passed: bool
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class Report:
    documents: tuple[Document, ...]
    signature: str
    gate: Gate = field(default_factory=lambda: Gate(True))
