"""The word-level diff that names the source words a target word stands for."""

from hypothesis import given
from hypothesis import strategies as st

from mtcheck.analyses.counterpart import WORD, counterpart


def opposite(source, target, word):
    start = target.index(word)
    found = counterpart(source, target, start, start + len(word))
    return None if found is None else source[found[0] : found[1]]


def test_a_replaced_word_points_at_what_it_replaced():
    source, target = "Many see a complex reality in Iraq.", "Many see a fancy actuality in Iraq."
    assert opposite(source, target, "actuality") == "complex reality"
    assert opposite("They met in the middle of Baghdad.", "They met in the course of Baghdad.", "course") == "middle"


def test_added_and_kept_words_have_no_counterpart():
    assert opposite("Mounes called it a deal.", "Rep. Mounes called it a deal.", "Rep") is None
    assert opposite("Mounes called it a deal.", "Rep. Mounes called it a deal.", "deal") is None


def test_a_long_rewrite_is_not_a_counterpart():
    source = "The strike killed a senior commander of the group in the capital last week."
    target = "Officials in Washington declined to comment on reports about an operation near the airport."
    assert opposite(source, target, "airport") is None


words = st.lists(st.sampled_from(["the", "militia", "Iraq", "said", "reality", "it's", "U.S.", "—", ","]), max_size=12)


@given(words, words, st.integers(0, 40), st.integers(0, 40))
def test_counterparts_are_whole_source_words(source_words, target_words, a, b):
    source, target = " ".join(source_words), " ".join(target_words)
    start, end = sorted((min(a, len(target)), min(b, len(target))))
    found = counterpart(source, target, start, end)
    if found is not None:
        first, last = found
        assert 0 <= first < last <= len(source)
        assert WORD.fullmatch(source[first : first + len(WORD.match(source, first).group())])
        assert first == 0 or not WORD.fullmatch(source[first - 1])
