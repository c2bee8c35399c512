"""Stems (snowballstemmer's Porter2) and the word match built on them."""

import pytest

from mtcheck.align.word_match import WordMatchParams, align, same_piece
from mtcheck.english.stemming import stem

DEFAULT = WordMatchParams()


def same(a: str, b: str) -> bool:
    return same_piece(a, b, DEFAULT.shared_prefix, DEFAULT.compound_part)


@pytest.mark.parametrize("word, expected", [("sanctioned", "sanction"), ("sanctions", "sanction"),
                                            ("using", "use"), ("used", "use"), ("activities", "activ")])
def test_porter2_stems(word, expected):
    assert stem(word) == expected


@pytest.mark.parametrize("a, b", [("using", "used"), ("compared", "comparison"), ("ground", "underground"),
                                  ("happily", "happy")])
def test_forms_of_one_word_match(a, b):
    assert same(a, b) and same(b, a)


@pytest.mark.parametrize("a, b", [("city", "metropolis"), ("#number:5", "#number:6"), ("10", "100"),
                                  ("use", "user")])
def test_other_words_do_not(a, b):
    assert not same(a, b)


def test_a_paraphrase_in_the_passive_covers_the_verb():
    # DEMETR item 12: "you are using a satellite" / "satellites are used".
    alignment = align("When you call someone far away, you are using a satellite.",
                      "When you call someone far away, satellites are used.")
    using = next(i for i, token in enumerate(alignment.source) if token.word.text == "using")
    assert alignment.covered[using]
