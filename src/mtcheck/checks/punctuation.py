"""Broken, doubled, displaced or stray punctuation in the translation.

Every detector works on the text of one target pair and is silenced when the
aligned source shows the same thing: the check reports what the translation
broke, not the house style of the original.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any, Iterable, Iterator, Mapping

from mtcheck.checks.base import Check
from mtcheck.views import DocumentView, Side
from mtcheck.english.abbreviations import INNER_STOP_ABBREVIATIONS
from mtcheck.types import Finding, Severity, Span

GRAMMAR = "Fluency/Grammar"

# Two quote marks with only spaces between them: `for the " “direct planning`.
_ADJACENT_QUOTES = re.compile(r'["“”][ \t]*["“”]')

# A closing quote after sentence punctuation, a word or two, then another
# closing quote and punctuation: `lives." Citizens".` The span starts at the
# first quote, which is where the stray part begins.
_DISPLACED_QUOTE = re.compile(
    r"""(?<=[.!?,])["”][ \t]+[A-Za-z][\w'’-]*(?:[ \t]+[A-Za-z][\w'’-]*)?["”][.!?,;:]"""
)

# Runs of sentence punctuation, possibly separated by spaces. Newlines are left
# out: they separate segments, and segments are judged on their own.
_PUNCT_RUN = re.compile(r"[.!?,;:…](?:[ \t]*[.!?,;:…])+")

# A word, a full stop, then an all-lowercase word: "Iraq. society". Requiring
# the whole next word in lowercase spares brands such as "iPhone".
_INNER_STOP = re.compile(
    r"(?<![\w'’.-])(?P<word>[A-Za-z][\w'’.-]*)\.[ \t]+(?=(?P<next>[a-z][a-z'’-]*)(?![\w]))"
)

# Three or more full stops, spaced or not ("...", ". . ."): an ellipsis.
_ELLIPSIS = re.compile(r"\.(?:[ \t]?\.){2,}")

# Whitespace before a mark. A dash before the space is a parenthetical
# (" - "), not a misplaced mark, so it is not a hit.
_SPACE_BEFORE = re.compile(r"(?<=[^\s\-–—])[ \t\u00a0]+(?P<mark>[,.;:!?])")


@dataclass(frozen=True)
class _Hit:
    start: int  # relative to the pair's target text
    end: int
    key: str | None  # text that, found in the source, explains the hit
    message: str
    rank: int = 0  # detector order: the first detector to see a problem names it
    severity: Severity | None = None
    category: str | None = None
    # What the detector matched: its rule and the marks or words (the finding's evidence).
    evidence: Mapping[str, Any] = field(default_factory=dict)


class PunctuationCheck(Check):
    """Finds doubled, displaced or unbalanced quotes and stray punctuation the source lacks.

    Example from the seed: `according to U.S. Central Command for the " “direct
    planning and participation in attacks”`, a doubled quote the translation
    added, and `our security and lives." Citizens".`, a quote left behind a
    displaced word.
    """

    name = "punctuation"
    category = "Fluency/Punctuation"
    severity = Severity.MINOR

    def run(self, doc: DocumentView) -> Iterator[Finding]:
        for view in doc.pairs:
            target = view.target
            if target.empty or not target.text.strip():
                continue
            source_text = "" if view.source.empty else view.source.text
            source_span = _whole(view.source)
            hits = [
                h for h in _hits(target.text, source_text)
                if h.key is None or h.key not in source_text
            ]
            for hit in _drop_echoes(hits):
                yield self.finding(
                    view,
                    hit.message,
                    target.span(hit.start, hit.end),
                    source_span,
                    severity=hit.severity,
                    category=hit.category,
                    evidence=hit.evidence,
                )


def _whole(side: Side) -> Span | None:
    return None if side.empty else side.span(0, len(side.text))


def _hits(text: str, source_text: str) -> Iterator[_Hit]:
    detectors = [
        _adjacent_quotes,
        _displaced_quotes,
        # The source's own imbalance (a quotation running over two
        # sentences) explains the target's.
        _unbalanced_quotes if _quotes_balanced(source_text) else None,
        _repeated_punctuation,
        _inner_full_stops,
        _space_before_punctuation,
    ]
    for rank, detector in enumerate(detectors):
        if detector is not None:
            for hit in detector(text):
                yield replace(hit, rank=rank)


def _adjacent_quotes(text: str) -> Iterator[_Hit]:
    for m in _ADJACENT_QUOTES.finditer(text):
        # `"Yes" "No"`: a closing quote, a space, an opening quote is two
        # quotations side by side, not a doubled mark.
        follows_word = m.start() > 0 and not text[m.start() - 1].isspace()
        if follows_word and m.end() - m.start() > 2:
            continue
        yield _Hit(
            m.start(), m.end(), m.group(), f"doubled quote marks {m.group()!r}",
            evidence={"rule": "doubled quote marks", "matched": m.group()},
        )


def _displaced_quotes(text: str) -> Iterator[_Hit]:
    for m in _DISPLACED_QUOTE.finditer(text):
        yield _Hit(
            m.start(), m.end(), m.group(),
            f"quote mark displaced around a word: {m.group()!r}",
            evidence={"rule": "displaced quote mark", "matched": m.group()},
        )


def _quotes_balanced(text: str) -> bool:
    return text.count('"') % 2 == 0 and text.count("“") == text.count("”")


def _unbalanced_quotes(text: str) -> Iterator[_Hit]:
    rule = "unmatched quote mark"
    if text.count('"') % 2:
        evidence = {"rule": rule, "mark": '"', "straight_quotes": text.count('"')}
        for i in _unmatched_straight(text):
            yield _Hit(i, i + 1, None, "unmatched quote mark '\"'", evidence=evidence)
    if text.count("“") != text.count("”"):
        counts = {"opening_quotes": text.count("“"), "closing_quotes": text.count("”")}
        for i in _unmatched_curly(text):
            evidence = {"rule": rule, "mark": text[i], **counts}
            yield _Hit(i, i + 1, None, f"unmatched quote mark {text[i]!r}", evidence=evidence)


def _unmatched_straight(text: str) -> list[int]:
    # Straight quotes do not say which way they face, so guess from context:
    # one glued to the word before it closes, any other opens.
    open_at: list[int] = []
    unmatched: list[int] = []
    for i, char in enumerate(text):
        if char != '"':
            continue
        closes = i > 0 and not text[i - 1].isspace() and text[i - 1] not in "([{"
        if closes and open_at:
            open_at.pop()
        elif closes:
            unmatched.append(i)
        else:
            open_at.append(i)
    return sorted(unmatched + open_at)


def _unmatched_curly(text: str) -> list[int]:
    open_at: list[int] = []
    unmatched: list[int] = []
    for i, char in enumerate(text):
        if char == "“":
            open_at.append(i)
        elif char == "”":
            if open_at:
                open_at.pop()
            else:
                unmatched.append(i)
    return sorted(unmatched + open_at)


def _repeated_punctuation(text: str) -> Iterator[_Hit]:
    for m in _PUNCT_RUN.finditer(text):
        run = m.group()
        if "…" in run or _ELLIPSIS.search(run):
            continue  # an ellipsis, alone or next to other marks, is deliberate
        marks = run.replace(" ", "").replace("\t", "")
        spaced = len(marks) != len(run)
        if spaced or _bad_contiguous(marks):
            yield _Hit(
                m.start(), m.end(), run, f"repeated punctuation {run!r}",
                evidence={"rule": "repeated punctuation", "matched": run},
            )


def _bad_contiguous(marks: str) -> bool:
    for first, second in zip(marks, marks[1:]):
        # "etc.," and "U.S.:" are fine, "?!" is emphasis; ",," "said,." and
        # ".." are not.
        if first in ",;:" or first == second == ".":
            return True
    return False


def _inner_full_stops(text: str) -> Iterator[_Hit]:
    for m in _INNER_STOP.finditer(text):
        word = m.group("word")
        if _is_abbreviation(word):
            continue
        # The next word sits in a lookahead so that it can start another hit.
        end = m.end("next")
        phrase = text[m.start() : end]
        yield _Hit(
            m.start(), end, phrase,
            f"full stop inside a sentence: {phrase!r}",
            severity=Severity.MAJOR,
            category=GRAMMAR,
            evidence={
                "rule": "full stop inside a sentence", "matched": phrase, "word": word, "next_word": m.group("next"),
            },
        )


def _is_abbreviation(word: str) -> bool:
    return "." in word or len(word) == 1 or word.lower() in INNER_STOP_ABBREVIATIONS


def _space_before_punctuation(text: str) -> Iterator[_Hit]:
    # " ..." and " . . .": spaces before and inside an ellipsis are usual.
    in_ellipsis = {i for m in _ELLIPSIS.finditer(text) for i in range(m.start(), m.end())}
    for m in _SPACE_BEFORE.finditer(text):
        after = text[m.end() : m.end() + 1]
        if after.isdigit():
            continue  # " .5 percent", " :30": the mark belongs to a number
        if m.start("mark") in in_ellipsis:
            continue
        yield _Hit(
            m.start(), m.end(), m.group(),
            f"space before {m.group('mark')!r}",
            evidence={"rule": "space before punctuation", "matched": m.group(), "mark": m.group("mark")},
        )


def _drop_echoes(hits: Iterable[_Hit]) -> list[_Hit]:
    """Keep one finding per problem: a hit overlapping an earlier detector's is its echo.

    "Iraq. ." is repeated punctuation and also a space before "."; the stray
    quote in `lives." Citizens".` is also the unmatched one.
    """
    hits = list(hits)
    kept = [
        hit
        for hit in hits
        if not any(
            other.rank < hit.rank and other.start < hit.end and hit.start < other.end
            for other in hits
        )
    ]
    return sorted(kept, key=lambda h: (h.start, h.end))
