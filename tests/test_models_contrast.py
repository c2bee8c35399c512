"""Which target words get a source-anchored contrast, and where in their segment."""

from mtcheck.align.word_match import WordMatchParams
from mtcheck.models.contrast import contrast_requests
from mtcheck.models.signals import _Side


def side(*parts):
    return _Side(tuple(range(len(parts))), tuple(parts), {k: 0 for k in range(len(parts))})


def test_each_substituted_content_word_asks_for_its_source_word_in_its_own_segment():
    source = side("Artificial intelligence and big data change the coalition.")
    target = side("Counterfeit consciousness and colossal", "information change the coalition.")
    asks = contrast_requests(source, target, WordMatchParams())
    assert asks == (((0, "Artificial"), (12, "intelligence"), (30, "big")), ((0, "data"),))


def test_the_same_word_and_unlinked_words_ask_nothing():
    asks = contrast_requests(side("The talks ended on Monday."), side("The long talks ended on Monday."), WordMatchParams())
    assert asks == ((),)
