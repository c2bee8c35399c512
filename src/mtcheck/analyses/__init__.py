"""The analyse stage: per-document facts that several checks read, computed once.

Each analysis is a pure function of a ``DocumentView``; a check says which
ones it reads in its ``needs``, and the pipeline computes those, and only
those, before any check runs. Adding an analysis: a function here, a field
on ``mtcheck.views.Analyses``, and its name in the ``needs`` of its checks.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Iterable, Iterator

from mtcheck.analyses.insertions import label_insertions
from mtcheck.analyses.spikes import find_spikes
from mtcheck.types import Document
from mtcheck.views import Analyses, DocumentView

ANALYSES: dict[str, Callable[[DocumentView], Iterator]] = {
    "spikes": find_spikes,
    "insertions": label_insertions,
}


def analyse(document: Document, needs: Iterable[str]) -> DocumentView:
    """The document's view with the named analyses computed."""
    needs = frozenset(needs)
    unknown = needs - ANALYSES.keys()
    if unknown:
        raise ValueError(f"unknown analyses {sorted(unknown)} (known: {sorted(ANALYSES)})")
    view = DocumentView(document)
    return replace(view, analyses=Analyses(**{name: tuple(ANALYSES[name](view)) for name in sorted(needs)}))


def analysed_view(document: Document, checks: Iterable) -> DocumentView:
    """The view ``checks`` need: every analysis one of them lists in ``needs``."""
    return analyse(document, frozenset().union(*(check.needs for check in checks)))
