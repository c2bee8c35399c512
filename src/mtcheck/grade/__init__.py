"""The grade stage: findings merged to one per error, their confidences measured by the judge, then the penalty and quality.

``merging`` merges several checks' findings on one span; ``judge/`` is the
learned layer's runtime (it reads ``judge/data/judge.json``; the fitting is
in ``mtcheck.training``); ``quality`` and ``quality_v3`` turn findings and
scores into quality; ``grading`` puts them on the document.
"""

from mtcheck.grade.grading import grade

__all__ = ["grade"]
