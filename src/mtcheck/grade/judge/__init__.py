"""The judge: confidences measured on human MQM judgements, and the operating points that use them.

``judge.model`` reads the learned layer (shipped as ``data/judge.json``,
rebuilt bit for bit by ``python -m mtcheck.training.train``), ``judge.judging``
applies it after detect, and these helpers turn the settings into the two
thresholds a run uses: what the report lists, and what the gate counts.
"""

from __future__ import annotations

from mtcheck.config import Config
from mtcheck.grade.judge.model import OPERATING_POINTS, JudgeModel, load

OFF = "off"


def judge_model(config: Config) -> JudgeModel | None:
    """The judge a run uses, or None where ``judge = "off"`` keeps every check's own confidence."""
    return None if config.judge == OFF else load(config.judge)


def listing_threshold(config: Config, models: bool) -> float:
    """The confidence a finding needs to be reported: ``min-confidence``, else the operating point's."""
    if config.min_confidence is not None:
        return config.min_confidence
    model = judge_model(config)
    return model.threshold(config.operating_point, models) if model else 0.0


def gate_threshold(config: Config, models: bool) -> float:
    """The confidence a finding needs for the gate to count it: the gate point's, and never below what is listed."""
    model = judge_model(config)
    point = model.threshold("gate", models) if model else 0.0
    return max(point, listing_threshold(config, models))


def selected_checks(config: Config) -> list[type]:
    """The check classes ``config`` selects, in registry order; the judge's own ``word-error`` is a name
    ``--checks`` and ``--skip-checks`` may give too (``learned_selected``)."""
    from mtcheck.checks import selected
    from mtcheck.grade.judge.judging import CHECK

    return selected(config.checks, config.skip_checks, also_known=(CHECK,))


def learned_selected(config: Config) -> bool:
    """The judge's own ``word-error`` findings are selected like a check's (``--checks``, ``--skip-checks``)."""
    from mtcheck.grade.judge.judging import CHECK

    return (config.checks is None or CHECK in config.checks) and CHECK not in config.skip_checks


__all__ = ["OPERATING_POINTS", "OFF", "gate_threshold", "judge_model", "learned_selected", "listing_threshold",
           "selected_checks"]
