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

    @property
    def rank(self) -> int:
        """0 minor, 1 major, 2 critical: what sorts and compares severities."""
        return {"minor": 0, "major": 1, "critical": 2}[self.value]


class SegmentKind(str, Enum):
    SENTENCE = "sentence"
    HEADING = "heading"  # a one-line paragraph without final punctuation
    BULLET = "bullet"  # a list item ("  • …")


@dataclass(frozen=True)
class Decoding:
    """How a file's bytes became ``Text.text`` (mtcheck.read.text); not part of the report."""

    encoding: str  # the codec used: "utf-8", "utf-16-le", "cp1252", ...
    # (offset into Text.text, bytes replaced) for each U+FFFD that decoding
    # put in place of bytes that were not valid in ``encoding``.
    replaced: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Text:
    text: str
    lang: str = "en"
    path: str | None = None
    # Set by mtcheck.read.text.read_text; provenance, so it takes no part in equality.
    decoding: Decoding | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Segment:
    index: int
    start: int
    end: int
    kind: SegmentKind = SegmentKind.SENTENCE
    paragraph: int = 0  # segments of one paragraph share this number


class Span:
    """``start:end`` of a text, and the text it covers (``text[start:end] == span.text``).

    Frozen and compared by (start, end, text), like the other types. It keeps
    a reference to the text it was cut from and slices on demand rather than
    holding a copy: a 10 MB article's findings have some 160,000 spans, and
    their copies cost 16 MB at the memory peak.
    """

    __slots__ = ("start", "end", "_whole", "_offset")

    def __init__(self, start: int, end: int, text: str):
        # ``text`` is the covered text itself; Span.of keeps the whole instead.
        for name, value in (("start", start), ("end", end), ("_whole", text), ("_offset", start)):
            object.__setattr__(self, name, value)

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        span = cls.__new__(cls)
        for name, value in (("start", start), ("end", end), ("_whole", text), ("_offset", 0)):
            object.__setattr__(span, name, value)
        return span

    @property
    def text(self) -> str:
        return self._whole[self.start - self._offset : self.end - self._offset]

    def _key(self) -> tuple[int, int, str]:
        return self.start, self.end, self.text

    def __eq__(self, other: object) -> bool:
        return self._key() == other._key() if isinstance(other, Span) else NotImplemented

    def __hash__(self) -> int:
        return hash(self._key())

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Span is frozen: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"Span is frozen: cannot delete {name!r}")

    def __repr__(self) -> str:
        return f"Span(start={self.start!r}, end={self.end!r}, text={self.text!r})"

    def __reduce__(self):
        return Span, (self.start, self.end, self.text)


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
    # Documents only: the share of each side's text (non-space characters) in
    # pairs whose other side has text. Inserted portal text lowers the
    # target's; a dropped paragraph lowers the source's.
    target_coverage: float | None = None
    source_coverage: float | None = None
    contrast: float | None = None  # bits/token the target is less likely than its source
    given_source: float | None = None  # bits/token of the target once the LM has read the source
    given_source_tokens: int | None = None  # target tokens read after the source: given_source's weight
    # Documents only, with the judge: the severity weight times the confidence of every judged finding,
    # listed or not, per 100 target words: the penalty a rater is expected to give (the verdict reads it).
    expected_penalty: float | None = None


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
    id: str = ""  # stable across runs (mtcheck.report.finding_ids); given when the report is built
    # What the check measured, as (name, value) pairs: numbers, strings and
    # tuples of strings (JSON "evidence": {"bits": 16.7, "source_words": ["city"]}).
    # A tuple, not a dict, so that a Finding stays hashable.
    evidence: tuple[tuple[str, Any], ...] = ()
    # Other checks that found the same span (mtcheck.grade.merging), by name.
    also: tuple[str, ...] = ()
    # What an editor's verdict is keyed by: it survives re-runs and edits elsewhere (mtcheck.report.verdicts).
    fingerprint: str = ""
    # An editor's verdict on it (mtcheck.report.verdicts, --verdicts): "confirmed", "false-alarm" or None.
    # A false alarm stays in the report, dismissed: the gate does not count it.
    verdict: str | None = None


# (start, end, bits) per token; offsets index the document's Text.
Surprisals = tuple[tuple[int, int, float], ...]
# (start of a target word, bits) per word that stands for a different source word: how many
# bits less likely the target's word is than the source's in the target's own context.
Contrasts = tuple[tuple[int, float], ...]


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
    # Per target segment, the source-anchored contrast of its substituted words (models/contrast.py).
    target_contrasts: tuple[Contrasts, ...] = ()


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
    # The models' outputs, for the stages up to detect; the report keeps only
    # ``models``, their signature (mtcheck.pipeline.build_report).
    signals: Signals | None = None
    models: str | None = None


class ArticleVerdict(str, Enum):
    """What to do with an article: publish it as is, route it to an editor, or retranslate it."""

    PASS = "pass"
    REVIEW = "review"
    FAIL = "fail"

    @property
    def rank(self) -> int:
        """0 pass, 1 review, 2 fail: what sorts verdicts worst first and picks a run's worst."""
        return {"pass": 0, "review": 1, "fail": 2}[self.value]


@dataclass(frozen=True)
class Gate:
    """A verdict and its reasons, in plain words (the worst first).

    ``passed`` is what the exit status follows: False for ``fail``, and for ``review`` too under
    ``--fail-on review``. A gate made without a verdict (a feed's, an older caller's) takes it from
    ``passed``: fail when it did not pass, else pass.
    """

    passed: bool
    reasons: tuple[str, ...] = ()
    verdict: ArticleVerdict | None = None

    def __post_init__(self) -> None:
        if self.verdict is None:
            object.__setattr__(self, "verdict", ArticleVerdict.PASS if self.passed else ArticleVerdict.FAIL)


@dataclass(frozen=True)
class CheckInfo:
    """What a check that ran is, for formats that describe their rules (SARIF): renderers never import checks."""

    name: str
    category: str
    severity: Severity
    summary: str  # the first line of the check's description


@dataclass(frozen=True)
class ArticleError:
    """An article of a batch that could not be checked: unreadable, empty, too big, timed out or a check raised."""

    id: str
    reason: str  # one line
    source: str | None = None  # the files, as the batch was given them
    target: str | None = None


@dataclass(frozen=True)
class Report:
    documents: tuple[Document, ...]
    signature: str
    gate: Gate = field(default_factory=lambda: Gate(True))
    # Each document's own gate, in document order (a feed's CI formats give one verdict per article).
    document_gates: tuple[Gate, ...] = ()
    # The checks that ran, by name, and a batch's articles that errored, in input order.
    checks: tuple[CheckInfo, ...] = ()
    errors: tuple[ArticleError, ...] = ()

    def gates(self) -> tuple[Gate, ...]:
        """Each document's gate; a report built without them gives each document the whole report's."""
        return self.document_gates or (self.gate,) * len(self.documents)
