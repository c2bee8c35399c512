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

from array import array
from dataclasses import replace
from typing import Iterable, Sequence

import numpy as np

from mtcheck.types import Finding


def by_pair(findings: Iterable[Finding]) -> dict[int | None, list[Finding]]:
    """Findings grouped by their pair's index (``None``: document-wide), each group in the given order."""
    groups: dict[int | None, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(finding.pair, []).append(finding)
    return groups


def merged(findings: Sequence[Finding]) -> list[Finding]:
    """``findings`` with each group sharing a span made one, in the order of each group's first finding."""
    # Only the groups of two or more are ever built. A 10 MB article has some 100,000 findings, nearly all
    # alone on their span: a list and a dictionary key for each of them were some 16 MB at its memory peak.
    groups = _shared_target_spans(findings)
    groups.update(_overlapping_omissions(findings))
    followers = {k for members in groups.values() for k in members[1:]}
    return [_one([findings[i] for i in groups[k]]) if k in groups else finding
            for k, finding in enumerate(findings) if k not in followers]


def _shared_target_spans(findings: Sequence[Finding]) -> dict[int, list[int]]:
    """Findings on the same target span of the same pair: their indices by the first one's, for spans
    that two or more share."""
    # One pass, into one flat array of (pair, start, end, index) per finding with a target span.
    flat = array("q")
    for k, finding in enumerate(findings):
        if finding.target_span is not None:
            flat.extend((-1 if finding.pair is None else finding.pair, finding.target_span.start,
                         finding.target_span.end, k))
    if len(flat) < 8:
        return {}
    pair, start, end, index = np.frombuffer(flat, dtype=np.int64).reshape(-1, 4).T
    order = np.lexsort((index, end, start, pair))  # by span, and within one span in the given order
    pair, start, end, index = pair[order], start[order], end[order], index[order]
    same = (pair[1:] == pair[:-1]) & (start[1:] == start[:-1]) & (end[1:] == end[:-1])
    # Runs of one span in sorted order; within a run the indices rise, so its first is the group's first.
    bounds = np.flatnonzero(np.concatenate([[True], ~same, [True]]))
    shared = np.diff(bounds) > 1
    firsts, ends = bounds[:-1][shared].tolist(), bounds[1:][shared].tolist()
    return {int(index[a]): index[a:b].tolist() for a, b in zip(firsts, ends)}


def _overlapping_omissions(findings: Sequence[Finding]) -> dict[int, list[int]]:
    """Findings without a target span whose source spans overlap, within a pair: each joins the first group
    (in the given order) it overlaps a member of. Their indices by the first one's, for groups of two or more."""
    by_pair: dict[int | None, list[list[int]]] = {}
    for k, finding in enumerate(findings):
        if finding.target_span is not None or finding.source_span is None:
            continue
        groups = by_pair.setdefault(finding.pair, [])
        group = next((g for g in groups if any(_overlap(finding, findings[i]) for i in g)), None)
        if group is None:
            groups.append([k])
        else:
            group.append(k)
    return {group[0]: group for groups in by_pair.values() for group in groups if len(group) > 1}


def _overlap(a: Finding, b: Finding) -> bool:
    return a.source_span.start < b.source_span.end and b.source_span.start < a.source_span.end


def _one(group: list[Finding]) -> Finding:
    if len(group) == 1:
        return group[0]
    strongest = min(group, key=lambda f: (-f.severity.rank, -f.confidence, f.check))
    others = sorted({f.check for f in group} - {strongest.check})
    return replace(strongest, also=tuple(others)) if others else strongest
