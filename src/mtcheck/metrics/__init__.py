"""Lexical metrics through sacrebleu."""

from mtcheck.metrics.sacre import LexicalScores, sacrebleu_signature, score_pairs

__all__ = ["LexicalScores", "sacrebleu_signature", "score_pairs"]
