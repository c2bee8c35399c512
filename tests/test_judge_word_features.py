"""The judge's word features: a word's neighbours and the unlinked run it is in."""

import math

from mtcheck.grade.judge.word_features import MODEL_FEATURES, is_model_feature, with_neighbours


def test_each_word_gets_its_neighbours_facts_and_its_unlinked_run():
    rows = [{"zipf": 5.0, "link:none": 0.0, "bits": 1.0, "pair_chrf": 0.5},
            {"zipf": 2.0, "link:none": 1.0, "bits": 9.0, "pair_chrf": 0.5},
            {"zipf": 3.0, "link:none": 1.0, "pair_chrf": 0.5}]
    with_neighbours(rows, [False, True, True])
    first, middle, last = rows
    assert first["prev:edge"] == 1.0 and first["next:zipf"] == 2.0 and first["next:bits"] == 9.0
    # A neighbour's neighbours are not copied along, nor pair-level facts.
    assert middle["prev:zipf"] == 5.0 and middle["next:zipf"] == 3.0 and "next:bits" not in middle
    assert not any(key.startswith(("prev:prev", "prev:next", "next:")) and "pair_chrf" in key for key in middle)
    assert last["next:edge"] == 1.0 and "prev:edge" not in last
    assert first["unlinked_run"] == 0.0 and middle["unlinked_run"] == last["unlinked_run"] == math.log1p(2)


def test_a_neighbours_model_reading_counts_as_a_model_feature():
    assert all(is_model_feature(name) and is_model_feature(f"prev:{name}") for name in MODEL_FEATURES)
    assert not is_model_feature("zipf") and not is_model_feature("next:zipf") and not is_model_feature("prev:edge")
