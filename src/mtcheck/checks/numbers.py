"""Numbers, dates and times that differ between a source pair and its translation.

Both sides are reduced to a multiset of normalised mentions, so the check is
blind to how a number is written ("1,200" or "1200", "three" or "3", "Oct." or
"October", "7th" or "7") and sees only what changed or went missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Iterator

from mtcheck.checks.base import Check, DocumentView, PairView, Side
from mtcheck.checks.registry import register
from mtcheck.types import Finding, Severity

OMISSION = "Accuracy/Omission"

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
# "hundred" and "dozen" scale the group being built; the large ones close it.
SCALES = {"hundred": 100, "dozen": 12}
MAGNITUDES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}

MONTHS = {
    name: n
    for n, name in enumerate(
        "January February March April May June July August September October "
        "November December".split(),
        start=1,
    )
}
MONTH_ABBREVIATIONS = {
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8,
    "Sep": 9, "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12,
}
WEEKDAYS = {
    name: n
    for n, name in enumerate(
        "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split(), start=1
    )
}

# A letter just before digits makes them part of a name ("G7", "T11"); a
# hyphen does not ("F-16"; "60-year-old" gives 60). Digits right after "3," or
# "3." are the tail of a number already read ("3,5" written the German way).
_TOKEN = re.compile(
    r"""
    (?P<time>(?<![\w:.])\d{1,2}:\d{2}(?::\d{2})?(?![\d:]))
  | (?P<digits>(?<!\w)(?<!\d[.,])(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?
               (?:(?:st|nd|rd|th)(?![A-Za-z]))?%?)
  | (?P<word>[A-Za-z]+\.?)
    """,
    re.VERBOSE,
)
# Number words join across spaces or one hyphen ("twenty-five"), never lines.
_JOINER = re.compile(r"[ \t]+|[ \t]*-[ \t]*")


@dataclass(frozen=True)
class Mention:
    """One number-like expression, with offsets into the text it came from."""

    kind: str  # "number", "time", "month" or "weekday"
    value: object
    start: int
    end: int
    text: str
    weak: bool = False  # a bare "one": counted only against a digit 1

    @property
    def key(self) -> tuple[str, object]:
        return (self.kind, self.value)


@register
class NumbersCheck(Check):
    """Finds numbers, dates and times that differ from or are missing against the source.

    Example from the seed: the source's "At the funeral of 17 other slain
    militiamen" would be flagged if the translation dropped the 17, while
    "since October 7th" against "since Oct. 7" is the same date and passes.
    """

    name = "numbers"
    category = "Accuracy/Mistranslation"
    severity = Severity.MAJOR

    def run(self, doc: DocumentView) -> Iterator[Finding]:
        for view in doc.pairs:
            if _blank(view.target) or _blank(view.source):
                continue  # insertion and omission checks own one-sided pairs
            yield from self._compare(view)

    def _compare(self, view: PairView) -> Iterator[Finding]:
        target = extract_numbers(view.target.text)
        source = extract_numbers(view.source.text)
        lone_target, lone_source = _unmatched(target, source)
        for mention in lone_target:
            partner = next((m for m in lone_source if m.kind == mention.kind), None)
            if partner is not None:
                lone_source.remove(partner)
                message = (
                    f"{mention.kind} {mention.text} does not match the source ({partner.text})"
                )
                source_span = view.source.span(partner.start, partner.end)
            else:
                message = f"{mention.kind} {mention.text} does not match the source"
                source_span = None
            yield self.finding(
                view, message, view.target.span(mention.start, mention.end), source_span
            )
        for mention in lone_source:
            yield self.finding(
                view,
                f"source {mention.kind} {mention.text} is missing from the translation",
                None,
                view.source.span(mention.start, mention.end),
                category=OMISSION,
            )


def _blank(side: Side) -> bool:
    return side.empty or not side.text.strip()


def _unmatched(target: list[Mention], source: list[Mention]) -> tuple[list[Mention], list[Mention]]:
    """The strong mentions of each side that the other side does not account for."""
    lone_target = [m for m in target if not m.weak]
    lone_source = [m for m in source if not m.weak]
    for mention in list(lone_target):
        twin = next((m for m in lone_source if m.key == mention.key), None)
        if twin is not None:
            lone_target.remove(mention)
            lone_source.remove(twin)
    # "one" is too often a pronoun ("one of the groups", "no one") to count
    # on its own; it only vouches for a digit 1 on the other side.
    _absorb_ones(lone_target, [m for m in source if m.weak])
    _absorb_ones(lone_source, [m for m in target if m.weak])
    return lone_target, lone_source


def _absorb_ones(lone: list[Mention], weak_ones: list[Mention]) -> None:
    for mention in list(lone):
        if weak_ones and mention.key == ("number", 1):
            weak_ones.pop()
            lone.remove(mention)


def extract_numbers(text: str) -> list[Mention]:
    """Every number, clock time, month and weekday in ``text``, in order."""
    tokens = list(_TOKEN.finditer(text))
    mentions = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.lastgroup == "time":
            hours, rest = token.group().split(":", 1)
            mentions.append(_mention("time", f"{int(hours)}:{rest}", token, token))
            i += 1
            continue
        calendar = _calendar(tokens, i)
        if calendar is not None:
            mentions.append(calendar)
            i += 1
            continue
        parsed = _number_phrase(text, tokens, i)
        if parsed is None:
            i += 1
            continue
        value, end = parsed
        first, last = tokens[i], tokens[end - 1]
        weak = end == i + 1 and first.group().lower().rstrip(".") == "one"
        mentions.append(_mention("number", value, first, last, weak=weak))
        i = end
    return mentions


def _mention(kind: str, value: object, first: re.Match, last: re.Match, weak: bool = False) -> Mention:
    # A word token may carry a sentence's full stop ("in October."); keep it
    # out of the span unless it is an abbreviation's own dot.
    end = last.end()
    if kind == "number" and last.lastgroup == "word" and last.group().endswith("."):
        end -= 1
    text = first.string[first.start() : end]
    return Mention(kind, value, first.start(), end, text, weak)


def _calendar(tokens: list[re.Match], i: int) -> Mention | None:
    token = tokens[i]
    if token.lastgroup != "word":
        return None
    word = token.group()
    bare = word.rstrip(".")
    near_digits = _digits_near(tokens, i)
    if bare in WEEKDAYS:
        return Mention("weekday", WEEKDAYS[bare], token.start(), token.start() + len(bare), bare)
    if bare in MONTHS:
        # "May" is also a verb and a surname; trust it only next to a date.
        if bare == "May" and not near_digits:
            return None
        return Mention("month", MONTHS[bare], token.start(), token.start() + len(bare), bare)
    if bare in MONTH_ABBREVIATIONS and (word.endswith(".") or near_digits):
        return Mention("month", MONTH_ABBREVIATIONS[bare], token.start(), token.end(), word)
    return None


def _digits_near(tokens: list[re.Match], i: int) -> bool:
    neighbours = tokens[max(i - 1, 0) : i] + tokens[i + 1 : i + 2]
    return any(t.lastgroup == "digits" for t in neighbours)


def _number_phrase(text: str, tokens: list[re.Match], i: int) -> tuple[Fraction, int] | None:
    """The value of the number starting at token ``i`` and the index after it."""
    first = tokens[i]
    head = _word(first)
    if first.lastgroup == "digits":
        group, last = _digits_value(first.group()), "digits"
    elif head in UNITS or head in TENS:
        group, last = Fraction(UNITS.get(head, TENS.get(head, 0))), "tens" if head in TENS else "unit"
    elif head in ("a", "an") and _scale_follows(text, tokens, i):
        group, last = Fraction(1), "a"  # "a dozen", "a million"
    else:
        return None
    total = Fraction(0)
    j = i + 1
    while j < len(tokens) and _joined(text, tokens[j - 1], tokens[j]):
        word = _word(tokens[j])
        if tokens[j - 1].group().endswith("."):
            break  # a full stop ends the number even where spaces follow
        if word == "and" and last in ("scale", "magnitude") and _count_word_follows(text, tokens, j):
            j += 1  # "three hundred and twenty"
            continue
        if word in SCALES and last in ("digits", "unit", "tens", "a"):
            group, last = group * SCALES[word], "scale"
        elif word in MAGNITUDES and last in ("digits", "unit", "tens", "a", "scale"):
            total, group, last = total + group * MAGNITUDES[word], Fraction(0), "magnitude"
        elif word in UNITS and UNITS[word] < 10 and last == "tens":
            group, last = group + UNITS[word], "unit"  # "twenty-five"
        elif (word in UNITS or word in TENS) and last in ("scale", "magnitude"):
            group += UNITS.get(word, TENS.get(word, 0))
            last = "tens" if word in TENS else "unit"
        else:
            break
        j += 1
    return total + group, j


def _scale_follows(text: str, tokens: list[re.Match], i: int) -> bool:
    if i + 1 >= len(tokens) or not _joined(text, tokens[i], tokens[i + 1]):
        return False
    word = _word(tokens[i + 1])
    return word in SCALES or word in MAGNITUDES


def _count_word_follows(text: str, tokens: list[re.Match], i: int) -> bool:
    if i + 1 >= len(tokens) or not _joined(text, tokens[i], tokens[i + 1]):
        return False
    word = _word(tokens[i + 1])
    return word in UNITS or word in TENS


def _word(token: re.Match) -> str:
    return token.group().lower().rstrip(".") if token.lastgroup == "word" else ""


def _joined(text: str, left: re.Match, right: re.Match) -> bool:
    return _JOINER.fullmatch(text, left.end(), right.start()) is not None


def _digits_value(token: str) -> Fraction:
    digits = re.match(r"[\d,]+(?:\.\d+)?", token).group()
    return Fraction(digits.replace(",", ""))
