"""Evidence as a finding keeps it: (name, value) pairs, lists made tuples, recurring items shared by a check."""

from mtcheck.checks import base
from mtcheck.checks.base import evidence_of
from mtcheck.checks.doubled_words import DoubledWordsCheck


def test_evidence_keeps_each_values_type_and_makes_lists_tuples():
    check = DoubledWordsCheck()
    # True == 1 == 1.0 and they hash alike: a shared item must never turn one into another.
    for values in ({"flag": 1}, {"flag": True}, {"flag": 1.0}, {"flag": 1}):
        ((name, value),) = check.evidence(values)
        assert name == "flag" and type(value) is type(values["flag"]) and value == values["flag"]
    assert evidence_of({"words": ["a", "b"], "bits": 3.5}) == (("words", ("a", "b")), ("bits", 3.5))
    assert check.evidence({"words": ["a", "b"]}) == (("words", ("a", "b")),)
    assert evidence_of(None) == () and evidence_of({}) == () and check.evidence(None) == ()


def test_a_recurring_word_or_count_is_one_shared_item():
    check = DoubledWordsCheck()
    first, second = check.evidence({"rule": "glued", "count": 3}), check.evidence({"rule": "glued", "count": 3})
    assert first == second and all(a is b for a, b in zip(first, second))
    floats = check.evidence({"bits": 3.5}), check.evidence({"bits": 3.5})
    assert floats[0] == floats[1]  # measurements are not kept: they rarely recur


def test_no_module_keeps_evidence_between_runs():
    # Each check built for a run shares its own items: a new run starts with none.
    first, again = DoubledWordsCheck(), DoubledWordsCheck()
    (item,) = first.evidence({"rule": "glued"})
    (other,) = again.evidence({"rule": "glued"})
    assert item == other and item is not other


def test_the_shared_items_stay_bounded():
    check = DoubledWordsCheck()
    for k in range(base.SHARED_ITEMS * 2 + 5):
        check.evidence({"word": f"w{k}"})
    assert len(check._items) <= base.SHARED_ITEMS
