"""Synthetic meaning flips, mixed into the word model's training data as MetricX mixes synthetic failures into its own.

News raters mark few meaning flips: a translation of a Chinese article
seldom says "late" for *early*. So the word model, fitted on their spans,
never learns what a flip looks like, and a fluent opposite ("the court
barred him" / "ordered him") passes. Each ``fit`` item may give one flipped
copy of its target, the flipped word marked as a major error on top of the
raters' own spans:

- ``antonym``: a word the source has too, replaced by its opposite
  (english.antonyms, the forms WordNet lists: "rise" for *fall*);
- ``negation-added``: "not" after the first auxiliary that has none;
- ``negation-dropped``: a "not" taken out, its auxiliary marked;
- ``order``: "before" for *after* and the reverse;
- ``modal``: a modal of certainty traded for one of possibility or duty.

The copies go into the word model's rows only. The finding model, the check
rates, the calibration, the operating points and quality's regression are
fitted on the raters' items alone, so what the judge says of its confidence
is still measured on real translations. Which item gives which flip is
decided by a hash of its id: the same items give the same copies on every
run, and a rebuild stays byte for byte the same.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from typing import Callable, Iterator, Sequence

from mtcheck.english.antonyms import PERSPECTIVE_WORDS, lemma_opposites, lemmas
from mtcheck.english.frequency import zipf
from mtcheck.english.function_words import FUNCTION_WORDS
from mtcheck.english.words import LETTER_WORD, OPENING_POSITION
from mtcheck.training.mqm_data import MqmItem

KINDS = ("antonym", "negation-added", "negation-dropped", "order", "modal")
# One fit item in this many gives a copy (when its target has a place for the kind drawn).
EVERY = 3
AUXILIARY = re.compile(r"\b(is|are|was|were|has|have|had|will|would|can|could|should|must|does|did)\b(?!\s+(?:not|n't)\b)")
NEGATED = re.compile(r"\b(is|are|was|were|has|have|had|will|would|could|should|must|does|did|do) (not) (?!only|long)")
ORDER = {"before": "after", "after": "before"}
MODALS = {"will": "may", "must": "may", "may": "must", "should": "might", "can": "must"}
COMMON_ZIPF = 3.5  # wordfreq's Zipf scale: 3.5 is about 3 uses per million words

Flip = tuple[str, int, int]  # (new target, start, end of the flipped word in it)


def flipped(items: Sequence[MqmItem]) -> list[MqmItem]:
    """The flipped copies of ``items`` (the ``fit`` ones), each with its flip's span added as major."""
    out = []
    for item in items:
        draw = int(hashlib.sha256(item.id.encode("utf-8")).hexdigest()[:8], 16)
        if draw % EVERY:
            continue
        kind = KINDS[(draw // EVERY) % len(KINDS)]
        flip = MAKERS[kind](item.source, item.target)
        if flip is None:
            continue
        target, start, end = flip
        out.append(replace(item, system=f"{item.system}+flip:{kind}", target=target,
                           spans=_moved(item.spans, item.target, target) + ((start, end, "major"),)))
    return out


def _antonym(source: str, target: str) -> Flip | None:
    source_words = {m.group().lower() for m in LETTER_WORD.finditer(source)}
    for match in LETTER_WORD.finditer(target):
        word = match.group()
        lower = word.lower()
        if lower not in source_words or lower in FUNCTION_WORDS or (lemmas(lower) | {lower}) & PERSPECTIVE_WORDS:
            continue
        if word[0].isupper() and not OPENING_POSITION.search(target[: match.start()]):
            continue  # a name
        # Only a word that is its own lemma ("high", not "higher"): the opposite then fits in its form.
        # A common opposite keeps the sentence fluent, as a real flip is: "domestic" for "international",
        # not "nondevelopment" for "development".
        choices = sorted(o for o in lemma_opposites(lower)
                         if o not in source_words and o not in PERSPECTIVE_WORDS and zipf(o) >= COMMON_ZIPF)
        if not choices:
            continue
        new = choices[0].capitalize() if word[0].isupper() else choices[0]
        return _put(target, match.start(), match.end(), new)
    return None


def _negation_added(source: str, target: str) -> Flip | None:
    match = AUXILIARY.search(target)
    if match is None:
        return None
    text = target[: match.end()] + " not" + target[match.end() :]
    return text, match.end() + 1, match.end() + 4


def _negation_dropped(source: str, target: str) -> Flip | None:
    match = NEGATED.search(target)
    if match is None:
        return None
    text = target[: match.start(2)] + target[match.end() :]
    return text, match.start(1), match.end(1)


def _order(source: str, target: str) -> Flip | None:
    return _swap(target, ORDER)


def _modal(source: str, target: str) -> Flip | None:
    return _swap(target, MODALS)


def _swap(target: str, table: dict[str, str]) -> Flip | None:
    match = re.search(r"\b(" + "|".join(table) + r")\b", target)
    if match is None:
        return None
    return _put(target, match.start(), match.end(), table[match.group()])


def _put(text: str, start: int, end: int, new: str) -> Flip:
    return text[:start] + new + text[end:], start, start + len(new)


def _moved(spans, old: str, new: str) -> tuple[tuple[int, int, str], ...]:
    """The raters' spans of ``old`` in ``new``: the edit is one place, so spans after it shift by the change."""
    at = next((k for k, (a, b) in enumerate(zip(old, new)) if a != b), min(len(old), len(new)))
    shift = len(new) - len(old)
    moved = []
    for start, end, severity in spans:
        if end <= at:
            moved.append((start, end, severity))
        elif start >= at:
            moved.append((start + shift, end + shift, severity))
        else:
            moved.append((start, max(end + shift, start + 1), severity))
    return tuple(moved)


MAKERS: dict[str, Callable[[str, str], Flip | None]] = {
    "antonym": _antonym, "negation-added": _negation_added, "negation-dropped": _negation_dropped,
    "order": _order, "modal": _modal,
}


def kinds_of(items: Sequence[MqmItem]) -> Iterator[str]:
    """The kind of each flipped copy (for the training log)."""
    for item in items:
        yield item.system.rpartition("+flip:")[2]
