"""Synthetic meaning flips for the word model: each kind makes the flip it names, marks it, and keeps the raters' spans."""

from hypothesis import given
from hypothesis import strategies as st

from mtcheck.training.mqm_data import MqmItem
from mtcheck.training.synthetic import EVERY, MAKERS, _moved, flipped, kinds_of

SOURCE = "The ministry said early talks were held before the vote and will resume."


def flip(kind, target, source=SOURCE):
    made = MAKERS[kind](source, target)
    if made is None:
        return None
    text, start, end = made
    return text, text[start:end]


def test_each_kind_makes_its_flip_and_marks_the_flipped_word():
    target = "The ministry said early talks were held before the vote and will resume."
    assert flip("antonym", target) == ("The ministry said late talks were held before the vote and will resume.", "late")
    assert flip("negation-added", target)[1] == "not" and "were not held" in flip("negation-added", target)[0]
    assert flip("order", target) == ("The ministry said early talks were held after the vote and will resume.", "after")
    assert flip("modal", target)[1] == "may"
    text, marked = flip("negation-dropped", "Officials did not attend the talks.")
    assert (text, marked) == ("Officials did attend the talks.", "did")


def test_no_flip_where_the_target_has_no_place_for_it():
    assert flip("negation-dropped", "Officials attended the talks.") is None
    assert flip("negation-dropped", "It is not only Iraq but also Syria.") is None  # emphasis, not a negation
    assert flip("order", "Officials attended the talks.") is None
    # "early" is not in the source: an opposite of a word the source lacks flips nothing it says.
    assert flip("antonym", "Officials met early.", source="Officials met.") is None
    # A form ("higher") is not swapped for a lemma ("low"): the sentence would not read.
    assert flip("antonym", "Prices were higher.", source="Prices were higher.") is None


def test_copies_are_drawn_by_the_items_id_and_add_one_major_span_over_the_flipped_word():
    items = [MqmItem("sys", f"doc{k}", k, SOURCE, SOURCE, ((4, 12, "minor"),)) for k in range(60)]
    copies = flipped(items)
    assert copies == flipped(items)  # the same items, the same copies
    assert 0 < len(copies) <= len(items) // EVERY + 5
    for copy in copies:
        start, end, severity = copy.spans[-1]
        assert severity == "major" and copy.target != SOURCE and copy.target[start:end].strip()
        assert copy.spans[0] == (4, 12, "minor")  # "ministry", before every flip, stays where it was
        assert copy.system.startswith("sys+flip:")
    assert set(kinds_of(copies)) <= set(MAKERS)


@given(st.text(alphabet="ab ", min_size=1, max_size=30), st.integers(0, 29), st.integers(0, 5),
       st.text("xyz", min_size=1, max_size=5))
def test_moved_spans_cover_the_same_text_on_either_side_of_the_edit(old, at, cut, insert):
    # The inserted letters are none of the text's, so the edit is found exactly where it is.
    at = min(at, len(old))
    new = old[:at] + insert + old[at + cut :]
    spans = tuple((a, b, "minor") for a in range(len(old)) for b in range(a + 1, len(old) + 1)
                  if b <= at or a >= at + cut)
    for (a, b, _), (c, d, _) in zip(spans, _moved(spans, old, new)):
        assert new[c:d] == old[a:b]
