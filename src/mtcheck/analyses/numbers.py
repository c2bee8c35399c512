"""The number mentions of each pair's two sides: numbers, clock times, months and weekdays.

english/number_mentions.py reads them; this analysis gives the checks both
sides of a pair at once, each mention with its offsets relative to the
side's text. A per-pair analysis (views.PerPair): made when read.
"""

from __future__ import annotations

from dataclasses import dataclass

from mtcheck.english.number_mentions import Mention, extract_numbers
from mtcheck.params import Params
from mtcheck.views import DocumentView, PairView, PerPair
from mtcheck.analyses.analysis import Analysis


@dataclass(frozen=True, slots=True)
class PairNumbers:
    source: tuple[Mention, ...]
    target: tuple[Mention, ...]


def pair_numbers(view: PairView) -> PairNumbers:
    return PairNumbers(tuple(extract_numbers(view.source.text)), tuple(extract_numbers(view.target.text)))


def find_numbers(doc: DocumentView, params: Params) -> PerPair[PairNumbers]:
    """The analysis: no parameters; the readings are english/number_mentions.py's."""
    return PerPair(pair_numbers)


ANALYSIS = Analysis("number_mentions", find_numbers, Params)
