"""The feed's verdict: each article gated as `compare` gates it, then how many may fail.

An errored article (missing, unreadable, empty, refused, timed out) counts as
a failed one: a feed operator must not see a gate pass because the worst
articles could not even be read. ``max_failed`` (a count) and
``max_failed_share`` (of all the feed's articles, errored ones included) bound
the articles that failed their own gate or errored; with neither set, one
such article fails the feed. The reasons name the failed and the errored
articles apart: an errored article is reported as errored, never as a bad
translation. Errored articles also make the run exit 2 unless
``--allow-errors`` (cli_batch.py); the gate itself is the same either way.
"""

from __future__ import annotations

from typing import Sequence

from mtcheck.config import Config
from mtcheck.types import ArticleError, ArticleVerdict, Document, Gate

_NAMED = 20  # ids named per reason; the report lists them all


def feed_gate(documents: Sequence[Document], gates: Sequence[Gate], errors: Sequence[ArticleError],
              config: Config) -> Gate:
    failed = [document.id for document, gate in zip(documents, gates) if not gate.passed]
    counted = len(failed) + len(errors)
    total = len(documents) + len(errors)
    limits = []
    if config.max_failed is not None:
        limits.append((counted > config.max_failed, f"max {config.max_failed}"))
    if config.max_failed_share is not None:
        share = counted / total if total else 0.0
        limits.append((share > config.max_failed_share, f"max share {config.max_failed_share:.1%} ({share:.1%})"))
    if not limits:
        limits.append((counted > 0, "max 0"))
    over = [text for exceeded, text in limits if exceeded]
    count = f"{counted} of {total} article{'s' if total != 1 else ''} failed their gate"
    if errors:
        count += f" or errored ({len(errors)} errored)"
    reasons = [f"{count} > {', '.join(over)}" if over else f"{count} <= {', '.join(text for _, text in limits)}"]
    if failed:
        reasons.append("failed: " + _named(failed))
    # A feed that passes still asks for an editor when an article needs one, or when a failed or errored
    # article was let through by --max-failed.
    to_review = [document.id for document, gate in zip(documents, gates) if gate.verdict is ArticleVerdict.REVIEW]
    if to_review:
        reasons.append("to review: " + _named(to_review))
    if errors:
        reasons.append(f"{len(errors)} article{'s' if len(errors) != 1 else ''} errored and went unchecked: "
                       + _named([error.id for error in errors]))
    verdict = ArticleVerdict.FAIL if over else ArticleVerdict.REVIEW if to_review or counted else ArticleVerdict.PASS
    return Gate(passed=not over, reasons=tuple(reasons), verdict=verdict)


def _named(ids: list[str]) -> str:
    return ", ".join(ids[:_NAMED]) + (f" and {len(ids) - _NAMED} more" if len(ids) > _NAMED else "")
