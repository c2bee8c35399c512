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
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Iterator

from mtcheck.english.abbreviations import NEVER_SENTENCE_FINAL, SOMETIMES_SENTENCE_FINAL
from mtcheck.english.function_words import LINE_WRAP_ENDINGS, SENTENCE_STARTERS
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

# The longest sentences of English news run to ~900 characters (886 in the
# WMT21 news references, DEMETR and the seed; 99.9% are under 880), Chinese
# ones to ~220. A longer segment is a text without punctuation, cut so that
# no later stage meets a megabyte "sentence".
MAX_SEGMENT_CHARS = 1_000
# Such a run is no sentence, so nothing is lost by cutting it finer, into
# pieces of about a long sentence (300 characters, ~50 words). TER's shift
# search costs about the cube of a pair's words: a 170-word pair took 2.5 s,
# a 50-word one 0.1 s, and a megabyte without punctuation took minutes.
CUT_PIECE_CHARS = 300

_OPENERS = "\"“‘'«„([「『（《〈【〔"
_CLOSERS = "\"”’'»)]」』）》〉】〕"
_QUOTES = "\"”’'»」』"
# Chinese and Japanese full stops, exclamation and question marks: no space
# or capital follows them, so they end a sentence wherever they stand. The
# semicolon "；" and the ellipsis "……" stay inside, as ";" and "…" do in
# English, and so does the fullwidth "．" of numbers ("３．５％").
_CJK_TERMINALS = "。！？｡"
# Arabic question mark, Urdu full stop, Devanagari danda and double danda,
# Ethiopic full stop and question mark, Armenian full stop, Myanmar section
# mark, Tibetan shad: written before a space, like "." and "?".
_SCRIPT_TERMINALS = "؟۔।॥።፧։။།"
_TERMINALS = ".!?…" + _CJK_TERMINALS + _SCRIPT_TERMINALS

_BULLET = re.compile(r"[^\S\n]*[•·▪*\-–][^\S\n]+")
_TERMINAL_END = re.compile(f"[{_TERMINALS}][{re.escape(_CLOSERS)}]*\\Z")
# Possessive, and only at the start of a run of terminals: a megabyte of "?"
# is read once, not once per "?" (which took minutes for 40,000).
_CANDIDATE = re.compile(f"(?<![{_TERMINALS}])([{_TERMINALS}]++)([{re.escape(_CLOSERS)}]*+)(\\s*+)")
_CLAUSE_END = re.compile(r"[;:,—–；，、：]")
_SPACE = re.compile(r"\s")
_DOTTED = re.compile(r"(?:[A-Za-z]{1,2}\.)+[A-Za-z]{1,2}")
_ENUMERATOR = re.compile(r"\d{1,3}")
_LETTERS = re.compile(r"[^\W\d_]+")

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


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


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


def _split_sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    sentence_start = start
    for match in _CANDIDATE.finditer(text, start, end):
        if _is_boundary(text, sentence_start, match, end):
            yield sentence_start, match.end(2)
            sentence_start = match.end()
    yield sentence_start, end


def _is_boundary(text: str, sentence_start: int, match: re.Match[str], end: int) -> bool:
    following = match.end()
    if following >= end:
        return False
    terminal, closers, space = match.groups()
    if any(ch in _CJK_TERMINALS for ch in terminal):
        return True  # Chinese puts neither a space nor a capital after "。"
    if not space:
        return False
    if not _starts_sentence(text, following, end):
        # Lowercase after a line break: a lowercased text ("...by iran.\nmany
        # see it"), unless an abbreviation ("U.S.\nofficials") or a quote
        # ("\"Why?\"\nhe asked") ends the line.
        if "\n" not in space or any(c in _QUOTES for c in closers) or not text[following].islower():
            return False
        return terminal != "." or not _abbreviation(text, sentence_start, match)
    # "!", "?", "…" and runs like "?!" or "..." are never abbreviations.
    if terminal != ".":
        return True
    # A quote closed after the period ends the quoted sentence and this one.
    if any(c in _QUOTES for c in closers):
        return True
    word_start = match.start()
    while word_start > sentence_start and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start : match.start()]
    if word_start == sentence_start and _ENUMERATOR.fullmatch(word):
        return False  # "1. The first point" is a list number, not a sentence
    word = word.lstrip(_OPENERS)
    # "(D-Conn." is checked as "Conn".
    parts = {word, re.split(r"[-/]", word)[-1]}
    if parts & NEVER_SENTENCE_FINAL:
        return False
    if (
        parts & SOMETIMES_SENTENCE_FINAL
        or _DOTTED.fullmatch(word)
        or (len(word) == 1 and word.isupper())
    ):
        return _starter(_next_word(text, following, end))
    return True


def _abbreviation(text: str, sentence_start: int, match: re.Match[str]) -> bool:
    """The word before a "." is one that takes a full stop without ending a sentence."""
    word_start = match.start()
    while word_start > sentence_start and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start : match.start()].lstrip(_OPENERS)
    parts = {word, re.split(r"[-/]", word)[-1]}
    return bool(
        parts & (NEVER_SENTENCE_FINAL | SOMETIMES_SENTENCE_FINAL)
        or _DOTTED.fullmatch(word)
        or _ENUMERATOR.fullmatch(word)
        or len(word) == 1
    )


def _starts_sentence(text: str, pos: int, end: int) -> bool:
    while pos < end and text[pos] in _OPENERS:
        pos += 1
    return pos < end and (text[pos].isupper() or text[pos].isdigit() or _caseless(text[pos]))


def _caseless(ch: str) -> bool:
    """A letter of a script without capitals (Han, Arabic, Hebrew, Devanagari, Thai...)."""
    return ch.isalpha() and not ch.isupper() and not ch.islower()


def _caseless_at(text: str, pos: int, step: int) -> bool:
    """The first letter from ``pos`` in direction ``step``, past a few marks, is caseless."""
    for _ in range(8):
        if not 0 <= pos < len(text) or text[pos] == "\n":
            return False
        if text[pos].isalpha():
            return _caseless(text[pos])
        pos += step
    return False


def _capped(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """``start:end``, longer than ``MAX_SEGMENT_CHARS``, in pieces of at most ``CUT_PIECE_CHARS``, stripped.

    Each cut lies in the second half of the allowed length, so each piece
    costs O(CUT_PIECE_CHARS) and advances at least half of it: linear.
    """
    while end - start > CUT_PIECE_CHARS:
        cut = _cut(text, start + CUT_PIECE_CHARS // 2, start + CUT_PIECE_CHARS)
        yield _strip_span(text, start, cut)
        start, _ = _strip_span(text, cut, end)
    yield start, end


def _cut(text: str, low: int, limit: int) -> int:
    """Where to end a piece in ``low:limit``: after the last clause mark, else at the last space, else at ``limit``."""
    for pattern in (_CLAUSE_END, _SPACE):
        last = None
        for last in pattern.finditer(text, low, limit):
            pass
        if last is not None:
            return last.end() if pattern is _CLAUSE_END else last.start()
    cut = limit
    # Not between a letter and its accent: scripts without spaces still have marks.
    while cut > low and unicodedata.category(text[cut])[0] == "M":
        cut -= 1
    return cut


def _starter(word: str) -> bool:
    """A capitalised sentence starter: "The", "Officials", "I" (not "THE", not "the")."""
    return word == word.capitalize() and word.lower() in SENTENCE_STARTERS


def _next_word(text: str, pos: int, end: int) -> str:
    while pos < end and text[pos] in _OPENERS:
        pos += 1
    match = _LETTERS.match(text, pos, end)
    return match.group() if match else ""
