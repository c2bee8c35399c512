"""Split an English news article into sentence, heading and bullet segments.

The splitter is rule-based on purpose: it must run offline, deterministically
and fast, and news English is regular enough that a list of abbreviations plus
a few layout rules gets nearly every boundary right.  Offsets always point
into the original text, so nothing here rewrites or re-joins strings.

A target may not be English at all (mtcheck.segment.language judges that), so the
rules also end sentences at the terminals of other scripts (Chinese "。" needs
no space or capital after it) and at line breaks next to a caseless script,
where no English hard wrap can be. Every regex runs in linear time, and no
segment is longer than ``MAX_SEGMENT_CHARS``.

This module reads the layout: blocks, bullets, headings, and which lines run
together as prose. Where a sentence ends inside such a run, and where an
over-long run is cut, is decided in ``_boundaries``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from mtcheck.english.function_words import LINE_WRAP_ENDINGS
from mtcheck.segment._boundaries import (
    _CLOSERS,
    _OPENERS,
    _TERMINALS,
    CUT_PIECE_CHARS,
    MAX_SEGMENT_CHARS,
    _capped,
    _caseless,
    _caseless_at,
    _split_sentences,
    _strip_span,
)
from mtcheck.types import Segment, SegmentKind

__all__ = ["CUT_PIECE_CHARS", "MAX_SEGMENT_CHARS", "SEGMENTER_VERSION", "segment"]

# Goes into the report signature; bump it when a rule changes segment output.
SEGMENTER_VERSION = "rules-4"  # rules-4: sentence starters from english/function_words

# Hard-wrapped prose wraps at ~70-80 columns, so a short line that lacks
# final punctuation inside a paragraph is far more likely a heading.
_HEADING_MAX_CHARS = 60

# A headline with glued link text ("... strikes in Iran. No") is one heading
# even though it holds a full stop, but headlines stay under ~200 characters.
# A longer lone line without final punctuation is prose whose last sentence
# is unfinished (a paragraph cut off, or a whole article on one line), and
# its sentences are split as any paragraph's.
_HEADLINE_MAX_CHARS = 250

_BULLET = re.compile(r"[^\S\n]*[•·▪*\-–][^\S\n]+")
_TERMINAL_END = re.compile(f"[{_TERMINALS}][{re.escape(_CLOSERS)}]*\\Z")


@dataclass
class _Block:
    """Consecutive lines forming one paragraph; spans exclude bullet markers."""

    lines: list[tuple[int, int]]
    bullet: bool
    indent: int = 0  # column of the bullet marker this block belongs to


def segment(text: str) -> tuple[Segment, ...]:
    """Split ``text`` into segments with offsets into ``text``.

    ``text`` is decoded and uses ``"\\n"`` line endings.  Segments are
    stripped, non-empty, ordered, non-overlapping and at most
    ``MAX_SEGMENT_CHARS`` long; ``paragraph`` counts the paragraphs that
    produced at least one segment.
    """
    segments: list[Segment] = []
    paragraph = 0
    for block in _blocks(text):
        produced = False
        for start, end, kind in _block_segments(text, block):
            pieces = _capped(text, start, end) if end - start > MAX_SEGMENT_CHARS else ((start, end),)
            for piece_start, piece_end in pieces:
                segments.append(Segment(len(segments), piece_start, piece_end, kind, paragraph))
            produced = True
        paragraph += produced
    return tuple(segments)


def _lines(text: str) -> Iterator[str]:
    """``text.split("\n")``, one line at a time: the list of a 10 MB article's lines cost 20 MB."""
    pos = 0
    while (end := text.find("\n", pos)) >= 0:
        yield text[pos:end]
        pos = end + 1
    yield text[pos:]


