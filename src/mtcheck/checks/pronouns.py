"""Personal and possessive pronouns whose gender, number, person or case changed.

Three kinds of evidence, each against the aligned source:

- a flip: the target has more pronouns of one class (he, she, it, they; I,
  we) and the source more of a rival class, so the two pair up, nearest by
  relative position. A paraphrase that only drops or adds a pronoun leaves
  one side's surplus unmatched and is not flagged.
- a case change: the source's pronoun in another case in the same slot (the
  same word after it, or before it): "Me don't know" for "I don't know".
- a form English rules out, which the source does not have: "itself is",
  "him will", "its is", "to he".
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Iterator

from mtcheck.checks.base import Check
from mtcheck.views import DocumentView, PairView
from mtcheck.english import word_set
from mtcheck.english.function_words import (
    ALL_PREPOSITIONS, CLAUSAL_PREPOSITIONS, CONJUNCTIONS, DEPENDENT_POSSESSIVES, PARTICLES, RELATIVE_PRONOUNS,
    SUBORDINATORS,
)
from mtcheck.english.verbs import AUXILIARIES, CONTRACTED_AUXILIARIES
from mtcheck.english.pronouns import FORMS, GENDERS, OBJECT, PLURALS, POSSESSIVE, REFLEXIVE, SUBJECT
from mtcheck.english.words import Word, neighbours, words
from mtcheck.types import Finding, Severity

GRAMMAR = "Fluency/Grammar"

# Classes that may wrongly stand for one another: he/she/it/they, and I/we.
RIVALS = {"masculine": 3, "feminine": 3, "neuter": 3, "third plural": 3, "first singular": 1, "first plural": 1}

# Words that open a clause say little about the case of the pronoun after them.
CLAUSE_OPENERS = (
    CONJUNCTIONS | SUBORDINATORS | RELATIVE_PRONOUNS | CLAUSAL_PREPOSITIONS
    | word_set("that when then where unless")
)
# A finite verb after a pronoun makes it the subject ("him will"). Not the
# forms that may follow an object inside a relative clause or as a bare
# infinitive: "the man who saw him had left", "let them have it", "make them do".
FINITE = AUXILIARIES - CONTRACTED_AUXILIARIES - word_set("do have had hadn't hasn't haven't cannot mustn't")
# Prepositions put the pronoun after them in the object case ("to him"); not
# those that may open a clause ("after he left") or be a particle ("Up he went").
PREPOSITIONS = ALL_PREPOSITIONS - CLAUSAL_PREPOSITIONS - PARTICLES


@dataclass(frozen=True)
class Pronoun:
    word: Word
    index: int  # among the side's words
    kind: str
    roles: frozenset[str]


@dataclass(frozen=True)
class Reading:
    """One side of a pair read for pronouns."""

    text: str

    @cached_property
    def words(self) -> list[Word]:
        return words(self.text)

    @cached_property
    def pronouns(self) -> list[Pronoun]:
        found = []
        for index, word in enumerate(self.words):
            word = _without_contraction(word)
            # "US" and "IT" in capitals are a country and a trade, not pronouns.
            if word.lower in FORMS and (word.text == "I" or not word.text.isupper()):
                found.append(Pronoun(word, index, *FORMS[word.lower]))
        return found

    def where(self, pronoun: Pronoun) -> float:
        return pronoun.word.start / max(len(self.text), 1)

    def around(self, pronoun: Pronoun) -> tuple[str, str]:
        return neighbours(self.words, pronoun.index, self.text)


class PronounsCheck(Check):
    """Finds pronouns whose gender, number, person or case differs from the aligned source.

    Example (seed): "Her death triggered a “resistance dynamic” in Iraq" for the
    source's "Their deaths triggered a "resistance dynamic"". Likewise "their
    government" for "its government"; "Me don't know" for "I don't know" is a
    case error (Fluency/Grammar, minor).
    """

    name = "pronouns"
    category = "Accuracy/Mistranslation"
    severity = Severity.MAJOR

    def run(self, doc: DocumentView) -> Iterator[Finding]:
        for view in doc.aligned:
            yield from self._compare(view, Reading(view.source.text), Reading(view.target.text))

    def _compare(self, view: PairView, source: Reading, target: Reading) -> Iterator[Finding]:
        flagged = set()
        for was, now in flips(source, target):
            flagged.add(now.index)
            change = "number" if (was.kind in PLURALS) != (now.kind in PLURALS) else "gender"
            # he/she cannot both be right; a possessive's number may follow a reworded noun.
            confidence = 0.9 if {was.kind, now.kind} <= GENDERS else 0.7
            yield self._finding(view, was, now, f"{change} of '{now.word.text}' differs from the source's "
                                f"'{was.word.text}'", confidence=confidence,
                                evidence={"rule": f"{change} change", "found": now.word.text, "expected": was.word.text,
                                          "found_class": now.kind, "expected_class": was.kind})
        for was, now in case_changes(source, target):
            if now.index not in flagged:
                flagged.add(now.index)
                yield self._finding(view, was, now, f"case of '{now.word.text}' differs from the source's "
                                    f"'{was.word.text}'", severity=Severity.MINOR, category=GRAMMAR,
                                    evidence={"rule": "case change", "found": now.word.text, "expected": was.word.text})
        explained = {misuse for pronoun in source.pronouns if (misuse := misused_case(source, pronoun))}
        for now in target.pronouns:
            misuse = misused_case(target, now)
            if misuse is None or misuse in explained or now.index in flagged:
                continue
            kin = [p for p in source.pronouns if p.kind == now.kind]
            was = min(kin, key=lambda p: abs(source.where(p) - target.where(now)), default=None)
            yield self._finding(view, was, now, f"'{now.word.text}' cannot stand next to '{misuse[1]}'",
                                severity=Severity.MINOR, category=GRAMMAR,
                                evidence={"rule": "impossible case", "found": now.word.text, "neighbour": misuse[1]})

    def _finding(self, view: PairView, was: Pronoun | None, now: Pronoun, message: str, **kwargs) -> Finding:
        source = view.source
        opposite = source.span(0, len(source.text)) if was is None else source.span(was.word.start, was.word.end)
        return self.finding(view, message, view.target.span(now.word.start, now.word.end), opposite, **kwargs)


def flips(source: Reading, target: Reading) -> list[tuple[Pronoun, Pronoun]]:
    """(source, target) pronouns where the target put one class in place of a rival one."""
    surplus = Counter(p.kind for p in target.pronouns)
    surplus.subtract(p.kind for p in source.pronouns)
    in_source = {p.kind for p in source.pronouns}

    def unexplained(was: Pronoun, now: Pronoun) -> bool:
        if surplus[now.kind] > 0 and surplus[was.kind] < 0:
            return True
        # "she" where the source speaks only of "he" is a flip even when the
        # masculine counts agree: a later "he" stands for the source's "she".
        return {was.kind, now.kind} == GENDERS and now.kind not in in_source

    candidates = sorted(
        (abs(target.where(now) - source.where(was)), i, j)
        for j, now in enumerate(target.pronouns)
        for i, was in enumerate(source.pronouns)
        if _rivals(was, now) and unexplained(was, now)
    )
    used_source, used_target, found = set(), set(), []
    for _, i, j in candidates:
        was, now = source.pronouns[i], target.pronouns[j]
        if i in used_source or j in used_target or not unexplained(was, now):
            continue
        used_source.add(i)
        used_target.add(j)
        surplus[now.kind] -= 1
        surplus[was.kind] += 1
        found.append((was, now))
    return sorted(found, key=lambda pair: pair[1].index)


def _rivals(was: Pronoun, now: Pronoun) -> bool:
    group = RIVALS.get(was.kind)
    shared = was.roles & now.roles
    if {was.kind, now.kind} & {"neuter", "third plural"}:
        # "it", "he" and "they" follow how a paraphrase words their noun (an
        # animal, a team, a ship); a possessive before the same noun ("its
        # government", "their deaths") has no such excuse.
        return group == RIVALS.get(now.kind) and POSSESSIVE in shared
    return group is not None and group == RIVALS.get(now.kind) and bool(shared)


def case_changes(source: Reading, target: Reading) -> Iterator[tuple[Pronoun, Pronoun]]:
    """(source, target) pronouns in the same slot whose cases cannot agree: "Me don't" for "I don't"."""
    for now in target.pronouns:
        before, after = target.around(now)
        same_slot = [was for was in source.pronouns if _same_slot(source.around(was), before, after)]
        if any(was.word.lower == now.word.lower for was in same_slot):
            continue
        # A reflexive turned plain ("for myself" -> "for me") is usually a paraphrase.
        was = next((p for p in same_slot if not p.roles & now.roles and REFLEXIVE not in p.roles), None)
        if was is not None:
            yield was, now


def _same_slot(source_neighbours: tuple[str, str], before: str, after: str) -> bool:
    source_before, source_after = source_neighbours
    opener = before.split(maxsplit=1)[0].strip(",;:") if before else ""
    # Two sentence openings are no shared slot: "It's actually" and "Its mass" merely both start.
    return source_after == after or (bool(before) and source_before == before and opener not in CLAUSE_OPENERS)


def misused_case(side: Reading, pronoun: Pronoun) -> tuple[str, str] | None:
    """(pronoun, neighbour) where English rules the form out: "itself is", "him will", "its is", "to he"."""
    form = pronoun.word.lower
    before, after = side.around(pronoun)  # with any punctuation between, so "him. Will" is no pair
    opens_clause = pronoun.word.opens or not before or before in CLAUSE_OPENERS or before.endswith(",")
    # "The cave itself has stood" is emphatic; a reflexive is a subject only where a clause opens.
    wrong_subject = (
        (REFLEXIVE in pronoun.roles and opens_clause) or pronoun.roles == {OBJECT} or form in DEPENDENT_POSSESSIVES
    )
    # "one of them was", "parts of us can": the object belongs to the preposition before it.
    if after in FINITE and wrong_subject and before not in PREPOSITIONS:
        return form, after
    if before in PREPOSITIONS and pronoun.roles == {SUBJECT} and form != "i":
        return form, before
    return None


def _without_contraction(word: Word) -> Word:
    """The pronoun in "She’s", "they're" or "I'm": the part before the apostrophe."""
    for apostrophe in "'’":
        if apostrophe in word.text:
            head = word.text.split(apostrophe, 1)[0]
            return replace(word, text=head, end=word.start + len(head))
    return word
