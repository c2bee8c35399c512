"""Lexical metrics through sacrebleu."""

from mtcheck.metrics.sacre import LexicalScores, corpus_scores, pair_scores, sacrebleu_signature

__all__ = ["LexicalScores", "corpus_scores", "pair_scores", "sacrebleu_signature"]
