"""The detect stage: every selected check run on an analysed view, its findings in text order.

One check saying the same thing about the same words many times in one
article is one problem repeated: its findings are folded into one, with the
count in its evidence.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from mtcheck.checks.base import Check
from mtcheck.types import Finding
from mtcheck.views import DocumentView


def detect(view: DocumentView, checks: Sequence[Check]) -> list[Finding]:
    """Every finding of ``checks`` on an analysed view, in text order; one problem repeated many times is one
    finding with its count (``folded_repeats``)."""
    findings: list[Finding] = []
    for check in checks:
        findings.extend(check.run(view))
    return folded_repeats(sorted(findings, key=_position))


def _position(finding: Finding) -> tuple[int, int, int]:
    span = finding.target_span or finding.source_span
    return (finding.pair if finding.pair is not None else -1, span.start if span else -1, span.end if span else -1)


# A check saying the same thing about the same words this many times in one article is one problem
# repeated (a loop the segment stage did not fold, a pre-aligned file of copies): one finding with the
# count. Fewer are left as they are: two "didn't" flagged in one article are two errors to weigh.
FOLDED_FROM = 10


def folded_repeats(findings: Sequence[Finding], folded_from: int = FOLDED_FROM) -> list[Finding]:
    """``findings`` with each group of ``folded_from`` or more that one check made with the same message on the
    same text (target and source spans' words, wherever they stand) made one: the first of them, with
    ``repeats`` (the group's size) in its evidence. The rest keep their order."""
    groups: dict[tuple, list[int]] = {}
    for k, finding in enumerate(findings):
        groups.setdefault(_repeat_key(finding), []).append(k)
    folded = {members[0]: len(members) for members in groups.values() if len(members) >= folded_from}
    if not folded:
        return list(findings)
    dropped = {k for members in groups.values() if len(members) >= folded_from for k in members[1:]}
    return [replace(finding, evidence=(*finding.evidence, ("repeats", folded[k]))) if k in folded else finding
            for k, finding in enumerate(findings) if k not in dropped]


def _repeat_key(finding: Finding) -> tuple:
    return (finding.check, finding.message, finding.target_span.text if finding.target_span else None,
            finding.source_span.text if finding.source_span else None)
