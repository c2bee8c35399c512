"""Number-like mentions in English text: numbers, clock times, months and weekdays.

Each mention is normalised ("1,200" and "1200", "three" and "3", "Oct." and
"October", "7th" and "7" give the same key), with offsets into the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from fractions import Fraction
from functools import lru_cache

from mtcheck.english.dates import MONTH_ABBREVIATIONS, MONTHS, WEEKDAYS


def counted(names: str) -> dict[str, int]:
    """Each of the space-separated ``names`` with its place in the list, from 1."""
    return {name: n for n, name in enumerate(names.split(), start=1)}


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
# Written straight after the digits in financial copy: "PLN 103bn".
MAGNITUDE_SUFFIXES = {"bn": 10**9, "tn": 10**12}
# Words that only vouch for a number the other side spells with digits: "first"
# and "both" are too often not counts ("first time", "both sides") to stand
# alone, but "November first" is "November 1st", "every sixth" is "one in
# six", "the fifties" are "the 50s" and "both agencies" are "the two agencies".
ORDINALS = counted(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
)
VOUCHING_WORDS = {
    "one": 1, "both": 2, **ORDINALS,
    **{tens[:-1] + "ieth": value for tens, value in TENS.items()},
    **{tens[:-1] + "ies": value for tens, value in TENS.items()},
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
    weak: bool = False  # a vouching word ("one", "first", "both"): counted only against digits
    # German digit grouping reads "272.000" as 272,000: the other reading it may match.
    alternative: object = None

    @property
    def keys(self) -> tuple[tuple[str, object], ...]:
        return (self.key,) if self.alternative is None else (self.key, (self.kind, self.alternative))

    @property
    def key(self) -> tuple[str, object]:
        return (self.kind, self.value)


def extract_numbers(text: str) -> list[Mention]:
    """Every number, clock time, month and weekday in ``text``, in order."""
    return list(_mentions(text))


@lru_cache(maxsize=4096)  # the word matcher and the numbers analysis read each segment's numbers
def _mentions(text: str) -> tuple[Mention, ...]:
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
        mention = _mention("number", value, first, last, weak=end == i + 1 and _word(first) in VOUCHING_WORDS)
        if first.lastgroup == "digits" and end == i + 1 and re.fullmatch(r"\d{1,3}(?:\.\d{3})+", first.group()):
            mention = replace(mention, alternative=Fraction(first.group().replace(".", "")))
        mentions.append(mention)
        i = end
    return tuple(mentions)


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
    elif head in VOUCHING_WORDS:
        return Fraction(VOUCHING_WORDS[head]), i + 1
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
        if word in MAGNITUDE_SUFFIXES and last == "digits" and tokens[j - 1].end() == tokens[j].start():
            total, group, last = total + group * MAGNITUDE_SUFFIXES[word], Fraction(0), "magnitude"
        elif word in SCALES and last in ("digits", "unit", "tens", "a"):
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
    if left.end() == right.start() and _word(right) in MAGNITUDE_SUFFIXES:
        return True  # "103bn"
    return _JOINER.fullmatch(text, left.end(), right.start()) is not None


def _digits_value(token: str) -> Fraction:
    digits = re.match(r"[\d,]+(?:\.\d+)?", token).group()
    return Fraction(digits.replace(",", ""))
