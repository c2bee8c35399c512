"""The shipped antonym table agrees with WordNet and lemminflect, which it is derived from."""

from importlib import resources

from mtcheck.english.antonyms import derived_bytes, lemmas, opposites


def test_opposites_of_a_form_come_through_its_lemma():
    assert "late" in opposites("early") and "early" in opposites("late")
    assert "close" in opposites("opened")
    assert "born" in opposites("died")  # WordNet's "be_born"
    assert lemmas("opened") == {"open"}
    assert opposites("qzxv") == frozenset() and opposites("said") == frozenset()


def test_the_shipped_table_is_what_wordnet_and_lemminflect_give():
    shipped = resources.files("mtcheck.english").joinpath("data/antonyms.tsv.gz").read_bytes()
    assert derived_bytes() == shipped
