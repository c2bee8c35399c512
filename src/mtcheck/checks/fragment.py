"""Verbless sentence fragments where the aligned source has a finite verb.

Without a tagger, a finite verb is recognised by transparent rules: an
auxiliary or modal, a common irregular past tense, a present or past form of
a common verb not led by a determiner or "to", an "-ed" past tense not led by
a determiner, or the word right after a subject pronoun. Which forms a word
can take are lemminflect's (english/verb_forms.py): "tries" is a form of
"try", "speed" and "hundred" are no past tenses. The same rules read both sides, so a source sentence
that the rules cannot see a verb in never makes its target a fragment.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median
from typing import Iterator

from mtcheck.checks.base import Check
from mtcheck.views import DocumentView, PairView
from mtcheck.english.function_words import (
    ARTICLES_AND_DEMONSTRATIVES, DISTRIBUTIVES, INTERROGATIVE_DETERMINERS, POSSESSIVES, QUANTIFIERS, S_IS_HOSTS,
    SMALL_NUMERALS, SUBJECT_PRONOUNS, VERB_GROUP_FILLERS,
)
from mtcheck.english.verb_forms import verb_forms
from mtcheck.english.verbs import AUXILIARIES, IRREGULAR_PAST
from mtcheck.english.words import Word, words
from mtcheck.params import Params, param
from mtcheck.types import Finding, SegmentKind, Severity

TERMINAL = (".", "!", "?", "…", '."', ".”", "!”", "?”", '!"', '?"')

COMMON_VERBS = frozenset(
    """say see want make take know think go come get give tell use find need feel seem try leave call keep let
    begin help talk turn start show hear play run move live believe hold bring happen write provide sit
    stand lose pay meet include continue set learn change lead understand watch follow stop create speak read
    allow add spend grow open walk win offer remember love consider appear buy wait serve die send expect build
    stay fall cut reach kill remain suggest raise pass sell require report decide pull argue agree plan warn
    claim fear hope ask look mean become put face support lie accuse deny insist urge vow pledge threaten""".split()
)
# After these a word is a noun, not a verb: "the report", "many attacks".
DETERMINERS = (
    ARTICLES_AND_DEMONSTRATIVES | POSSESSIVES | QUANTIFIERS | DISTRIBUTIVES | INTERROGATIVE_DETERMINERS
    | SMALL_NUMERALS
)
CONTRACTED = ("'re", "'ve", "'ll", "'d", "'m", "n't")
SUBJECTS = SUBJECT_PRONOUNS | {"who"}
# The forms of a common verb that are finite without an auxiliary: "says", "say", "said".
PRESENT_OR_PAST = frozenset({"VBZ", "VBP", "VBD"})


@dataclass(frozen=True)
class FragmentParams(Params):
    # Shorter sentences are captions, credits and quotes more often than fragments.
    min_words: int = param(5, "words a verbless target sentence needs before it is reported")
    # Fewer lowercase words: a byline or a title, which need no verb.
    prose_lowercase_share: float = param(0.5, "share of a sentence's words in lowercase for it to read as prose")


class FragmentCheck(Check):
    """Finds target sentences without a finite verb where the aligned source has one.

    Example (seed): "Just like Mohammed, now 29, and three of his brothers.",
    left over when "His father joined ..., as did Mohammed, now 29, and three
    of his brothers." was split in two; the source's "did" is the evidence.
    Headings, bullets and sentences under five words are left alone.
    """

    name = "fragment"
    category = "Fluency/Grammar"
    severity = Severity.MINOR
    Params = FragmentParams

    def run(self, doc: DocumentView) -> Iterator[Finding]:
        p = self.params
        for view in doc.aligned:
            # Every source sentence must have a verb: a verbless one may be what
            # a verbless target sentence translates ("More on this below.").
            if not all(finite_verbs(words(text)) for _, text in view.source.segment_texts()):
                continue
            source_words = words(view.source.text)
            source_verbs = finite_verbs(source_words)
            for segment, text in view.target.segment_texts():
                if segment.kind is not SegmentKind.SENTENCE or not _sentence_like(text, p.prose_lowercase_share):
                    continue
                sequence = words(text)
                if len(sequence) < p.min_words or finite_verbs(sequence):
                    continue
                verb = _counterpart(sequence, source_words, source_verbs)
                evidence = {"rule": "no finite verb", "word_count": len(sequence), "source_verb": verb.text,
                            "source_verbs": [v.text for v in source_verbs]}
                yield self._finding(view, segment.start - view.target.start, text, verb, evidence)

    def _finding(self, view: PairView, offset: int, text: str, verb: Word, evidence: dict) -> Finding:
        stripped = text.rstrip()
        return self.finding(
            view,
            f"sentence has no finite verb; the source has '{verb.text}'",
            view.target.span(offset, offset + len(stripped)),
            view.source.span(verb.start, verb.end),
            confidence=0.6,
            evidence=evidence,
        )


def finite_verbs(sequence: list[Word]) -> list[Word]:
    """The words that the rules take for finite verbs, in order."""
    found = []
    for i, word in enumerate(sequence):
        before = sequence[i - 1].lower if i > 0 else ""
        after = sequence[i + 1].lower if i + 1 < len(sequence) else ""
        if _finite(word, before, after, _after_subject(sequence, i)):
            found.append(word)
    return found


def _finite(word: Word, before: str, after: str, after_subject: bool) -> bool:
    lower = word.lower.replace("’", "'")
    if word.capitalised and not word.opens:
        return False  # a name: "Mohammed", "Fed"
    if lower in AUXILIARIES or lower in IRREGULAR_PAST or lower.endswith(CONTRACTED):
        return True
    if lower.endswith("'s"):
        return lower[:-2] in S_IS_HOSTS  # "it's", not "country's"
    if after_subject:
        return True
    if before in DETERMINERS or before == "to":
        return False
    lemma, tags, _ = verb_forms(lower)
    if lemma in COMMON_VERBS and tags & PRESENT_OR_PAST:
        return True
    if lower.endswith("s") and not lower.endswith(("ss", "us", "is")) and after in DETERMINERS - SMALL_NUMERALS:
        return True  # "autumn marks the start": a plural noun is rarely followed by "the"
    return lower.endswith("ed") and "VBD" in tags


def _after_subject(sequence: list[Word], i: int) -> bool:
    """Whether ``sequence[i]`` follows a subject pronoun, adverbs aside: "they also want"."""
    j = i - 1
    while j >= 0 and (sequence[j].lower in VERB_GROUP_FILLERS or sequence[j].lower.endswith("ly")):
        j -= 1
    return j >= 0 and j < i and sequence[j].lower in SUBJECTS and sequence[i].lower not in VERB_GROUP_FILLERS


def _sentence_like(text: str, lowercase_share: float) -> bool:
    """Ends like a sentence and reads like prose, not a byline or a title."""
    stripped = text.rstrip()
    sequence = words(stripped)
    lowercase = sum(not w.capitalised for w in sequence)
    return stripped.endswith(TERMINAL) and lowercase >= lowercase_share * len(sequence)


def _counterpart(fragment: list[Word], source: list[Word], verbs: list[Word]) -> Word:
    """The source verb the fragment lost: the one nearest before the source words it shares."""
    shared = {w.lower for w in fragment if len(w.text) > 3}
    positions = [w.start for w in source if w.lower in shared]
    if not positions:
        return verbs[0]
    middle = median(positions)  # one stray early match does not move it
    before = [v for v in verbs if v.start <= middle]
    return before[-1] if before else verbs[0]
