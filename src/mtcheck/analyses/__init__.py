"""The analyse stage: per-document facts that several checks read, computed once.

Each analysis is a pure function of a ``DocumentView`` and its parameters
(a ``Params`` dataclass, set like a check's: ``[analyses.NAME]`` in
mtcheck.toml, ``[tool.mtcheck.analyses.NAME]`` in pyproject.toml, ``--set
NAME.param=VALUE``). A check says which analyses it reads in its ``needs``,
and the pipeline computes those, and only those, before any check runs.
Adding an analysis: an entry in ``ANALYSES``, a field on
``mtcheck.views.Analyses``, and its name in the ``needs`` of its checks.

Two kinds: a document analysis (spikes, insertions) yields its facts in
text order and is kept as a tuple; a per-pair analysis (number_mentions,
word_alignments) returns a ``views.PerPair``, which makes one pair's facts
when a check reads them: kept for every pair, they would not fit a big
article's memory budget.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Iterable, Iterator, Mapping

from mtcheck.analyses.counterpart import find_counterparts
from mtcheck.analyses.insertions import InsertionAnalysisParams, label_insertions
from mtcheck.analyses.numbers import find_numbers
from mtcheck.analyses.spikes import SpikeAnalysisParams, find_spikes
from mtcheck.analyses.structure import StructureAnalysisParams, find_structure
from mtcheck.align.word_match import WordMatchParams, word_alignments
from mtcheck.params import Params
from mtcheck.types import Document
from mtcheck.views import Analyses, DocumentView, PerPair


# Per-pair facts are kept for the next reader up to this many characters of their pairs per analysis:
# word alignments take about 170 bytes a character (more once the judge has linked their words), so about
# 10 MB. A seed-sized article is 24,000, so a feed's articles are read once; 200,000 kept 35 MB or more
# through the checks and the judge of a big article, a tenth of its memory budget.
REMEMBERED_CHARS = 60_000


@dataclass(frozen=True)
class Analysis:
    """A registered analysis: its name (as checks' ``needs`` and the settings spell it), function and parameters."""

    name: str
    run: Callable[[DocumentView, Params], Iterator | PerPair]
    Params: type[Params]


ANALYSES: dict[str, Analysis] = {
    analysis.name: analysis
    for analysis in (
        Analysis("spikes", find_spikes, SpikeAnalysisParams),
        Analysis("insertions", label_insertions, InsertionAnalysisParams),
        Analysis("counterparts", find_counterparts, Params),
        Analysis("number_mentions", find_numbers, Params),
        Analysis("word_alignments", word_alignments, WordMatchParams),
        Analysis("structure", find_structure, StructureAnalysisParams),
    )
}


def analyse(document: Document, needs: Iterable[str], params: Mapping[str, Params] | None = None) -> DocumentView:
    """The document's view with the named analyses computed, each with its parameters (defaults where unset)."""
    needs = frozenset(needs)
    unknown = needs - ANALYSES.keys()
    if unknown:
        raise ValueError(f"unknown analyses {sorted(unknown)} (known: {sorted(ANALYSES)})")
    params = params or {}
    view = DocumentView(document)
    computed = {}
    for name in sorted(needs):
        analysis = ANALYSES[name]
        result = analysis.run(view, params.get(name) or analysis.Params())
        computed[name] = result.remembering(REMEMBERED_CHARS) if isinstance(result, PerPair) else tuple(result)
    return replace(view, analyses=Analyses(**computed))


def analysed_view(document: Document, checks: Iterable, params: Mapping[str, Params] | None = None,
                  also: Iterable[str] = ()) -> DocumentView:
    """The view ``checks`` need: every analysis one of them lists in ``needs``, and those in ``also``."""
    return analyse(document, frozenset(also).union(*(check.needs for check in checks)), params)
