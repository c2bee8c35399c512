"""Judge: thresholds to a pass/fail verdict with its reasons."""

from __future__ import annotations

from typing import Sequence

from mtcheck.config import Config
from mtcheck.judge import gate_threshold
from mtcheck.types import Document, Gate, Severity


def judge(documents: Sequence[Document], config: Config) -> Gate:
    """Every threshold that is set gives one reason, failed or met."""
    failed: list[str] = []
    met: list[str] = []
    counts = {severity: 0 for severity in Severity}
    for document in documents:
        # Only findings at or above the gate's operating point count (mtcheck.judge).
        floor = gate_threshold(config, models=document.models is not None)
        for finding in document.findings:
            # An editor's false alarm (--verdicts) is reported, dismissed, and never counted.
            if finding.confidence >= floor and finding.verdict != "false-alarm":
                counts[finding.severity] += 1
    for severity, limit in ((Severity.CRITICAL, config.max_critical), (Severity.MAJOR, config.max_major)):
        if limit is None:
            continue
        count = counts[severity]
        line = f"{count} {severity.value} finding{'s' if count != 1 else ''}"
        (failed if count > limit else met).append(f"{line} {'>' if count > limit else '<='} max {limit}")
    if config.min_quality is not None:
        for document in documents:
            quality = document.scores.quality if document.scores else 0.0
            low = quality < config.min_quality
            (failed if low else met).append(
                f"{document.id}: quality {quality:.1f} {'<' if low else '>='} min {config.min_quality:g}"
            )
    if config.min_coverage is not None:
        for document in documents:
            shares = [(name, _coverage(document, name)) for name in ("target", "source")]
            low = any(share < config.min_coverage for _, share in shares)
            shown = " · ".join(f"{name} {share:.1%}" for name, share in shares)
            (failed if low else met).append(
                f"{document.id}: coverage {shown} {'<' if low else '>='} min {config.min_coverage:.1%}"
            )
    return Gate(passed=not failed, reasons=tuple(failed or met))


def _coverage(document: Document, side: str) -> float:
    share = getattr(document.scores, f"{side}_coverage") if document.scores else None
    return 1.0 if share is None else share  # a side without text has nothing to miss
