"""One error, one finding: findings of several checks on the same span become one.

A dropped name is a named-entities finding and a clause-omission finding on
the same source words; a capital may be both a casing and a spelling finding.
Counted twice, one error would weigh twice in the penalty, the quality and
the gate. The grade stage therefore merges, within a pair, findings with the
same target span, and findings without one (omissions) whose source spans
overlap. The merged finding is the strongest one (highest severity, then
confidence, then check name, so the result does not depend on check order),
with ``also`` naming the other checks, in name order, and its evidence.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Iterable, Sequence

from mtcheck.types import Finding


def by_pair(findings: Iterable[Finding]) -> dict[int | None, list[Finding]]:
    """Findings grouped by their pair's index (``None``: document-wide), each group in the given order."""
    groups: dict[int | None, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(finding.pair, []).append(finding)
    return groups


def merged(findings: Sequence[Finding]) -> list[Finding]:
    """``findings`` with each group sharing a span made one, in the order of each group's first finding."""
    groups: list[list[Finding]] = []
    by_target: dict[tuple, list[Finding]] = {}
    omissions: dict[int | None, list[list[Finding]]] = {}
    for finding in findings:
        if finding.target_span is not None:
            key = (finding.pair, finding.target_span.start, finding.target_span.end)
            group = by_target.get(key)
            if group is None:
                group = by_target[key] = []
                groups.append(group)
            group.append(finding)
        elif finding.source_span is not None:
            group = next((g for g in omissions.get(finding.pair, ()) if any(_overlap(finding, f) for f in g)), None)
            if group is None:
                group = []
                omissions.setdefault(finding.pair, []).append(group)
                groups.append(group)
            group.append(finding)
        else:
            groups.append([finding])  # document-wide: nothing to share
    return [_one(group) for group in groups]


def _overlap(a: Finding, b: Finding) -> bool:
    return a.source_span.start < b.source_span.end and b.source_span.start < a.source_span.end


def _one(group: list[Finding]) -> Finding:
    if len(group) == 1:
        return group[0]
    strongest = min(group, key=lambda f: (-f.severity.rank, -f.confidence, f.check))
    others = sorted({f.check for f in group} - {strongest.check})
    return replace(strongest, also=tuple(others)) if others else strongest
