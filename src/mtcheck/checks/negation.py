"""A negation in the translation that the source does not have, or one it dropped."""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterator

from mtcheck.checks.base import Check, DocumentView, PairView
from mtcheck.analyses.counterpart import Counterparts
from mtcheck.checks.registry import register
from mtcheck.english.negation import IMPLICIT, NEGATOR, SAME
from mtcheck.types import Finding, Severity

@register
class NegationCheck(Check):
    """Finds a meaning flipped by negation: a "not", "never" or "no" on one side only.

    Example (DEMETR): "The U.S. does not redistribute the House's seats every
    10 years" for the source's "The U.S. redistributes the House's seats
    every 10 years based on demographic changes."
    """

    name = "negation"
    category = "Accuracy/Mistranslation"
    severity = Severity.MAJOR
    needs = frozenset({"counterparts"})

    def run(self, doc: DocumentView) -> Iterator[Finding]:
        counterparts = doc.analyses.get("counterparts")
        for view in doc.aligned:
            source, target = _negations(view.source.text), _negations(view.target.text)
            added = _unmatched(target, source)
            dropped = _unmatched(source, target)
            if len(added) == len(dropped):
                continue  # as many negations on both sides, in other words
            if (added and IMPLICIT.search(view.source.text)) or (dropped and IMPLICIT.search(view.target.text)):
                continue  # the other side says "no" in other words
            negations = {"source_negations": [m.group() for m in source],
                         "target_negations": [m.group() for m in target]}
            for match in added:
                yield self.finding(
                    view,
                    f"negation '{match.group()}' that the source does not have: the meaning may be reversed",
                    view.target.span(match.start(), match.end()),
                    _opposite(view, counterparts.of(view), match),
                    evidence={"rule": "added negation", "negation": match.group(), **negations},
                )
            for match in dropped:
                evidence = {"rule": "dropped negation", "negation": match.group(), **negations}
                yield self._dropped(view, counterparts.of(view), match, evidence)

    def _dropped(self, view: PairView, words: Counterparts, match: re.Match, evidence: dict) -> Finding:
        # The words that replaced the negator, else the kept word it negated: a rater marks
        # those, not the sentence (a whole-sentence span was 11% rater-marked on news MQM).
        where = words.in_target(match.start(), match.end()) or words.kept_after(match.end())
        target = view.target.span(*where) if where else view.target.span(0, len(view.target.text))
        return self.finding(
            view,
            f"the source's negation '{match.group()}' has no counterpart: the meaning may be reversed",
            target,
            view.source.span(match.start(), match.end()),
            evidence=evidence,
        )


# What may stand before an answering "No," that opens a sentence.
SENTENCE_OPENING = re.compile(r"(?:^|[.!?\"“”(])\s*$")


def _negations(text: str) -> list[re.Match]:
    return [m for m in NEGATOR.finditer(text) if not _answering_no(text, m)]


def _answering_no(text: str, match: re.Match) -> bool:
    """ "No, I'm not showing you images": a reply, not the negation of a clause."""
    return (match.group().lower() == "no" and text[match.end() : match.end() + 1] == ","
            and SENTENCE_OPENING.search(text, 0, match.start()) is not None)


def _unmatched(side: list[re.Match], other: list[re.Match]) -> list[re.Match]:
    """The negations of ``side`` left over once each has been paired with one of the same kind on ``other``."""
    available = Counter(_kind(match) for match in other)
    left = []
    for match in side:
        kind = _kind(match)
        if available[kind]:
            available[kind] -= 1
        else:
            left.append(match)
    return left


def _kind(match: re.Match) -> str:
    word = match.group().lower()
    return SAME.get(word, word)


def _opposite(view: PairView, words: Counterparts, match: re.Match):
    where = words.in_source(match.start(), match.end())
    return view.source.span(*where) if where else None
