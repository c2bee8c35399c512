"""A bounded sample of a long text, for the whole-document language judgement (language.py).

A sample is windows of consecutive units (segments, or lines), each unit
clipped to ``UNIT_CHARS`` and marked where a paragraph ends: the whole text
when it is short, else ``WINDOWS`` windows spread evenly over it, so that
a foreign half anywhere is seen while the cost stays that of ``SAMPLE_CHARS``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Protocol, Sequence

SAMPLE_CHARS = 60_000  # ~10,000 words: a few milliseconds of counting
WINDOWS = 30  # spread, so that a foreign half anywhere in a long text is seen
UNIT_CHARS = 2_000  # a longer unit is read only this far


class Unit(Protocol):
    """A stretch of the text read as a whole: a ``Segment``, a line."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


_LINE = re.compile(r"[^\n]*\S[^\n]*")


def sample_lines(text: str) -> tuple[list[list[tuple[int, int, bool]]], bool]:
    """Windows of lines (clipped to ``UNIT_CHARS``) of all of ``text``, or of ``WINDOWS`` stretches spread over it."""
    if len(text) <= SAMPLE_CHARS:
        stretches, sampled = [(0, len(text))], False
    else:
        per_window = SAMPLE_CHARS // WINDOWS
        stretches, sampled = [], True
        for k in range(WINDOWS):
            at = len(text) * k // WINDOWS
            # From the start of its line, unless that line began long before.
            newline = text.rfind("\n", max(0, at - per_window), at)
            start = newline + 1 if newline >= 0 else at
            stretches.append((max(start, stretches[-1][1] if stretches else 0), at + per_window))
    windows = []
    for start, end in stretches:
        window: list[tuple[int, int, bool]] = []
        for line in _LINE.finditer(text, start, end):
            for piece in range(line.start(), line.end(), UNIT_CHARS):
                piece_end = min(piece + UNIT_CHARS, line.end())
                window.append((piece, piece_end, piece_end == line.end()))
        if window:
            windows.append(window)
    return windows, sampled


def sample_units(units: Sequence[Unit]) -> tuple[list[list[tuple[int, int, bool]]], bool]:
    """Windows of consecutive units clipped to ``UNIT_CHARS``: all of them, or ``WINDOWS`` spread evenly.

    ``units`` is not copied, nor read beyond the windows.
    """
    def clipped(unit: Unit) -> tuple[int, int]:
        return unit.start, min(unit.end, unit.start + UNIT_CHARS)

    if not units:
        return [], False
    size = 0
    for unit in units:  # stops at the budget: a 10 MB article has ~100,000 segments
        size += min(unit.end - unit.start, UNIT_CHARS)
        if size > SAMPLE_CHARS:
            break
    if size <= SAMPLE_CHARS:
        window = [(*clipped(u), _paragraph_ends(units, i)) for i, u in enumerate(units) if u.end > u.start]
        return [window], False
    per_window = SAMPLE_CHARS // WINDOWS
    first, last = units[0].start, units[-1].end
    windows: list[list[tuple[int, int, bool]]] = []
    taken = 0
    for k in range(WINDOWS):
        at = first + (last - first) * k // WINDOWS
        i = max(bisect_left(units, at, key=lambda unit: unit.start), taken)
        window: list[tuple[int, int, bool]] = []
        size = 0
        while i < len(units) and size < per_window:
            start, end = clipped(units[i])
            if end > start:
                window.append((start, end, _paragraph_ends(units, i)))
                size += end - start
            i += 1
        if window:
            windows.append(window)
        taken = i
    return windows, True


def _paragraph_ends(units: Sequence[Unit], i: int) -> bool:
    """A segment is the last of its paragraph; units that do not say (lines) each are one."""
    here = getattr(units[i], "paragraph", None)
    return here is None or i + 1 == len(units) or getattr(units[i + 1], "paragraph", None) != here
