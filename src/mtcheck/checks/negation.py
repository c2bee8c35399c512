"""A negation in the translation that the source does not have, or one it dropped."""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterator

from mtcheck.checks.base import Check
from mtcheck.views import DocumentView, PairView, Side
from mtcheck.analyses.counterpart import Counterparts
from mtcheck.english.negation import IMPLICIT, NEGATOR, SAME
from mtcheck.types import Finding, Severity

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
        copied = {"source": copied_segments(doc, "source"), "target": copied_segments(doc, "target")}
        for view in doc.aligned:
            source = _negations(view.source.text, _ranges(view.source, copied["source"]))
            target = _negations(view.target.text, _ranges(view.target, copied["target"]))
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


def _negations(text: str, copies: list[tuple[int, int]] = ()) -> list[re.Match]:
    """The negators of ``text``, but for those inside ``copies`` (ranges of ``text``)."""
    return [m for m in NEGATOR.finditer(text)
            if not _answering_no(text, m) and not any(start <= m.start() < end for start, end in copies)]


def copied_segments(doc: DocumentView, side: str) -> frozenset[int]:
    """The segments of ``side`` that merely repeat the segment beside them.

    A sentence written twice ("every sentence doubled") has its "not" twice, once in the pair that
    translates it and once wherever the copy landed; the copy's is no negation the source lacks, but
    a copy, which mass-duplication reports. Of each run of identical neighbours, the one kept is in
    the aligned pair it fits best (highest chrF), else the first; the others are copies.
    """
    document = doc.document
    segments = getattr(document, f"{side}_segments")
    text = getattr(document, side).text
    runs: list[list[int]] = []
    for k in range(1, len(segments)):
        if text[segments[k].start : segments[k].end] == text[segments[k - 1].start : segments[k - 1].end]:
            if runs and runs[-1][-1] == k - 1:
                runs[-1].append(k)
            else:
                runs.append([k - 1, k])
    if not runs:
        return frozenset()
    members = {k for run in runs for k in run}
    fit: dict[int, float] = {}
    for pair in document.pairs:
        aligned = bool(pair.source) and bool(pair.target)
        for k in getattr(pair, side):
            if k in members:
                fit[k] = (pair.scores.chrf if pair.scores else 0.0) if aligned else -1.0
    kept = {max(run, key=lambda k: (fit.get(k, -1.0), -k)) for run in runs}
    return frozenset(members - kept)


def _ranges(side: Side, copied: frozenset[int]) -> list[tuple[int, int]]:
    """Where, in ``side.text``, the copied segments lie."""
    return [(s.start - side.start, s.end - side.start) for s in side.segments if s.index in copied]


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
