"""The score stage: every pair's and the document's ``Scores`` (sacrebleu chrF/BLEU/TER and the models' scores)."""

from mtcheck.score.scoring import score

__all__ = ["score"]
