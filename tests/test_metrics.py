"""Scores from shared statistics equal sacrebleu's public sentence and corpus scores."""

import pytest
from sacrebleu.metrics import BLEU, CHRF, TER

from mtcheck.metrics import score_pairs

HYPS = [
    "U.S. officials say recent airstrikes have dealt a devastating blow.",
    "Her death triggered a resistance dynamic in Iraq.",
    "",
    "Comments",
    "Same text.",
]
REFS = [
    "U.S. officials say recent airstrikes dealt a devastating blow to Iran.",
    "Their deaths triggered a resistance dynamic in Iraq.",
    "A sentence the translation dropped.",
    "",
    "Same text.",
]


@pytest.mark.parametrize("parallel_from", [1000, 2])
def test_matches_public_api(parallel_from):
    pairs, corpus = score_pairs(HYPS, REFS, parallel_from=parallel_from)
    chrf, bleu, ter = CHRF(), BLEU(effective_order=True), TER()
    for hyp, ref, scores in zip(HYPS[:4], REFS[:4], pairs):
        assert scores.chrf == pytest.approx(chrf.sentence_score(hyp, [ref]).score, abs=0.01)
        assert scores.bleu == pytest.approx(bleu.sentence_score(hyp, [ref]).score, abs=0.01)
        assert scores.ter == pytest.approx(ter.sentence_score(hyp, [ref]).score, abs=0.01)
    assert corpus.chrf == pytest.approx(CHRF().corpus_score(HYPS, [REFS]).score, abs=0.01)
    assert corpus.bleu == pytest.approx(BLEU().corpus_score(HYPS, [REFS]).score, abs=0.01)
    assert corpus.ter == pytest.approx(TER().corpus_score(HYPS, [REFS]).score, abs=0.01)


def test_identical_text_is_perfect_even_when_empty():
    pairs, corpus = score_pairs(["", "a b"], ["", "a b"])
    assert [(p.chrf, p.bleu, p.ter) for p in pairs] == [(100.0, 100.0, 0.0)] * 2
    assert (corpus.chrf, corpus.bleu, corpus.ter) == (100.0, 100.0, 0.0)
