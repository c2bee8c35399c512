"""Evidence as a finding keeps it: (name, value) pairs, lists made tuples, recurring items shared."""

from mtcheck.checks import base
from mtcheck.checks.base import evidence_of


def test_evidence_keeps_each_values_type_and_makes_lists_tuples():
    # True == 1 == 1.0 and they hash alike: a shared item must never turn one into another.
    for values in ({"flag": 1}, {"flag": True}, {"flag": 1.0}, {"flag": 1}):
        ((name, value),) = evidence_of(values)
        assert name == "flag" and type(value) is type(values["flag"]) and value == values["flag"]
    assert evidence_of({"words": ["a", "b"], "bits": 3.5}) == (("words", ("a", "b")), ("bits", 3.5))
    assert evidence_of(None) == () and evidence_of({}) == ()


def test_a_recurring_word_or_count_is_one_shared_item():
    first, second = evidence_of({"rule": "glued", "count": 3}), evidence_of({"rule": "glued", "count": 3})
    assert first == second and all(a is b for a, b in zip(first, second))
    floats = evidence_of({"bits": 3.5}), evidence_of({"bits": 3.5})
    assert floats[0] == floats[1]  # measurements are not kept: they rarely recur


def test_the_shared_items_stay_bounded(monkeypatch):
    monkeypatch.setattr(base, "_ITEMS", {})
    for k in range(base._SHARED_ITEMS * 2 + 5):
        evidence_of({"word": f"w{k}"})
    assert len(base._ITEMS) <= base._SHARED_ITEMS
