"""The feed's verdict: each article gated as `compare` gates it, then how many may fail.

``max_failed`` (a count) and ``max_failed_share`` (of the articles checked)
bound the articles whose own gate failed; with neither set, one failed
article fails the feed. Errored articles are not failed ones: they were not
checked at all, and make the run exit 2 unless ``--allow-errors``, where
they are named in the reasons and counted there only.
"""

from __future__ import annotations

from typing import Sequence

from mtcheck.config import Config
from mtcheck.types import ArticleError, Document, Gate


def feed_gate(documents: Sequence[Document], gates: Sequence[Gate], errors: Sequence[ArticleError],
              config: Config) -> Gate:
    failed = [document.id for document, gate in zip(documents, gates) if not gate.passed]
    checked = len(documents)
    limits = []
    if config.max_failed is not None:
        limits.append((len(failed) > config.max_failed, f"max {config.max_failed}"))
    if config.max_failed_share is not None:
        share = len(failed) / checked if checked else 0.0
        limits.append((share > config.max_failed_share, f"max share {config.max_failed_share:.1%} ({share:.1%})"))
    if not limits:
        limits.append((bool(failed), "max 0"))
    reasons = []
    over = [text for exceeded, text in limits if exceeded]
    count = f"{len(failed)} of {checked} article{'s' if checked != 1 else ''} failed their gate"
    reasons.append(f"{count} > {', '.join(over)}" if over else f"{count} <= {', '.join(text for _, text in limits)}")
    if failed:
        reasons.append("failed: " + ", ".join(failed[:20]) + (f" and {len(failed) - 20} more" if len(failed) > 20 else ""))
    if errors:
        shown = ", ".join(error.id for error in errors[:20]) + (f" and {len(errors) - 20} more" if len(errors) > 20 else "")
        reasons.append(f"{len(errors)} article{'s' if len(errors) != 1 else ''} errored and went unchecked: {shown}")
    return Gate(passed=not over, reasons=tuple(reasons))
