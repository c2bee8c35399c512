"""Where a run of prose lines may end a segment: sentence boundaries, and cuts of over-long runs.

``sentences`` decides the layout (blocks, bullets, headings, which lines run
together as prose); this module decides, inside such a run, after which
terminal ("." "?" "。" ...) a sentence ends, and where a run with no such end
is cut so that no segment exceeds ``MAX_SEGMENT_CHARS``. Those rules are
character-level (abbreviations, closing quotes, caseless scripts) and know
nothing of lines or paragraphs, so they live apart from the layout rules and
can be read and tested on their own. The punctuation classes live here too:
the layout rules import the few they need.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterator

from mtcheck.english.abbreviations import NEVER_SENTENCE_FINAL, SOMETIMES_SENTENCE_FINAL
from mtcheck.english.function_words import SENTENCE_STARTERS

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

# Possessive, and only at the start of a run of terminals: a megabyte of "?"
# is read once, not once per "?" (which took minutes for 40,000).
_CANDIDATE = re.compile(f"(?<![{_TERMINALS}])([{_TERMINALS}]++)([{re.escape(_CLOSERS)}]*+)(\\s*+)")
_CLAUSE_END = re.compile(r"[;:,—–；，、：]")
_SPACE = re.compile(r"\s")
_DOTTED = re.compile(r"(?:[A-Za-z]{1,2}\.)+[A-Za-z]{1,2}")
_ENUMERATOR = re.compile(r"\d{1,3}")
_LETTERS = re.compile(r"[^\W\d_]+")


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``start:end`` without its leading and trailing whitespace (the layout rules strip lines with it too)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


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
