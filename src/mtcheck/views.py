"""What a check sees of a document: its aligned pairs, each with the text of both sides.

Views are made on demand from the frozen ``Document``; analyses and checks
read them, and neither imports the other to get one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Generic, Iterator, Mapping, Sequence, TypeVar

from mtcheck.types import Document, Pair, Segment, Span


@dataclass(frozen=True, slots=True)
class Side:
    """The segments of one pair on one side, with the text they cover."""

    full_text: str
    segments: tuple[Segment, ...]

    @property
    def empty(self) -> bool:
        """No segments, or only blank ones (an empty side in ``--pairs`` input)."""
        return not self.text.strip()

    @property
    def start(self) -> int:
        return self.segments[0].start if self.segments else 0

    @property
    def end(self) -> int:
        return self.segments[-1].end if self.segments else 0

    @property
    def text(self) -> str:
        """The covered text, including whatever separates its segments."""
        return self.full_text[self.start : self.end]

    def span(self, start: int, end: int) -> Span:
        """A span from offsets relative to ``self.text``."""
        return Span.of(self.full_text, self.start + start, self.start + end)

    def segment_span(self, segment: Segment) -> Span:
        return Span.of(self.full_text, segment.start, segment.end)

    def segment_texts(self) -> Iterator[tuple[Segment, str]]:
        for seg in self.segments:
            yield seg, self.full_text[seg.start : seg.end]


# Slots: a 10 MB article has some 60,000 pairs, each with a view and two sides.
@dataclass(frozen=True, slots=True)
class PairView:
    pair: Pair
    source: Side
    target: Side


def pair_view_of(doc: Document, pair: Pair) -> PairView:
    return PairView(
        pair,
        Side(doc.source.text, tuple(doc.source_segments[i] for i in pair.source)),
        Side(doc.target.text, tuple(doc.target_segments[i] for i in pair.target)),
    )


# Views of an article's first pairs are kept once made: a news article has a few hundred pairs, which the
# checks and the judge ask for some 3,900 times (3% of a rules-only article), for well under 1 MB.
KEPT_VIEWS = 4096


class PairViews(Sequence[PairView]):
    """Every pair's view, made when first asked for; the first ``KEPT_VIEWS`` are kept.

    Past those, views are made on each access instead of kept: views of all
    60,000 pairs of a big article cost 17 MB for as long as the checks run,
    while making one costs about 3 microseconds (0.2 s per check on such an
    article).
    """

    def __init__(self, document: Document, kept: int = KEPT_VIEWS):
        self._document = document
        self._room = min(kept, len(document.pairs))
        self._kept: list[PairView] = []  # pairs 0 .. len-1, made in order

    def __len__(self) -> int:
        return len(self._document.pairs)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self._view(i) for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("pair index out of range")
        return self._view(index)

    def __iter__(self) -> Iterator[PairView]:
        return (self._view(i) for i in range(len(self)))

    def _view(self, index: int) -> PairView:
        if index < len(self._kept):
            return self._kept[index]
        while len(self._kept) < min(index + 1, self._room):
            self._kept.append(pair_view_of(self._document, self._document.pairs[len(self._kept)]))
        if index < len(self._kept):
            return self._kept[index]
        return pair_view_of(self._document, self._document.pairs[index])


T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class PerPair(Generic[T]):
    """A per-pair analysis, made for a pair when a check reads it.

    Kept for every pair of a 10 MB article, the word alignments would take
    about 1.7 GB and the number mentions some 15 MB more, past the 300 MB
    that article may use; one pair's costs well under a millisecond. Each
    is a pure function of the pair and the analysis' parameters, so every
    check reading it sees the same facts. ``remembering`` keeps what was made
    for the next reader (clause-omission and the judge both read the word
    alignments) up to a budget of the pairs' characters.
    """

    compute: Callable[[PairView], T]

    def of(self, view: PairView) -> T:
        return self.compute(view)

    def remembering(self, budget_chars: int) -> PerPair[T]:
        return PerPair(_Remembered(self.compute, budget_chars))


class _Remembered:
    """``compute`` with its results kept, per pair, while their pairs' texts fit the budget; past it,
    pairs are made afresh each time (a huge article's first pairs stay kept, memory stays bounded)."""

    __slots__ = ("compute", "budget", "kept")

    def __init__(self, compute: Callable[[PairView], Any], budget_chars: int) -> None:
        self.compute, self.budget, self.kept = compute, budget_chars, {}

    def __call__(self, view: PairView) -> Any:
        key = view.pair.index
        if key in self.kept:
            return self.kept[key]
        value = self.compute(view)
        size = len(view.source.text) + len(view.target.text)
        if size <= self.budget:
            self.budget -= size
            self.kept[key] = value
        return value


@dataclass(frozen=True, slots=True)
class Analyses:
    """Facts about one document that several checks read, computed once by the analyse stage.

    Only the analyses some selected check declares in its ``needs`` are
    computed (mtcheck.analyses), by name: a document analysis as a tuple in
    text order (spikes, insertions, structure), a per-pair one as a
    ``PerPair`` (counterparts, number_mentions, word_alignments).
    """

    computed: Mapping[str, Any] = field(default_factory=dict)

    def get(self, name: str) -> Any:
        value = self.computed.get(name)
        if value is None:
            raise LookupError(f"the '{name}' analysis was not computed: a check reading it must list it in `needs`")
        return value


@dataclass(frozen=True)
class DocumentView:
    """A document as checks see it: aligned pairs with their texts, and the analyses."""

    document: Document
    analyses: Analyses = Analyses()
    _views: PairViews = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_views", PairViews(self.document))

    @property
    def pairs(self) -> PairViews:
        return self._views

    @property
    def aligned(self) -> Iterator[PairView]:
        """Pairs with text on both sides: what a translation can be compared on."""
        return (view for view in self.pairs if not view.source.empty and not view.target.empty)
