"""One newsroom's confidence layer: the shipped judge, recalibrated on its editors' verdicts.

``mtcheck calibrate`` refits, per variant, a small logistic model on top of
the shipped confidences:

    confidence' = sigmoid(w * logit(confidence) + b + c_check)

from two kinds of rows: the shipped calibration rows (held-back WMT21 news
findings, each with its confidence and whether a rater marked an error
there; ``data/calibration.json``, written by training.train), and the
editors' verdicts (each with the confidence its finding had, confirmed or a
false alarm), weighted ``verdict_weight`` times a shipped row. A check the
editors confirm more often than the raters did moves up, one they dismiss
moves down; with no verdicts on a check, its confidences barely move. The
operating points keep their thresholds: the confidences they read are still
the probability of a real error.
"""

from __future__ import annotations

import json
from dataclasses import replace
from importlib import resources
from typing import Mapping, Sequence

from mtcheck.training.fit import fit_logistic
from mtcheck.grade.judge.model import JudgeModel, Logistic, newsroom_features as features, to_json
from mtcheck.training.verdict_refit import refit_cuts
from mtcheck.report.verdicts import ArticleJudgement, Verdict

VERDICT_WEIGHT = 10.0  # one editor's verdict counts as ten rows of the shipped data
NEUTRAL_CONFIDENCE = 0.5  # a verdict whose file did not record its finding's confidence


def shipped_rows() -> dict[str, list[tuple[tuple[str, ...], float, int]]]:
    """Per variant, (checks, confidence, label) of the held-back findings the shipped judge was calibrated on."""
    rows = json.loads(resources.files("mtcheck.grade.judge").joinpath("data/calibration.json").read_text(encoding="utf-8"))
    return {variant: [(tuple(checks), float(c), int(y)) for checks, c, y in values] for variant, values in rows.items()}


def refit(base: JudgeModel, verdicts: Sequence[Verdict], rows: Mapping[str, list] | None = None,
          verdict_weight: float = VERDICT_WEIGHT) -> dict[str, Logistic]:
    """The newsroom layer of each variant of ``base``."""
    rows = rows if rows is not None else shipped_rows()
    layers = {}
    for name in base.variants:
        shipped = rows.get(name, [])
        x = [features(checks, c) for checks, c, _ in shipped]
        y = [label for _, _, label in shipped]
        weights = [1.0] * len(shipped)
        for verdict in verdicts:
            confidence = verdict.confidence if verdict.confidence is not None else NEUTRAL_CONFIDENCE
            x.append(features((verdict.check,), confidence))
            y.append(int(verdict.confirmed))
            weights.append(verdict_weight)
        names = ("confidence_logit", *sorted({k for row in x for k in row if k != "confidence_logit"}))
        layers[name] = fit_logistic(x, y, names, weights=weights)
    return layers


def calibrated_file(base: JudgeModel, base_text: str, verdicts: Sequence[Verdict], sources: Sequence[str],
                    rows: Mapping[str, list] | None = None, verdict_weight: float = VERDICT_WEIGHT,
                    articles: Sequence[ArticleJudgement] = ()) -> str:
    """The judge file ``mtcheck calibrate`` writes: the base judge with a newsroom layer in every variant,
    and each variant's verdict cut points moved by the editors' verdicts on whole articles."""
    layers = refit(base, verdicts, rows, verdict_weight) if verdicts else {}
    variants = {}
    for name, variant in base.variants.items():
        judged = [a for a in articles if a.models == (name == "models")]
        cuts = refit_cuts(variant.verdict, judged) if variant.verdict is not None else None
        variants[name] = replace(variant, newsroom=layers.get(name, variant.newsroom), verdict=cuts)
    about = dict(json.loads(base_text).get("about", {}))
    about["newsroom"] = {"base": base.signature, "verdicts": len(verdicts), "files": list(sources),
                         "confirmed": sum(v.confirmed for v in verdicts), "verdict_weight": verdict_weight,
                         "article_verdicts": len(articles)}
    return to_json(variants, about)
