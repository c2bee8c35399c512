"""How every renderer names an article's verdict: ``FAIL``, ``REVIEW``, ``PASS``, and what each asks for.

One vocabulary, so the terminal, the review page, the Markdown summary and
the CI formats say the same thing. The reasons that come with a verdict are
data (they may quote an article id or a file name): each renderer escapes
them its own way; nothing here does.
"""

from __future__ import annotations

from mtcheck.types import ArticleVerdict, Gate

ACTION = {
    ArticleVerdict.PASS: "publish as is",
    ArticleVerdict.REVIEW: "route to an editor",
    ArticleVerdict.FAIL: "do not publish: retranslate",
}


def verdict_of(gate: Gate) -> ArticleVerdict:
    # A Gate always has one (Gate.__post_init__ takes it from ``passed``); this only names the type for readers.
    return gate.verdict or (ArticleVerdict.PASS if gate.passed else ArticleVerdict.FAIL)


def shout(gate: Gate) -> str:
    """``FAIL``, ``REVIEW`` or ``PASS``."""
    return verdict_of(gate).value.upper()


def action(gate: Gate) -> str:
    """``route to an editor``, with ``(fails the gate)`` when ``--fail-on review`` makes it exit 1."""
    return ACTION[verdict_of(gate)] + failing_note(gate)


def headline(gate: Gate) -> str:
    """``REVIEW: route to an editor``."""
    return f"{shout(gate)}: {action(gate)}"


def failing_note(gate: Gate) -> str:
    """What a verdict short of fail says when the gate fails it all the same (``--fail-on review``)."""
    return " (fails the gate)" if not gate.passed and verdict_of(gate) is not ArticleVerdict.FAIL else ""


def worst_first(gates) -> list[int]:
    """Indexes into ``gates``, the worst verdict first (fail, review, pass); ties keep their order."""
    return sorted(range(len(gates)), key=lambda i: (-verdict_of(gates[i]).rank, gates[i].passed))