def _blocks(text: str) -> list[_Block]:
    blocks: list[_Block] = []
    current: _Block | None = None  # block the next non-blank line may join
    item: _Block | None = None  # open list item that indented text continues
    pos = 0
    for line in _lines(text):
        start, end = pos, pos + len(line)
        pos = end + 1
        content = line.lstrip()
        if not content:
            current = None
            continue
        indent = len(line) - len(content)
        marker = _BULLET.match(line)
        # "- and then ..." right under a prose line is a wrapped dash.
        if marker and current is not None and not current.bullet:
            if content[0] in "-–" and line[marker.end() :][:1].islower():
                marker = None
        if marker:
            current = item = _Block([(start + marker.end(), end)], True, indent)
            blocks.append(current)
            continue
        if current is not None:
            # Lowercase lets an unindented hard-wrapped bullet keep going.
            if not current.bullet or indent > current.indent or content[0].islower():
                current.lines.append((start, end))
                continue
        # Text indented under a bullet, even after a blank line, belongs to
        # that list item ("  • 1 hour ago" + blank + "    ZDF woman asks ...").
        if item is not None and indent > item.indent:
            current = _Block([(start, end)], True, item.indent)
        else:
            item = None
            current = _Block([(start, end)], False)
        blocks.append(current)
    return blocks



def _block_segments(
    text: str, block: _Block
) -> Iterator[tuple[int, int, SegmentKind]]:
    lines = [_strip_span(text, s, e) for s, e in block.lines]
    lines = [(s, e) for s, e in lines if s < e]
    sentence = SegmentKind.BULLET if block.bullet else SegmentKind.SENTENCE
    heading = SegmentKind.BULLET if block.bullet else SegmentKind.HEADING

    run: list[tuple[int, int]] = []
    previous_heading = False
    for i, (start, end) in enumerate(lines):
        if _is_heading_line(text, lines, i, previous_heading):
            yield from _run_segments(text, run, sentence, heading)
            run = []
            yield start, end, heading
            previous_heading = True
        else:
            run.append((start, end))
            previous_heading = False
    yield from _run_segments(text, run, sentence, heading)


def _run_segments(
    text: str,
    run: list[tuple[int, int]],
    sentence: SegmentKind,
    heading: SegmentKind,
) -> Iterator[tuple[int, int, SegmentKind]]:
    if not run:
        return
    start, end = run[0][0], run[-1][1]
    # A lone unpunctuated line is a headline or page furniture ("Comments",
    # "As of: February 12, 2024, 12:35 p.m"), never a sentence to split.
    if len(run) == 1 and end - start <= _HEADLINE_MAX_CHARS and not _has_terminal(text[start:end]):
        yield start, end, heading
        return
    # No English sentence wraps onto a line of Chinese or Arabic, punctuated or not.
    first = 0
    for i in range(1, len(run)):
        if _caseless_at(text, run[i - 1][1] - 1, -1) or _caseless_at(text, run[i][0], 1):
            for piece_start, piece_end in _split_sentences(text, run[first][0], run[i - 1][1]):
                yield piece_start, piece_end, sentence
            first = i
    for piece_start, piece_end in _split_sentences(text, run[first][0], end):
        yield piece_start, piece_end, sentence


def _has_terminal(line: str) -> bool:
    return _TERMINAL_END.search(line) is not None


def _is_heading_line(
    text: str, lines: list[tuple[int, int]], i: int, previous_heading: bool
) -> bool:
    if i + 1 >= len(lines):
        return False  # the last line is judged with its run
    start, end = lines[i]
    line = text[start:end]
    if len(line) >= _HEADING_MAX_CHARS or _has_terminal(line):
        return False
    if line[-1] in ",;:-–" or line.rsplit(None, 1)[-1].lower() in LINE_WRAP_ENDINGS:
        return False
    # After an unfinished line this one is the tail of a wrapped sentence.
    if i > 0 and not previous_heading:
        prev_start, prev_end = lines[i - 1]
        if not _has_terminal(text[prev_start:prev_end]):
            return False
    next_start, next_end = lines[i + 1]
    first = text[next_start:next_end].lstrip(_OPENERS)[:1]
    return first.isupper() or _caseless(first)
