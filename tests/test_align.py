import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtcheck.align import AlignParams, align
from mtcheck.align.ngrams import char_ngram_counts, chrf_from_counts

SOURCES = [
    "U.S. officials say recent airstrikes in Syria and Iraq dealt a devastating blow to a dangerous adversary: Iran.",
    "They said they punished Iran's notorious Quds Force and allied militias for deadly attacks on U.S. troops.",
    "In Iraq, however, the strikes provoked a very different reaction.",
    "Many of the militias are backed by Iran but are also woven into Iraqi society, politics and government.",
    "His father joined the fight at its start, as did Mohammed, now 29, and three of his brothers.",
]


def test_identical_documents_align_one_to_one():
    assert align(SOURCES, SOURCES) == [((i,), (i,)) for i in range(len(SOURCES))]


def test_insertion_omission_and_split_beads():
    targets = [
        "Comments",
        "U.S. officials say recent airstrikes in Syria and Iraq have dealt a devastating blow to a dangerous adversary: Iran.",
        "They said they punished Iran's notorious Quds Force and allied militias for deadly attacks on US troops.",
        "Read The Washington Post for free for four weeks",
        "Many of the militias are backed by Iran, but are also deeply connected to Iraqi society, Politics and government intertwined.",
        "His father joined at the beginning of this fight.",
        "Just like Mohammed, now 29, and three of his brothers.",
    ]
    assert align(SOURCES, targets) == [
        ((), (0,)),
        ((0,), (1,)),
        ((1,), (2,)),
        ((), (3,)),
        ((2,), ()),
        ((3,), (4,)),
        ((4,), (5, 6)),
    ]


def test_merged_target_gives_two_to_one():
    targets = [SOURCES[0], SOURCES[1].rstrip(".") + " and " + SOURCES[2][0].lower() + SOURCES[2][1:], SOURCES[3], SOURCES[4]]
    beads = align(SOURCES, targets)
    assert ((1, 2), (1,)) in beads


def test_empty_sides():
    assert align([], ["a", "b"]) == [((), (0,)), ((), (1,))]
    assert align(["a"], []) == [((0,), ())]


def test_unrelated_documents_do_not_align():
    targets = ["Bananas are rich in potassium and grow in tropical climates.", "The football match ended in a draw."]
    beads = align(SOURCES[:2], targets)
    assert all(not src or not tgt for src, tgt in beads)


def test_banded_recursion_matches_full_search():
    # Force the coarse pass to halve and band, and compare with the full search.
    sources = [f"Sentence number {i} talks about topic {i * 7 % 13} and item {i}." for i in range(40)]
    targets = [s.replace("talks", "speaks") for s in sources]
    targets.insert(10, "Advertisement")
    full = align(sources, targets)
    banded = align(sources, targets, AlignParams(full_cells=100))
    assert full == banded
    assert ((), (10,)) in full


def test_chrf_from_counts_matches_sacrebleu_on_exact_hashing():
    from sacrebleu.metrics import CHRF

    hyp = "U.S. officials say recent airstrikes dealt a blow."
    ref = "U.S. officials said recent air strikes dealt a devastating blow."
    counts = char_ngram_counts([ref, hyp], buckets=1 << 16)
    ours = float(chrf_from_counts(counts[0], counts[1])) * 100
    assert ours == pytest.approx(CHRF().sentence_score(hyp, [ref]).score, abs=0.5)


def test_counts_are_deterministic_and_ignore_whitespace():
    a = char_ngram_counts(["a b  c"], 64)
    b = char_ngram_counts(["abc"], 64)
    assert np.array_equal(a, b)
    assert a[0, 0].sum() == 3 and a[0, 2].sum() == 1 and a[0, 3].sum() == 0


words = st.sampled_from("the of Iraq militia said U.S. strike Baghdad government attack on in a".split())
sentences = st.lists(words, min_size=1, max_size=12).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(st.lists(sentences, max_size=12), st.lists(sentences, max_size=12))
def test_beads_cover_both_sides_in_order(sources, targets):
    beads = align(sources, targets)
    assert [i for src, _ in beads for i in src] == list(range(len(sources)))
    assert [j for _, tgt in beads for j in tgt] == list(range(len(targets)))
    for src, tgt in beads:
        assert src or tgt
        assert len(src) <= 3 and len(tgt) <= 3


def test_embeddings_pull_paraphrases_together():
    # Lexically, target 1 resembles source 0 more than source 1; the embeddings
    # (one-hot meanings here) say each target matches its own source.
    sources = ["The minister resigned on Monday after the vote.", "Prices of bread rose sharply in the capital."]
    targets = ["On Monday the minister quit following the ballot.", "Monday after the vote the minister saw bread prices."]
    meanings = np.eye(2, dtype=np.float32)
    params = AlignParams(embedding_weight=1.0)
    assert align(sources, targets, params, (meanings, meanings)) == [((0,), (0,)), ((1,), (1,))]
    junk = np.array([[0.0, 0.0, 1.0]], dtype=np.float32)
    three = np.eye(3, dtype=np.float32)
    with_junk = align(sources, targets + ["Advertisement"], params, (three[:2], np.vstack([three[:2], junk])))
    assert with_junk[-1] == ((), (2,))


def test_headings_stand_alone():
    sources = ["Iraq is still living with the fallout from the Trump administration's decision to kill Soleimani."]
    targets = [
        "Iraq is living with the consequences of the Trump administration",
        "Iraq is still living with the fallout from the Trump administration's decision to kill Soleimani.",
    ]
    same_meaning = (np.ones((1, 2), np.float32) / np.sqrt(2), np.ones((2, 2), np.float32) / np.sqrt(2))
    params = AlignParams(embedding_weight=1.0)
    assert align(sources, targets, params, same_meaning) == [((0,), (0, 1))]  # the heading rides along
    alone = align(sources, targets, params, same_meaning, standalone=([False], [True, False]))
    assert alone == [((), (0,)), ((0,), (1,))]
