"""Build documents from segment lists (``--pairs`` mode, tests, benchmarks)."""

from __future__ import annotations

from typing import Sequence

from mtcheck.types import Document, Pair, Segment, Text


def segment_texts(text: Text, segments: Sequence[Segment]) -> list[str]:
    return [text.text[s.start : s.end] for s in segments]


class SegmentTexts(Sequence[str]):
    """Segment texts sliced from the document on demand.

    The aligner reads each segment a few times, a chunk at a time; a list of
    every segment's text would copy the whole article (20 MB for a 10 MB
    article in UCS-2) for the length of the alignment.
    """

    def __init__(self, text: Text, segments: Sequence[Segment]):
        self._text = text.text
        self._segments = segments

    def __len__(self) -> int:
        return len(self._segments)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self._text[s.start : s.end] for s in self._segments[index]]
        segment = self._segments[index]
        return self._text[segment.start : segment.end]


def join_segments(
    texts: Sequence[str], *, path: str | None = None, separator: str = "\n"
) -> tuple[Text, tuple[Segment, ...]]:
    """Join segments into one Text, keeping each segment's offsets.

    An empty segment stays a segment (of length 0), so pair indices keep
    matching input lines.
    """
    segments = []
    offset = 0
    for index, segment_text in enumerate(texts):
        segments.append(Segment(index, offset, offset + len(segment_text), paragraph=index))
        offset += len(segment_text) + len(separator)
    return Text(separator.join(texts), "en", path), tuple(segments)


def parallel_document(
    doc_id: str,
    sources: Sequence[str],
    targets: Sequence[str],
    *,
    pair_ids: Sequence[str | None] | None = None,
    beads: Sequence[tuple[tuple[int, ...], tuple[int, ...]]] | None = None,
    source_path: str | None = None,
    target_path: str | None = None,
) -> Document:
    """A document whose pairs are given: 1-1 by position unless ``beads`` says otherwise."""
    source, source_segments = join_segments(sources, path=source_path)
    target, target_segments = join_segments(targets, path=target_path)
    if beads is None:
        if len(sources) != len(targets):
            raise ValueError("1-1 pairs need as many sources as targets")
        beads = [((i,), (i,)) for i in range(len(sources))]
    ids = pair_ids or [None] * len(beads)
    pairs = tuple(
        Pair(index, tuple(src), tuple(tgt), id=ids[index])
        for index, (src, tgt) in enumerate(beads)
    )
    return Document(doc_id, source, target, source_segments, target_segments, pairs)
