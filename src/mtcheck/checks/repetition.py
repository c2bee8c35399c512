"""Repeated phrases and machine-translation loops that the source does not repeat."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterator

from mtcheck.checks.base import Check
from mtcheck.views import DocumentView, PairView
from mtcheck.english.doublings import GRAMMATICAL_DOUBLINGS, doubled_words
from mtcheck.english.words import TOKEN
from mtcheck.params import Params, param
from mtcheck.types import Finding, Severity

# What may stand between the words of a run: anything but a sentence end or a
# newline ("water/swamp water/swamp", "(SANParks (SANParks").
JOINABLE_GAP = re.compile(r"[^\w\n.!?]*")


@dataclass(frozen=True)
class RepetitionParams(Params):
    # Longer loops are caught by the phrase counter (loop_phrase_*).
    longest_unit: int = param(8, "words in the longest phrase looked for repeated back to back")
    # Phrase lengths counted across a pair, longest first.
    loop_phrase_longest: int = param(6, "words in the longest phrase counted for a translation loop")
    loop_phrase_shortest: int = param(3, "words in the shortest phrase counted for a translation loop")
    loop_count: int = param(3, "times a phrase recurs in a pair, more than in the source, to be a loop")
    # "one of the" three times is English.
    content_letters: int = param(4, "letters of the longest word a loop phrase needs")


@dataclass(frozen=True)
class Run:
    """``count`` back-to-back copies of ``unit`` from token ``first`` on."""

    unit: tuple[str, ...]
    count: int
    first: int

    @property
    def last(self) -> int:
        return self.first + self.count * len(self.unit) - 1


class RepetitionCheck(Check):
    """A phrase repeated back to back, or a word or phrase looping, where the source has none.

    Example (DEMETR minor_id2_repeat4 with commas): "…after eating contaminated
    pet food, food, food." and the stutter "in the city in the city". What
    ``doubled-words`` finds (a plain word twice or more with spaces between,
    "food food food") is left to it; this check takes phrases of two or more
    words, three or more copies of one word across commas, words it cannot
    see ("Covid-19 Covid-19", "60 60 60"), and phrases of three or more words
    that recur three times in a pair (the loops of neural MT).
    """

    name = "repetition"
    category = "Fluency/Grammar"
    severity = Severity.MINOR
    Params = RepetitionParams

    def run(self, doc: DocumentView) -> Iterator[Finding]:
        longest_unit = self.params.longest_unit
        for view in doc.pairs:
            if view.target.empty:
                continue
            source = "" if view.source.empty else view.source.text
            source_span = None if view.source.empty else view.source.span(0, len(source))
            target = view.target.text
            tokens = list(TOKEN.finditer(target))
            words = [m.group().lower() for m in tokens]
            explained = {run.unit for run in tandem_runs(source, longest_unit)}
            covered: set[int] = set()
            for run in tandem_runs(target, longest_unit, tokens):
                if run.unit in explained or not _reportable(run, target, tokens):
                    continue
                covered.update(range(run.first, run.last + 1))
                yield self._tandem_finding(view, run, tokens, source_span)
            for phrase, starts, in_source in loops(words, _words(source), self.params):
                positions = {start + k for start in starts for k in range(len(phrase))}
                if positions <= covered:
                    continue  # a part of a loop or run already reported
                covered |= positions
                first, last = tokens[starts[0]], tokens[starts[-1] + len(phrase) - 1]
                yield self.finding(
                    view,
                    f"phrase '{' '.join(phrase)}' recurs {len(starts)} times in this pair, "
                    f"{in_source} in the source: a translation loop",
                    view.target.span(first.start(), last.end()),
                    source_span,
                    severity=Severity.MAJOR,
                    category="Accuracy/Addition",
                    confidence=0.8,
                    evidence={"rule": "loop", "phrase": " ".join(phrase), "count": len(starts),
                              "source_count": in_source},
                )

    def _tandem_finding(self, view: PairView, run: Run, tokens, source_span) -> Finding:
        # The span is the copies after the first: the words a rater would strike
        # out (on news MQM a span over the whole run was 7% rater-marked).
        start, end = tokens[run.first + len(run.unit)].start(), tokens[run.last].end()
        kind = "word" if len(run.unit) == 1 else "phrase"
        message = f"{kind} '{' '.join(run.unit)}' said {run.count} times back to back; the source does not repeat it"
        evidence = {"rule": "back to back", "phrase": " ".join(run.unit), "count": run.count}
        if run.count == 2:
            return self.finding(view, message, view.target.span(start, end), source_span, confidence=0.9,
                                evidence=evidence)
        # Three or more copies are a loop: words the source does not have. A
        # phrase looping garbles the sentence (major); one word looping, as
        # DEMETR's "food food food food", is minor.
        first_copy = view.target.text[tokens[run.first].start() : tokens[run.first + len(run.unit) - 1].end()]
        major = len(first_copy.split()) > 1
        return self.finding(
            view,
            message,
            view.target.span(start, end),
            source_span,
            severity=Severity.MAJOR if major else Severity.MINOR,
            category="Accuracy/Addition",
            confidence=0.9,
            evidence=evidence,
        )


def tandem_runs(text: str, longest_unit: int, tokens: list[re.Match[str]] | None = None) -> Iterator[Run]:
    """Back-to-back repeats of a word or phrase of up to ``longest_unit`` words, left to right,
    the longest run at each word."""
    tokens = list(TOKEN.finditer(text)) if tokens is None else tokens
    words = [m.group().lower() for m in tokens]
    breaks = [0]  # breaks[i]: gaps before token i that no run may cross
    for left, right in zip(tokens, tokens[1:]):
        joinable = JOINABLE_GAP.fullmatch(text, left.end(), right.start()) is not None
        breaks.append(breaks[-1] + (not joinable))
    i = 0
    while i < len(words):
        best = _longest_run_at(words, breaks, i, longest_unit)
        if best is None:
            i += 1
            continue
        yield best
        # A word said twice may start a phrase repeat: "the the city the city".
        i = i + 1 if (len(best.unit), best.count) == (1, 2) else best.last + 1


def _longest_run_at(words: list[str], breaks: list[int], i: int, longest_unit: int) -> Run | None:
    best: Run | None = None
    for size in range(1, longest_unit + 1):
        if i + 2 * size > len(words):
            break
        if words[i + size] != words[i]:
            continue  # a second copy would start with the same word (most sizes end here, cheaply)
        unit = tuple(words[i : i + size])
        if not _primitive(unit):
            continue
        count = 1
        while (
            words[i + count * size : i + (count + 1) * size] == list(unit)
            and breaks[i + (count + 1) * size - 1] == breaks[i]
        ):
            count += 1
        if count >= 2 and (best is None or count * size > best.count * len(best.unit)):
            best = Run(unit, count, i)
    return best


def _primitive(unit: tuple[str, ...]) -> bool:
    """False for a unit that is itself a repeat ("food food"): the shorter unit covers it."""
    size = len(unit)
    return not any(size % d == 0 and unit == unit[:d] * (size // d) for d in range(1, size))


def _reportable(run: Run, text: str, tokens: list[re.Match[str]]) -> bool:
    if all(word.isdigit() for word in run.unit):
        return run.count >= 3  # "10 10" is a score or a table; "60 60 60 60" is a loop
    if len(run.unit) > 1:
        return True
    word = run.unit[0]
    span = text[tokens[run.first].start() : tokens[run.last].end()]
    if word in doubled_words(span):
        # doubled-words reports "food food food", and lets "is is" pass as
        # grammatical ("what it is is"); three times never is.
        return word in GRAMMATICAL_DOUBLINGS and run.count >= 3
    # Twice is a finding only where doubled-words cannot see it: hyphens or
    # digits ("Covid-19 Covid-19") with nothing but spaces between; "no, no" is English.
    return run.count >= 3 or text[tokens[run.first].end() : tokens[run.first + 1].start()].isspace()


def loops(
    words: list[str], source_words: list[str], params: RepetitionParams
) -> Iterator[tuple[tuple[str, ...], list[int], int]]:
    """Phrases of ``loop_phrase_shortest``+ words recurring ``loop_count``+ times, more often than in the source.

    Yields each phrase with its start tokens and its count in the source,

    longest phrases first, so that the caller can drop the shorter phrases inside them.
    """
    for size in range(params.loop_phrase_longest, params.loop_phrase_shortest - 1, -1):
        source_counts = Counter(_ngrams(source_words, size))
        for phrase, count in Counter(_ngrams(words, size)).items():
            if count < params.loop_count or count <= source_counts[phrase]:
                continue
            if not any(len(word) >= params.content_letters for word in phrase):
                continue
            starts = _non_overlapping(words, phrase)
            if len(starts) >= params.loop_count:
                yield phrase, starts, source_counts[phrase]


def _ngrams(words: list[str], size: int) -> Iterator[tuple[str, ...]]:
    return (tuple(words[i : i + size]) for i in range(len(words) - size + 1))


def _non_overlapping(words: list[str], phrase: tuple[str, ...]) -> list[int]:
    starts, i = [], 0
    while i <= len(words) - len(phrase):
        if tuple(words[i : i + len(phrase)]) == phrase:
            starts.append(i)
            i += len(phrase)
        else:
            i += 1
    return starts


def _words(text: str) -> list[str]:
    return [m.group().lower() for m in TOKEN.finditer(text)]
