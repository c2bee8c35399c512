"""The article verdict's cut points, chosen on human document MQM (training time only).

Human bands. An article's human score is its raters' MQM penalty per 100 target words (minor 1, major 5),
read the way MQM's scoring model reads it (an overall quality score of ``100 - penalty per 100 words``)
and banded the way Unbabel's and Phrase's quality bands are: fixed ranges of that score, the same for
every article and system, not shares of a population:

- ``best`` (publish as is): a score of 95 or more, at most 5 penalty points per 100 words: a minor slip
  every 20 words, or one major error in a 100-word article;
- ``worst`` (retranslate): below 75, more than 25 points per 100 words: an error of some kind in every
  other sentence, or five major ones in 100 words;
- ``middle``: between them.

WMT21's raters were strict: the median article has 14 points per 100 words, and only about 6% reach the
best band.

The estimate. A least-squares line of an article's human penalty per 100 words over its document scores
(``ESTIMATE_INPUTS``: the judge's expected penalty, quality v3 and chrF), fitted on the held-back
``calibrate`` articles. Its unit is the raters' own, so a verdict can say "estimated 31 penalty points
per 100 words".

The cut points then make two promises, each on the same articles:

- at most ``PROMISE`` of worst-band articles pass (estimate at or below ``review_penalty``), so a wrecked
  translation is routed to an editor or refused;
- at most ``PROMISE`` of best-band articles fail (estimate above ``fail_penalty``), so a good translation is
  not sent back.

Where the two bands' estimates overlap, each promise binds its own cut; where the estimate separates them
on the calibrate articles, an article passes only when it looks like the best band and fails only when it
looks like the worst, and what lies between goes to review (``fit_cuts``). The calibrate documents hold a
few dozen worst-band and a handful of best-band articles, so each cut sits 0.05 beyond the article that
bounds it.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from mtcheck.training.article_data import ArticleReading, load_readings
from mtcheck.grade.judge.model import ESTIMATE_INPUTS, FORMAT, VerdictCuts

BEST_MAX = 5.0  # penalty points per 100 words: the best band's upper end (MQM score 95)
WORST_MIN = 25.0  # the worst band's lower end (MQM score 75)
PROMISE = 0.05  # at most this share of worst-band articles passes, of best-band articles fails
# Rule-set coverage cuts (mtcheck.gate.article.RULE_COVERAGE): the human articles are all fully translated.
COVERAGE_CUTS = (0.5, 0.85)


def band(per_100_words: float) -> str:
    return "best" if per_100_words <= BEST_MAX else "worst" if per_100_words > WORST_MIN else "middle"


@dataclass(frozen=True)
class Fitted:
    cuts: VerdictCuts
    best: int  # calibrate articles in each band the cuts were chosen on
    worst: int


def inputs(reading: ArticleReading) -> list[float]:
    return [float(getattr(reading, name)) for name in ESTIMATE_INPUTS]


def fit_cuts(readings: Sequence[ArticleReading]) -> Fitted:
    """The estimate and its two cuts on ``readings`` (the calibrate articles)."""
    intercept, weights = fit_estimate(readings)
    estimator = VerdictCuts(intercept, weights, 0.0, 0.0, *COVERAGE_CUTS)
    estimates = [estimator.estimate(dict(zip(ESTIMATE_INPUTS, inputs(r)))) for r in readings]
    worst = sorted(e for e, r in zip(estimates, readings) if band(r.human_per_100_words) == "worst")
    best = sorted(e for e, r in zip(estimates, readings) if band(r.human_per_100_words) == "best")
    if not worst or not best:
        raise ValueError("the readings need articles in both the best and the worst band")
    # Below the worst band's low end (all but PROMISE of it above): at most PROMISE of it would pass.
    worst_low = worst[math.floor(PROMISE * len(worst))] - 0.05
    # Above the best band's high end: at most PROMISE of it would fail.
    best_high = best[len(best) - math.floor(PROMISE * len(best)) - 1] + 0.05
    # Where the bands overlap, each promise binds its own cut. Where the estimate separates them, it
    # passes only what looks like the best band and fails only what looks like the worst: a few
    # calibrate articles are no ground for a line between them with nothing routed to an editor.
    review, fail = min(worst_low, best_high), max(worst_low, best_high)
    return Fitted(VerdictCuts(intercept, weights, round(max(fail, 0.0), 1), round(max(review, 0.0), 1),
                              *COVERAGE_CUTS), len(best), len(worst))


def fit_estimate(readings: Sequence[ArticleReading]) -> tuple[float, tuple[float, ...]]:
    """Least squares of the raters' penalty per 100 words, monotone in every input: more expected penalty,
    lower quality or lower chrF never make an article look better (non-negative weights on the expected
    penalty, 100 - quality and 100 - chrF; scipy's NNLS, the intercept free as a +1 and a -1 column)."""
    import numpy as np
    from scipy.optimize import nnls

    rows = np.array([[r.expected_penalty, 100.0 - r.quality, 100.0 - r.chrf, 1.0, -1.0] for r in readings])
    target = np.array([r.human_per_100_words for r in readings])
    solution, _ = nnls(rows, target)
    w_expected, w_quality, w_chrf = (float(w) for w in solution[:3])
    intercept = float(solution[3] - solution[4]) + 100.0 * (w_quality + w_chrf)
    # + 0.0: a weight NNLS left at zero is written 0.0, not -0.0.
    return round(intercept, 4), (round(w_expected, 6) + 0.0, round(-w_quality, 6) + 0.0, round(-w_chrf, 6) + 0.0)


def with_cuts(judge_text: str, cuts: dict[str, VerdictCuts], about: dict) -> str:
    """The judge file's text with the ``verdict`` block of each variant in ``cuts`` set (the rest as it was,
    key order kept) and ``about.verdict`` updated with ``about``."""
    data = json.loads(judge_text)
    if data.get("format") != FORMAT:
        raise ValueError(f"not a {FORMAT} file")
    for name, variant in data["variants"].items():
        if name in cuts:
            variant["verdict"] = cuts[name].to_json()
    data["about"]["verdict"] = {**data["about"].get("verdict", {}), **about}
    return json.dumps(data, indent=1, sort_keys=False) + "\n"


def fit_shipped(check: bool = False, variants: Sequence[str] = ("rules", "models"), log=print) -> int:
    """Fit the cuts of ``variants`` from the committed readings into the shipped judge file (or compare)."""
    from mtcheck.training.train import SHIPPED
    from mtcheck.training.train_verdict import readings_path

    cuts, about = {}, {"command": "python -m mtcheck.training.train_verdict fit", "bands": {
        "best": f"<= {BEST_MAX:g} per 100 words", "worst": f"> {WORST_MIN:g} per 100 words"}, "promise": PROMISE}
    for name in variants:
        readings = [r for r in load_readings(readings_path(name)) if r.split == "calibrate"]
        fitted = fit_cuts(readings)
        cuts[name] = fitted.cuts
        about[name] = {"calibrate_articles": len(readings), "systems": len({r.system for r in readings}),
                       "best": fitted.best, "worst": fitted.worst}
        log(f"{name}: {fitted.cuts} from {len(readings)} articles ({fitted.best} best, {fitted.worst} worst)")
    shipped = Path(SHIPPED).read_text(encoding="utf-8")
    text = with_cuts(shipped, cuts, about)
    if check:
        log("the shipped cut points are the fitted ones" if text == shipped else "the shipped cut points differ")
        return 0 if text == shipped else 1
    Path(SHIPPED).write_text(text, encoding="utf-8")
    return 0
