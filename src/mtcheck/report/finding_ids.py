"""Stable finding ids: the same finding gets the same id in every run.

An id is ``F`` and ten hex digits of a hash of what identifies the finding
(its document, check, pair and spans), so a review tool can keep an editor's
verdict on a finding across runs and versions, as long as the finding
itself does not move. Two findings that share all of these (one check
reporting one span twice, with different messages) get ``-2``, ``-3``, …
in text order.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import replace
from typing import Iterable, Iterator

from mtcheck.types import Finding, Span


def with_stable_ids(document_id: str, findings: Iterable[Finding]) -> tuple[Finding, ...]:
    findings = tuple(findings)
    return tuple(replace(finding, id=id) for finding, id in zip(findings, stable_ids(document_id, findings)))


def stable_ids(document_id: str, findings: Iterable[Finding]) -> Iterator[str]:
    """Each finding's id, in order (ids alone: a caller that sets more fields makes one copy, not two)."""
    seen: Counter[str] = Counter()
    for finding in findings:
        key = json.dumps([document_id, finding.check, finding.pair, _span(finding.target_span),
                          _span(finding.source_span)])
        base = "F" + hashlib.blake2b(key.encode("utf-8"), digest_size=5).hexdigest()
        seen[base] += 1
        yield base if seen[base] == 1 else f"{base}-{seen[base]}"


def _span(span: Span | None) -> list[int] | None:
    return None if span is None else [span.start, span.end]
