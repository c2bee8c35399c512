"""A word standing where the source has its opposite."""

from hypothesis import given
from hypothesis import strategies as st

from mtcheck.checks.antonym import AntonymCheck
from span_checks import check_pairs


def run(sources, targets):
    return check_pairs(AntonymCheck(), sources, targets)[1]


def test_an_opposite_in_the_counterparts_place_is_major_with_both_words():
    (finding,) = run(["The old were the most affected by the storm."],
                     ["The young were the most affected by the storm."])
    assert finding.target_span.text == "young" and finding.source_span.text == "old"
    assert finding.category == "Accuracy/Mistranslation" and finding.severity.value == "major"
    assert dict(finding.evidence)["rule"] == "antonym"


def test_inflected_forms_are_opposites_too():
    (finding,) = run(["The shop opened on Monday."], ["The shop closed on Monday."])
    assert (finding.target_span.text, finding.source_span.text) == ("closed", "opened")
    (finding,) = run(["Exports grew to larger markets."], ["Exports grew to smaller markets."])
    assert finding.target_span.text == "smaller"


def test_quantities_and_order_of_events_are_opposites():
    (finding,) = run(["The mayor met the envoy after the vote."], ["The mayor met the envoy before the vote."])
    assert (finding.target_span.text, finding.source_span.text) == ("before", "after")


def test_a_negated_opposite_is_a_paraphrase_left_to_the_negation_check():
    assert run(["It is unclear when talks resume."], ["It is not clear when talks resume."]) == []
    assert run(["Religious leaders met in Baghdad."], ["Non secular leaders met in Baghdad."]) == []


def test_words_the_source_also_has_names_and_perspective_pass():
    # "late" is in the source too: the sentence moved words around, nothing reversed.
    assert run(["Early talks ended late."], ["Late talks ended early."]) == []
    assert run(["He met Mr Old in the city."], ["He met Mr Young in the city."]) == []
    assert run(["He could go to Beijing with his classmates."], ["He will come to Beijing with his classmates."]) == []
    assert run(["The old were the most affected."], ["The elderly were the most affected."]) == []


def test_a_word_far_from_its_opposite_is_not_its_counterpart():
    # The diff pairs "small" with nothing: the rewrite is longer than a counterpart may be.
    assert run(["Small firms paid the bill, which was large in every single way that mattered to them."],
               ["Firms paid the bill."]) == []


@given(st.lists(st.sampled_from(["old", "young", "the", "were", "affected", "Old", "late", "early", "."]),
                min_size=1, max_size=12))
def test_an_identical_pair_never_has_an_antonym_and_spans_index_the_text(words):
    text = " ".join(words)
    assert run([text], [text]) == []
    for finding in run(["the old were affected ."], [text]):
        assert text[finding.target_span.start : finding.target_span.end] == finding.target_span.text
