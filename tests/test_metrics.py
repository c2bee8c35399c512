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


@pytest.mark.parametrize("parallel_from", [10_000, 2])
def test_batched_statistics_give_sacrebleus_corpus_scores_exactly(monkeypatch, parallel_from):
    # Statistics are extracted a batch at a time and summed as they come (a
    # 10 MB article's reference caches would not fit otherwise); the corpus
    # score must be the one sacrebleu gives for all pairs at once.
    from mtcheck.metrics import sacre

    monkeypatch.setattr(sacre, "STATISTICS_BATCH", 3)
    hyps = [f"{h} number {i}." for i in range(7) for h in HYPS]
    refs = [f"{r} number {i * 2}." for i in range(7) for r in REFS]
    pairs, corpus = score_pairs(hyps, refs, parallel_from=parallel_from)
    assert len(pairs) == len(hyps)
    assert corpus.chrf == round(CHRF().corpus_score(hyps, [refs]).score, 2)
    assert corpus.bleu == round(BLEU().corpus_score(hyps, [refs]).score, 2)
    assert corpus.ter == round(TER().corpus_score(hyps, [refs]).score, 2)
    monkeypatch.setattr(sacre, "STATISTICS_BATCH", 1000)
    assert (pairs, corpus) == score_pairs(hyps, refs, parallel_from=10_000)
