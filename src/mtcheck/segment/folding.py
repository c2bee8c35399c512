"""Long runs of one sentence (or one short block of sentences) repeated back to back, folded to one copy.

A translation loop can repeat one sentence 200,000 times. Aligned, scored,
checked and judged copy by copy, such an article took five minutes and gave a
report of 254 MB that said one thing 200,000 times. So the segment stage folds
each long run: the first copy of the block stays a segment, the copies after
it are dropped from the segment list, and every later stage processes the
distinct content only. The text is never changed: spans still index it, and
the folded copies are the text between the kept block and the next segment.

Nothing else records a fold. Between two segments the segmenter leaves only
whitespace and bullet markers, so a gap that holds more is folded copies, and
``folds`` reads them back from it: the mass-duplication check reports them,
with their count, from the document alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Sequence

from mtcheck.types import Segment

# What the segmenter leaves between segments: whitespace, and bullet markers at the start of a line
# (segment._BULLET). Only there: "one. • two." may be one segment, and must not read as two.
SEPARATOR = re.compile(r"(?:\s|^[^\S\n]*[•·▪*\-–](?=[^\S\n]))*", re.MULTILINE)
# Blocks of up to this many sentences are looked for; loops of neural MT are one or two sentences.
LONGEST_PERIOD = 4


@dataclass(frozen=True)
class Fold:
    """``copies`` copies of the block of segments ``block`` (indices of the kept segments, in order), folded away
    from the text's ``start:end``; ``first`` is the first folded segment's ``(start, end)``."""

    block: tuple[int, ...]
    copies: int
    start: int
    end: int
    first: tuple[int, int]


def fold_repeats(text: str, segments: Sequence[Segment], min_copies: int,
                 longest_period: int = LONGEST_PERIOD) -> tuple[Segment, ...]:
    """``segments`` without the copies after the first of each block of up to ``longest_period`` segments that
    stands ``min_copies`` or more times back to back; the kept segments are numbered afresh."""
    texts = [text[s.start : s.end] for s in segments]
    kept: list[Segment] = []
    i = 0
    while i < len(segments):
        period, count = _longest_run(texts, i, longest_period)
        block = range(i, i + period) if count >= min_copies else range(i, i + 1)
        kept.extend([replace(segments[k], index=len(kept) + n) for n, k in enumerate(block)])
        i += period * count if count >= min_copies else 1
    return tuple(kept) if len(kept) < len(segments) else tuple(segments)


def _longest_run(texts: list[str], i: int, longest_period: int) -> tuple[int, int]:
    """The period and count of the run of a block starting at ``i`` that covers the most segments (the shorter
    period on a tie); (1, 1) where nothing repeats."""
    best = (1, 1)
    for period in range(1, longest_period + 1):
        block = texts[i : i + period]
        if len(block) < period or texts[i + period : i + 2 * period] != block:
            continue  # most starts end here, cheaply: no second copy
        if not _primitive(block):
            continue  # "A B A B" repeated is "A B"'s run
        count = 2
        while texts[i + count * period : i + (count + 1) * period] == block:
            count += 1
        if count * period > best[0] * best[1]:
            best = (period, count)
    return best


def folds(text: str, segments: Sequence[Segment], longest_period: int = LONGEST_PERIOD) -> tuple[Fold, ...]:
    """The folds of ``fold_repeats``, read back from the gaps between ``segments`` (its kept ones)."""
    found = []
    for k, segment in enumerate(segments):
        gap_end = segments[k + 1].start if k + 1 < len(segments) else len(text)
        if SEPARATOR.fullmatch(text, segment.end, gap_end):
            continue  # what any two segments have between them
        fold = _fold_in_gap(text, segments, k, gap_end, longest_period)
        if fold is not None:
            found.append(fold)
    return tuple(found)


def _fold_in_gap(text: str, segments: Sequence[Segment], last: int, gap_end: int,
                 longest_period: int) -> Fold | None:
    """The gap after segment ``last`` read as whole copies of the block of segments ending there.

    The longest block first: a segment may hold what reads as a separator ("one. • two." is one segment),
    so two of them can read as copies of one, never the reverse; and a longer block whose copies the gap
    held would have been the fold (``_longest_run`` keeps the run covering the most segments)."""
    for period in range(min(longest_period, last + 1), 0, -1):
        block = tuple(range(last - period + 1, last + 1))
        expected = [text[segments[k].start : segments[k].end] for k in block]
        if not _primitive(expected):
            continue  # "B B" is "B" twice: a fold is never of such a block (_longest_run prefers "B")
        parsed = _copies(text, segments[last].end, gap_end, expected)
        if parsed is not None:
            copies, first, end = parsed
            return Fold(block, copies, first[0], end, first)
    return None


def _primitive(block: list[str]) -> bool:
    """False for a block that is a shorter block repeated ("A B A B")."""
    size = len(block)
    return not any(size % d == 0 and block == block[:d] * (size // d) for d in range(1, size))


def _copies(text: str, start: int, end: int, expected: list[str]) -> tuple[int, tuple[int, int], int] | None:
    """How many whole copies of ``expected`` (segment texts, in order) fill ``start:end`` with nothing but
    separators between them, where the first copy's first segment lies and where the last copy ends; None if
    anything else is there."""
    position, placed, first = start, 0, None
    while not SEPARATOR.fullmatch(text, position, end):
        piece = expected[placed % len(expected)]
        found = text.find(piece, position, end)
        if found < 0 or not SEPARATOR.fullmatch(text, position, found):
            return None
        if placed == len(expected):  # the second copy starts: skip the copies written just like the first
            separator = found - position
            position, skipped = _skip_alike(text, text[first[0] : found], found, end)
            placed += skipped * len(expected)
            if skipped:
                position -= separator  # the end of the last copy skipped, not of the separator after it
                continue
        first = first or (found, found + len(piece))
        position = found + len(piece)
        placed += 1
    if first is None or placed % len(expected):
        return None
    return placed // len(expected), first, position


# Characters of copies compared at once: 200,000 copies are compared in C, not piece by piece in Python.
ALIKE_CHARS = 1 << 20


def _skip_alike(text: str, unit: str, position: int, end: int) -> tuple[int, int]:
    """From ``position``, how far the text repeats ``unit`` (a copy with the separator after it) whole, and
    how many times: the copies of a loop are nearly always written alike."""
    skipped = 0
    for size in (max(1, ALIKE_CHARS // len(unit)), 1):
        run = unit * size
        while position + len(run) <= end and text.startswith(run, position):
            position += len(run)
            skipped += size
    return position, skipped


def fold_ends(text: str, segments: Sequence[Segment]) -> frozenset[int]:
    """The kept segments that folded copies follow: no alignment bead may reach across them."""
    return frozenset(
        k for k, segment in enumerate(segments[:-1])
        if not SEPARATOR.fullmatch(text, segment.end, segments[k + 1].start)
    )


Bead = tuple[tuple[int, ...], tuple[int, ...]]


def split_at_folds(beads: Sequence[Bead], source_ends: frozenset[int], target_ends: frozenset[int]) -> list[Bead]:
    """``beads`` with each side cut after a segment that folded copies follow.

    A pair's text runs from its first segment to its last, so a bead reaching
    across a fold would carry all of its copies to every check. The first
    pieces of a cut bead stay a pair; the rest stand alone, in order.
    """
    if not source_ends and not target_ends:
        return list(beads)
    out: list[Bead] = []
    for source, target in beads:
        sources, targets = _pieces(source, source_ends), _pieces(target, target_ends)
        out.append((sources[0], targets[0]))
        out.extend((piece, ()) for piece in sources[1:])
        out.extend(((), piece) for piece in targets[1:])
    return out


def _pieces(indices: tuple[int, ...], ends: frozenset[int]) -> list[tuple[int, ...]]:
    pieces: list[list[int]] = [[]]
    for index in indices:
        pieces[-1].append(index)
        if index in ends and index != indices[-1]:
            pieces.append([])
    return [tuple(piece) for piece in pieces]
