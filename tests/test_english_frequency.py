"""The shipped Zipf table agrees with wordfreq, which it is derived from."""

from wordfreq import top_n_list, zipf_frequency

from mtcheck.english.frequency import RARE, WORDS, _table, derive_from_wordfreq, zipf


def test_the_table_is_wordfreqs_top_words_at_two_decimals():
    table = _table()
    top = list(dict.fromkeys(top_n_list("en", WORDS)))
    assert len(table) == len(top)
    for word in top[::97] + ["the", "counterfeit", "consciousness", "coalition"]:
        assert abs(table[word] - zipf_frequency(word, "en")) <= 0.005, word


def test_lookups_fold_case_and_apostrophes_and_rare_words_score_as_unseen():
    assert zipf("The") == zipf("the") > 7
    assert zipf("don’t") == zipf("don't") > 5
    assert zipf("qzxv") == RARE == 0.0


def test_the_shipped_table_is_what_deriving_it_again_writes():
    from importlib import resources

    shipped = resources.files("mtcheck.english").joinpath("data/zipf.tsv.gz").read_bytes()
    assert derive_from_wordfreq() == shipped
