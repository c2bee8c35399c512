"""The analyse stage: per-document facts that several checks read, computed once.

Each analysis is a pure function of a ``DocumentView`` and its parameters
(a ``Params`` dataclass, set like a check's: ``[analyses.NAME]`` in
mtcheck.toml, ``[tool.mtcheck.analyses.NAME]`` in pyproject.toml, ``--set
NAME.param=VALUE``). A check says which analyses it reads in its ``needs``,
and the pipeline computes those, and only those, before any check runs.
Adding an analysis: an ``ANALYSIS`` (analyses.analysis) in its module, its
line in ``ANALYSES`` (or a plugin's entry point in the ``mtcheck.analyses``
group), and its name in the ``needs`` of its checks.

Two kinds: a document analysis (spikes, insertions) yields its facts in
text order and is kept as a tuple; a per-pair analysis (number_mentions,
word_alignments) returns a ``views.PerPair``, which makes one pair's facts
when a check reads them: kept for every pair, they would not fit a big
article's memory budget.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Iterable, Mapping

from mtcheck.analyses.analysis import Analysis
from mtcheck.params import Params
from mtcheck.plugins import Registry
from mtcheck.types import Document
from mtcheck.views import Analyses, DocumentView, PerPair

# Per-pair facts are kept for the next reader up to this many characters of their pairs per analysis:
# word alignments take about 170 bytes a character (more once the judge has linked their words), so about
# 10 MB. A seed-sized article is 24,000, so a feed's articles are read once; 200,000 kept 35 MB or more
# through the checks and the judge of a big article, a tenth of its memory budget.
REMEMBERED_CHARS = 60_000

ANALYSES: Registry[Analysis] = Registry("mtcheck.analyses", {
    "spikes": "mtcheck.analyses.spikes:ANALYSIS",
    "insertions": "mtcheck.analyses.insertions:ANALYSIS",
    "counterparts": "mtcheck.analyses.counterpart:ANALYSIS",
    "number_mentions": "mtcheck.analyses.numbers:ANALYSIS",
    "word_alignments": "mtcheck.analyses.word_alignments:ANALYSIS",
    "structure": "mtcheck.analyses.structure:ANALYSIS",
})


def analyse(document: Document, needs: Iterable[str], params: Mapping[str, Params] | None = None) -> DocumentView:
    """The document's view with the named analyses computed, each with its parameters (defaults where unset)."""
    needs = frozenset(needs)
    unknown = needs - set(ANALYSES.names())
    if unknown:
        raise ValueError(f"unknown analyses {sorted(unknown)} (known: {sorted(ANALYSES.names())})")
    params = params or {}
    view = DocumentView(document)
    computed = {}
    for name in sorted(needs):
        analysis = ANALYSES.get(name)
        result = analysis.run(view, params.get(name) or analysis.Params())
        computed[name] = result.remembering(REMEMBERED_CHARS) if isinstance(result, PerPair) else tuple(result)
    return replace(view, analyses=Analyses(computed))


def analysed_view(document: Document, checks: Iterable, params: Mapping[str, Params] | None = None,
                  also: Iterable[str] = ()) -> DocumentView:
    """The view ``checks`` need: every analysis one of them lists in ``needs``, and those in ``also``."""
    return analyse(document, frozenset(also).union(*(check.needs for check in checks)), params)
