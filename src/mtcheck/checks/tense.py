"""Verb tense and aspect in the translation that the aligned source does not have.

Each side is read into finite verb groups ("had been found", "will die",
"said"): lemminflect knows every word's verb forms, the auxiliaries give a
group its time (past, present, present perfect, past perfect, future, or a
modal) and say whether it is progressive. A target group is flagged when

- it is future and nothing in the source speaks of the future (no future,
  no modal, no "expected to", "plans", "next" ...);
- it is progressive and the source's groups of the same verb are not, or,
  where the source lacks that verb, none of its groups is;
- its time differs from that of every source group of the same verb, unless
  the two paraphrase one another ("has said" or "had said" for "said",
  "says" for "said"), or the whole target sentence moved to another time
  (historical present, a source language without tenses): only a verb that
  leaves a time the rest of the sentence keeps is flagged.

Reported speech ("said they wanted" for "say they want"), if-clauses and
headlines shift tenses legitimately and are left alone.
"""

from __future__ import annotations

import re
from typing import Iterator

from mtcheck.checks.base import Check
from mtcheck.views import DocumentView, PairView
from mtcheck.english.verb_groups import (
    BE, FUTURE, MODALS, PAST, PERFECT, PLUPERFECT, PRESENT, TIMES, VerbGroup, verb_groups,
)
from mtcheck.english.futurity import CONDITIONAL, FUTURE_HINTS
from mtcheck.english.verbs import REPORTING_VERBS, SPEECH_VERBS
from mtcheck.types import Finding, SegmentKind, Severity

# (target, source) times that paraphrase: "has said" for "said", "said" for "has said" or "had said".
PARAPHRASES = frozenset({(PERFECT, PAST), (PAST, PERFECT), (PAST, PLUPERFECT)})
# "says" for "said" is a reporter's habit, not a change of time.
SPEECH_PARAPHRASES = PARAPHRASES | {(PRESENT, PAST), (PAST, PRESENT)}


def differences(source_text: str, target_text: str) -> Iterator[tuple[str, VerbGroup, VerbGroup | None]]:
    """(kind, target group, the source group it differs from, if one stands opposite) per difference."""
    source, target = verb_groups(source_text), verb_groups(target_text)
    reported_from = min((g.end for g in target if g.lemma in REPORTING_VERBS), default=len(target_text))
    source_reports = any(g.lemma in REPORTING_VERBS for g in source)
    source_times = {g.time for g in source if g.certain}
    # A modal may speak of the future ("should be taking place in 2021"), as may the words in FUTURE_HINTS.
    # So may a present progressive: "I'm not showing you any images" is "I will not show you images".
    future_told = FUTURE_HINTS.search(source_text) or any(
        g.time in MODALS.values() or g.time == PRESENT and g.progressive for g in source)
    for group in target:
        same = [g for g in source if g.lemma == group.lemma]
        accusers = [g for g in same if g.certain]
        # A form that may be a noun ("starts") counts as a verb where the source has that verb for sure.
        if not (group.certain or accusers) or CONDITIONAL.search(target_text[: group.start]):
            continue
        main = target_text[group.start : group.end].lower().split()[-1]
        # The source's "is related" or "protected" says this "related" or "being protected" is a participle too.
        if group.certain and not accusers and any(_ends_with(source_text, g, main, 1) for g in same):
            continue
        if not group.certain and any(_ends_with(source_text, g, main, 2) for g in same):
            continue
        reported = group.lemma not in REPORTING_VERBS and (group.start >= reported_from or source_reports)
        if group.time == FUTURE:
            if not future_told:
                yield FUTURE, group, _nearest(accusers or source, group, source_text, target_text)
        elif group.progressive and group.time not in (PERFECT, PLUPERFECT):
            # "We are starting" tells a plan where the source says "will"; "students drowning" is ongoing already.
            planned = group.time == PRESENT and FUTURE in source_times
            ongoing = re.search(rf"\b{re.escape(main)}\b", source_text.lower())
            # "is playing" for "is played": active for passive, not another aspect.
            passive = any(_is_passive(source_text, g) for g in same)
            if not (reported or planned or ongoing or passive or any(g.progressive for g in same or source)):
                yield "progressive", group, _nearest(accusers or source, group, source_text, target_text)
        elif group.time in TIMES and not reported and accusers:
            was = {g.time for g in same}
            excused = SPEECH_PARAPHRASES if group.lemma in SPEECH_VERBS else PARAPHRASES
            if group.time in was or not was <= TIMES or any((group.time, w) in excused for w in was):
                continue
            # A whole sentence moved to another time is a narrative choice (historical present, a source
            # language without tenses); one verb leaving a frame the rest of the sentence keeps is the error.
            anchored = any(g is not group and g.certain and g.time in source_times for g in target)
            if anchored or not source_times & {PAST, PERFECT, PLUPERFECT}:
                yield "time", group, _nearest(accusers, group, source_text, target_text)


def _nearest(candidates: list[VerbGroup], group: VerbGroup, source: str, target: str) -> VerbGroup | None:
    """The candidate at the relative position nearest the target group's."""
    where = group.start / max(len(target), 1)
    return min(candidates, key=lambda g: abs(g.start / max(len(source), 1) - where), default=None)


def _is_passive(text: str, group: VerbGroup) -> bool:
    parts = text[group.start : group.end].lower().split()
    return len(parts) >= 2 and (parts[0] in BE or "been" in parts) and not parts[-1].endswith("ing")


def _ends_with(text: str, group: VerbGroup, word: str, words: int = 2) -> bool:
    """Whether ``group`` has at least ``words`` words and ends with ``word``."""
    parts = text[group.start : group.end].lower().split()
    return len(parts) >= words and parts[-1] == word.lower()


class TenseCheck(Check):
    """Finds verbs whose tense or aspect differs from the aligned source.

    Example (DEMETR): "The two opposition factions will accuse Prime Minister
    Markus Söder" for the source's "Both opposition parties accused prime
    minister Markus Söder" (major); likewise "was announcing on Saturday" for
    "informed on Saturday", "The boy was one of" for "The lad is just one of".
    """

    name = "tense"
    category = "Accuracy/Mistranslation"
    severity = Severity.MINOR

    def run(self, doc: DocumentView) -> Iterator[Finding]:
        for view in doc.aligned:
            if any(segment.kind is SegmentKind.HEADING for segment in view.target.segments):
                continue  # headlines tell past events in the present
            for kind, group, opposite in differences(view.source.text, view.target.text):
                yield self._finding(view, kind, group, opposite)

    def _finding(self, view: PairView, kind: str, group: VerbGroup, opposite: VerbGroup | None) -> Finding:
        verb, now = view.target.text[group.start : group.end], _describe(group)
        if opposite is None:
            source_span, was = view.source.span(0, len(view.source.text)), f"the source has no {now} verb"
            values = {"source_verb": None, "expected": None}
        else:
            source_span = view.source.span(opposite.start, opposite.end)
            was = f"the source's '{source_span.text}' is {_describe(opposite)}"
            values = {"source_verb": source_span.text, "expected": _describe(opposite)}
        # An event told as still to come that the source tells as done or ongoing misleads the reader.
        severity = Severity.MAJOR if kind == FUTURE else Severity.MINOR
        return self.finding(view, f"'{verb}' is {now} where {was}", view.target.span(group.start, group.end),
                            source_span, severity=severity, confidence=0.8 if kind == FUTURE else 0.6,
                            evidence={"rule": kind, "target_verb": verb, "found": now, **values})


def _describe(group: VerbGroup) -> str:
    return f"{group.time}{' progressive' if group.progressive else ''}"
