"""RepetitionCheck: repeated phrases and loops the source does not have, next to doubled-words."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mtcheck.checks.doubled_words import DoubledWordsCheck
from mtcheck.checks.repetition import RepetitionCheck, RepetitionParams, tandem_runs
from mtcheck.types import Severity
from span_checks import assert_spans_exact, check_pairs, joined, property_tests

FOOD = "Cyanuric acid and melamine were both found in urine samples of pets who died after eating contaminated pet food."


def findings(sources, targets, check=RepetitionCheck, **kwargs):
    return check_pairs(check(), sources, targets, **kwargs)


def only(sources, targets):
    doc, found = findings(sources, targets)
    assert len(found) == 1, [f.message for f in found]
    assert_spans_exact(found, doc)
    return doc, found[0]


# --- positives --------------------------------------------------------------

def test_phrase_said_twice_is_a_minor_grammar_error():
    doc, f = only(["Protests broke out in the city on Friday."], ["Protests broke out in the city in the city on Friday."])
    # The span is the repeat, what a rater strikes out; the message names the run.
    assert f.target_span.text == "in the city" and f.target_span.start == doc.target.text.rindex("in the city")
    assert (f.category, f.severity) == ("Fluency/Grammar", Severity.MINOR)
    assert f.message == "phrase 'in the city' said 2 times back to back; the source does not repeat it"
    assert f.source_span.text == doc.source.text


def test_phrase_looping_three_times_is_a_major_addition():
    _, f = only(["Protests broke out in the city."], ["Protests broke out in the city, in the city, in the city."])
    assert f.target_span.text == "in the city, in the city"
    assert (f.category, f.severity) == ("Accuracy/Addition", Severity.MAJOR)
    assert "3 times" in f.message


def test_word_looping_across_commas_is_a_minor_addition():
    # DEMETR minor_id2_repeat4 with commas, which doubled-words does not read.
    _, f = only([FOOD], [FOOD.replace("pet food.", "pet food, food, food.")])
    assert f.target_span.text == "food, food"
    assert (f.category, f.severity) == ("Accuracy/Addition", Severity.MINOR)


def test_words_doubled_words_cannot_see():
    _, f = only(["Deaths from Covid-19 rose."], ["Deaths from Covid-19 Covid-19 rose."])
    assert f.target_span.text == "Covid-19" and f.target_span.start == len("Deaths from Covid-19 ")
    _, f = only(["It was under the age of 60."], ["It was under the age of 60 60 60 60."])
    assert f.target_span.text == "60 60 60"
    # "is is" passes doubled-words as grammatical ("what it is is"); four times is not.
    _, f = only(["It depends on how acidic the chemical is."], ["It depends on how acidic the chemical is is is is."])
    assert f.target_span.text == "is is is"


def test_loop_across_a_pair_is_major():
    source = "The people of the city voted. They voted for change."
    target = "The people of the city voted, the people of the city said. The people of the city voted for change."
    _, f = only([source], [target])
    assert f.target_span.text == target[:-len(" voted for change.")]
    assert (f.category, f.severity) == ("Accuracy/Addition", Severity.MAJOR)
    assert "'the people of the city' recurs 3 times in this pair, 1 in the source" in f.message


def test_offsets_are_absolute_in_later_pairs():
    doc, found = findings(["Intro.", "They met in the city."], ["Intro.", "They met in the city in the city."])
    (f,) = found
    assert f.pair == 1
    assert doc.target.text[f.target_span.start : f.target_span.end] == "in the city"
    assert f.target_span.start == doc.target.text.rindex("in the city")


# --- negatives, and the split with doubled-words ------------------------------

def test_single_words_with_spaces_are_left_to_doubled_words():
    for target in (FOOD.replace("food.", "food food."), FOOD.replace("food.", "food food food food.")):
        _, mine = findings([FOOD], [target])
        _, theirs = findings([FOOD], [target], check=DoubledWordsCheck)
        assert mine == []
        assert len(theirs) == 1


def test_repeats_the_source_has_pass():
    _, found = findings(["New York, New York, he sang in the city, in the city."],
                        ["New York, New York, he sang in the city, in the city."])
    assert found == []
    _, found = findings(["The crowd chanted: food, food, food."], ["The crowd shouted: food, food, food."])
    assert found == []


def test_english_repetitions_pass():
    targets = [
        "No, no, he said, the score was 10 10 at half time.",
        "He left. He left the city the next day.",
        "One of the men, one of the women and one of the children were hurt.",
        "The rain fell day after day, more and more, over and over.",
    ]
    _, found = findings(["x"] * len(targets), targets)
    assert found == []


def test_repeats_do_not_cross_sentence_ends():
    longest_unit = RepetitionParams().longest_unit
    assert list(tandem_runs("in the city. In the city", longest_unit)) == []
    assert [run.unit for run in tandem_runs("in the city; in the city", longest_unit)] == [("in", "the", "city")]


def test_empty_target_is_skipped():
    _, found = findings(["in the city in the city"], [""])
    assert found == []


# --- properties -------------------------------------------------------------

PIECES = st.sampled_from(["the", "The", "city", "in", "food", "Covid-19", "60", "is", "people", "of",
                          ",", ".", "-", "(", "’", "\n"])  # fmt: skip
SEGMENT = joined(PIECES, max_size=14)


test_spans_always_slice_the_document_text, test_a_document_compared_with_itself_has_no_findings = property_tests(
    findings, SEGMENT
)


@settings(max_examples=200, deadline=None)
@given(st.lists(SEGMENT, min_size=1, max_size=4))
def test_never_the_same_span_as_doubled_words(segments):
    sources = ["x"] * len(segments)
    _, mine = findings(sources, segments)
    _, theirs = findings(sources, segments, check=DoubledWordsCheck)
    assert not {(f.target_span.start, f.target_span.end) for f in mine} & {
        (f.target_span.start, f.target_span.end) for f in theirs
    }
