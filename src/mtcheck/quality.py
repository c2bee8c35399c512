"""``quality`` (0-100, higher is better) from what mtcheck measures so far.

    adequacy = 100 * clip((chrF - CHRF_FLOOR) / (CHRF_CEILING - CHRF_FLOOR), 0, 1)
    penalty  = sum of finding weights (minor 1, major 5, critical 10) per 100 target words
    quality  = clip(adequacy - penalty, 0, 100)

for a pair (its sentence chrF and its own findings) and for a document (its
corpus chrF and all its findings; the penalty is the report's
``mqm_penalty``). A pair with an empty side has no adequacy: quality 0.

Why these anchors: chrF of unrelated English sentences sits near 20, and a
faithful EN-DE-EN round trip of news text scores 60-80 against its original,
so the scale runs from the first to the upper end of the second. The models
issue replaces this with a calibrated combination.
"""

from __future__ import annotations

import re
from typing import Iterable

from mtcheck.types import Finding

CHRF_FLOOR = 20.0
CHRF_CEILING = 75.0
WORD = re.compile(r"\w+")


def adequacy(chrf: float) -> float:
    share = (chrf - CHRF_FLOOR) / (CHRF_CEILING - CHRF_FLOOR)
    return 100.0 * min(max(share, 0.0), 1.0)


def mqm_penalty(findings: Iterable[Finding], target_text: str) -> float:
    """Severity weights per 100 target words, as in MQM scoring."""
    weight = sum(finding.severity.weight for finding in findings)
    words = max(len(WORD.findall(target_text)), 1)
    return round(100.0 * weight / words, 2)


def quality(chrf: float, penalty: float, *, empty_side: bool = False) -> float:
    if empty_side:
        return 0.0
    return round(min(max(adequacy(chrf) - penalty, 0.0), 100.0), 2)
