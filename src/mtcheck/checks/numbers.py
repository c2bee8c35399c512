"""Numbers, dates and times that differ between a source pair and its translation.

Both sides are reduced to normalised mentions (number_mentions.py), so the
check is blind to how a number is written ("1,200" or "1200", "three" or "3",
"Oct." or "October", "7th" or "7") and sees only what changed or went missing.
"""

from __future__ import annotations

import re
from typing import Iterator

from mtcheck.checks.base import Check
from mtcheck.views import DocumentView, PairView, Side
from mtcheck.analyses.numbers import PairNumbers
from mtcheck.english.number_mentions import Mention
from mtcheck.english.units import DIMENSIONS, unit_of, units_of
from mtcheck.types import Finding, Severity

OMISSION = "Accuracy/Omission"


class NumbersCheck(Check):
    """Finds numbers, dates and times that differ from or are missing against the source.

    Example from the seed: the source's "At the funeral of 17 other slain
    militiamen" would be flagged if the translation dropped the 17, while
    "since October 7th" against "since Oct. 7" is the same date and passes.
    """

    name = "numbers"
    category = "Accuracy/Mistranslation"
    severity = Severity.MAJOR
    needs = frozenset({"number_mentions"})

    def run(self, doc: DocumentView) -> Iterator[Finding]:
        numbers = doc.analyses.get("number_mentions")
        for view in doc.pairs:
            if _blank(view.target) or _blank(view.source):
                continue  # insertion and omission checks own one-sided pairs
            yield from self._compare(view, numbers.of(view))

    def _compare(self, view: PairView, numbers: PairNumbers) -> Iterator[Finding]:
        target, source = list(numbers.target), list(numbers.source)
        # A day name said on one side only ("Tuesday, the 28th" for "the 28th
        # (Tue)") adds or drops no fact the date does not carry.
        if not any(m.kind == "weekday" for m in source) or not any(m.kind == "weekday" for m in target):
            target = [m for m in target if m.kind != "weekday"]
            source = [m for m in source if m.kind != "weekday"]
        lone_target, lone_source, regrouped = _unmatched(target, source)
        # The number of a name ("COVID-19", "MH-17") goes with the name: "the epidemic" for *COVID-19*
        # renders the name, not a count, and is no number error. A name kept with another number
        # ("COVID-20") still is.
        lone_target = [m for m in lone_target if not _of_a_name_the_other_side_lacks(m, view.target.text, view.source.text)]
        lone_source = [m for m in lone_source if not _of_a_name_the_other_side_lacks(m, view.source.text, view.target.text)]
        yield from self._units(view, target, source)
        for mention in regrouped:
            english = f"{int(mention.alternative):,}"
            yield self.finding(
                view,
                f"{mention.text} is German digit grouping; English writes {english}",
                view.target.span(mention.start, mention.end),
                category="Locale convention",
                severity=Severity.MINOR,
                evidence={"rule": "german digit grouping", "kind": mention.kind, "found": mention.text,
                          "expected": english},
            )
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
            evidence = {"rule": "not in source" if partner is None else "different value", "kind": mention.kind,
                        "found": mention.text, "expected": None if partner is None else partner.text}
            yield self.finding(
                view, message, view.target.span(mention.start, mention.end), source_span, evidence=evidence
            )
        for mention in lone_source:
            yield self.finding(
                view,
                f"source {mention.kind} {mention.text} is missing from the translation",
                None,
                view.source.span(mention.start, mention.end),
                category=OMISSION,
                evidence={"rule": "missing from translation", "kind": mention.kind, "found": None,
                          "expected": mention.text},
            )


    def _units(self, view: PairView, target: list[Mention], source: list[Mention]) -> Iterator[Finding]:
        """The same number in another unit of the same dimension: "5 miles" for *5 km*."""
        for mention in target:
            unit = mention.kind == "number" and not mention.weak and unit_of(view.target.text, mention.start, mention.end)
            if not unit:
                continue
            opposite = [found for m in source if m.kind == "number" and set(m.keys) & set(mention.keys)
                        for found in units_of(view.source.text, m.start, m.end)]
            if opposite and all(u != unit[0] for u, _, _ in opposite):
                was = next((o for o in opposite if DIMENSIONS.get(o[0]) == DIMENSIONS.get(unit[0])), None)
                if was is not None:
                    yield self.finding(
                        view,
                        f"unit '{view.target.text[unit[1]:unit[2]]}' ({unit[0]}) for the source's "
                        f"'{view.source.text[was[1]:was[2]]}' ({was[0]}) on the same number {mention.text}",
                        view.target.span(unit[1], unit[2]),
                        view.source.span(was[1], was[2]),
                        evidence={"rule": "different unit", "kind": mention.kind, "number": mention.text,
                                  "found": unit[0], "expected": was[0]},
                    )


_NAME_BEFORE = re.compile(r"(?<![A-Za-z])([A-Za-z]+)-$")


def _of_a_name_the_other_side_lacks(mention: Mention, text: str, other: str) -> bool:
    """Whether the mention's digits end a name glued on with a hyphen, and the other side never names it."""
    if mention.kind != "number" or not mention.text[:1].isdigit():
        return False
    name = _NAME_BEFORE.search(text, max(0, mention.start - 40), mention.start)
    return name is not None and re.search(rf"(?<![A-Za-z]){re.escape(name.group(1))}(?![A-Za-z])", other, re.I) is None


def _blank(side: Side) -> bool:
    return side.empty or not side.text.strip()


def _unmatched(target: list[Mention], source: list[Mention]) -> tuple[list[Mention], list[Mention], list[Mention]]:
    """The strong mentions of each side that the other side does not account for, and the
    target numbers that match the source only when read with German digit grouping."""
    lone_target = [m for m in target if not m.weak]
    lone_source = [m for m in source if not m.weak]
    regrouped = []
    for mention in list(lone_target):
        twin = next((m for m in lone_source if set(m.keys) & set(mention.keys)), None)
        if twin is not None:
            lone_target.remove(mention)
            lone_source.remove(twin)
            if twin.key != mention.key and mention.alternative is not None and (twin.kind, mention.alternative) in twin.keys:
                regrouped.append(mention)
    # A number said twice on one side and once on the other ("100 yards (100
    # metres)" for "100 yards/meters") is still the same number.
    lone_target = [m for m in lone_target if not _mentioned(m, source)]
    lone_source = [m for m in lone_source if not _mentioned(m, target)]
    _absorb_vouched(lone_target, [m for m in source if m.weak])
    _absorb_vouched(lone_source, [m for m in target if m.weak])
    return lone_target, lone_source, regrouped


def _mentioned(mention: Mention, others: list[Mention]) -> bool:
    return any(set(mention.keys) & set(other.keys) for other in others if not other.weak)


def _absorb_vouched(lone: list[Mention], vouching: list[Mention]) -> None:
    for mention in list(lone):
        voucher = next((m for m in vouching if m.key == mention.key), None)
        if voucher is not None:
            vouching.remove(voucher)
            lone.remove(mention)
