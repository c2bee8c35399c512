"""One newsroom's verdict cut points, moved by its editors' verdicts on whole articles (``mtcheck calibrate``).

The shipped estimate (judge.model.VerdictCuts: a rater's expected penalty per 100 words) stays; only where
it changes the verdict moves. Each cut is the one that disagrees with the fewest editors' verdicts:

- ``review_penalty``: articles the editors passed should be at or below it, those they sent to review or
  failed above it;
- ``fail_penalty`` (never below ``review_penalty``): articles they failed above it, the rest at or below.

Moving a cut past all of the editors' articles costs as much as ``SHIPPED_WEIGHT`` disagreements (past a
share of them, that share of it), so that a handful of verdicts moves it a little and many move it to
where the editors draw the line. A variant with fewer than ``MIN_ARTICLES`` article verdicts keeps its
cuts.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from mtcheck.grade.judge.model import VerdictCuts
from mtcheck.report.verdicts import ArticleJudgement

MIN_ARTICLES = 5
SHIPPED_WEIGHT = 5.0


def refit_cuts(cuts: VerdictCuts, judgements: Sequence[ArticleJudgement]) -> VerdictCuts:
    """``cuts`` with both penalty cuts moved toward the editors' article verdicts."""
    scored = [(estimate, j.verdict) for j in judgements if (estimate := cuts.estimate(dict(j.scores))) is not None]
    if len(scored) < MIN_ARTICLES:
        return cuts
    review = _best_cut(scored, cuts.review_penalty, above=("review", "fail"))
    fail = _best_cut(scored, cuts.fail_penalty, above=("fail",), lowest=review)
    return replace(cuts, review_penalty=review, fail_penalty=max(fail, review))


def _best_cut(scored: Sequence[tuple[float, str]], shipped: float, above: tuple[str, ...],
              lowest: float = 0.0) -> float:
    """The cut with the least weighted disagreement; ties go to the one nearest the shipped cut."""
    candidates = sorted({shipped, lowest, *(round(e, 2) for e, _ in scored)})
    best, best_cost = shipped, None
    for cut in (c for c in candidates if c >= lowest):
        cost = sum((verdict in above) != (estimate > cut) for estimate, verdict in scored)
        cost += SHIPPED_WEIGHT * _distance_in_articles(cut, shipped, scored)
        key = (cost, abs(cut - shipped))
        if best_cost is None or key < best_cost:
            best, best_cost = cut, key
    return round(best, 2)


def _distance_in_articles(cut: float, shipped: float, scored: Sequence[tuple[float, str]]) -> float:
    """How many editors' articles lie between the cut and the shipped one (the shipped cut's pull)."""
    low, high = sorted((cut, shipped))
    between = sum(low < estimate <= high for estimate, _ in scored)
    return between / max(len(scored), 1)
