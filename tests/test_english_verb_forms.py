"""The shipped verb-form table is lemminflect's facts, and reading it gives what lemminflect gives."""

import gzip
from importlib import resources

import pytest

from mtcheck.english.verb_forms import NOT_A_VERB, TABLE, derive_from_lemminflect, verb_forms, write_table

pytest.importorskip("lemminflect")


def test_the_shipped_table_is_what_lemminflect_derives(tmp_path):
    # Fails when lemminflect is upgraded without `python -m mtcheck.english.verb_forms`.
    fresh = tmp_path / "verb_forms.tsv.gz"
    write_table(str(fresh))
    shipped = resources.files("mtcheck.english").joinpath(TABLE).read_bytes()
    assert gzip.decompress(fresh.read_bytes()) == gzip.decompress(shipped)


def test_every_derived_word_reads_back_from_the_table():
    derived = list(derive_from_lemminflect())
    assert len(derived) > 20_000
    for word, lemma, tags, other in derived:
        assert verb_forms(word) == (lemma, tags, other)


@pytest.mark.parametrize(
    "word, expected",
    [
        ("said", ("say", frozenset({"VBD", "VBN"}), frozenset())),
        ("got", ("get", frozenset({"VBD", "VBN"}), frozenset())),  # British "has got"
        ("attacks", ("attack", frozenset({"VBZ"}), frozenset({"NOUN"}))),
        ("table", ("table", frozenset({"VB", "VBP"}), frozenset({"NOUN"}))),
    ],
)
def test_known_words(word, expected):
    assert verb_forms(word) == expected


@pytest.mark.parametrize("word", ["the", "Baghdad", "", "qqqzx", "said\t"])
def test_words_that_cannot_be_verbs(word):
    assert verb_forms(word) == NOT_A_VERB
