"""PronounsCheck: gender, number, person and case of pronouns against the source."""

from __future__ import annotations

from hypothesis import strategies as st

from mtcheck.checks.pronouns import PronounsCheck, Reading, misused_case
from mtcheck.types import Severity
from span_checks import check_pairs, joined, property_tests


def findings(sources, targets, **kwargs):
    return check_pairs(PronounsCheck(), sources, targets, **kwargs)


# --- positives --------------------------------------------------------------

def test_seed_her_death_for_their_deaths():
    _, found = findings(
        ['Their deaths triggered a "resistance dynamic" in Iraq, in which the militias increasingly used violence.'],
        ["Her death triggered a “resistance dynamic” in Iraq, in which the militias increasingly used violence."],
    )
    (f,) = found
    assert (f.target_span.text, f.source_span.text) == ("Her", "Their")
    assert f.severity is Severity.MAJOR
    assert f.category == "Accuracy/Mistranslation"
    assert f.message == "number of 'Her' differs from the source's 'Their'"


def test_their_government_for_its_government():
    _, found = findings(
        ["Kataib Hezbollah pledged to halt its attacks so as not to embarrass its government."],
        ["Kataib Hezbollah pledged to stop its attacks so as not to embarrass their government."],
    )
    (f,) = found
    assert (f.target_span.text, f.source_span.text) == ("their", "its")
    assert f.severity is Severity.MAJOR


def test_gender_flip_demetr():
    _, found = findings(
        ["She is in custody pending indictment and trial, because her image has been widely published."],
        ["He is in custody pending prosecution and trial, because her image has been widely published."],
    )
    (f,) = found
    assert (f.target_span.text, f.source_span.text) == ("He", "She")
    assert f.message.startswith("gender")


def test_gender_flip_when_counts_balance():
    # One "he" became "she" and the other stayed: the feminine class is new.
    _, found = findings(
        ["In 1956 he moved to Sweden, where he started to work for the Post Office."],
        ["In 1956 he went to Sweden, where she started working for the Post Office."],
    )
    assert [(f.target_span.text, f.source_span.text) for f in found] == [("she", "he")]


def test_case_error_in_the_same_slot_is_minor_grammar():
    _, found = findings(
        ["I don't know if you realize it or not."],
        ["Me don't know if you realize it or not."],
    )
    (f,) = found
    assert (f.target_span.text, f.source_span.text) == ("Me", "I")
    assert f.severity is Severity.MINOR
    assert f.category == "Fluency/Grammar"


def test_reflexive_as_a_determiner_is_a_case_error():
    _, found = findings(
        ["Any evidence may be tainted because her image has been widely published."],
        ["Any evidence could be impacted because herself image has been widely published."],
    )
    assert [(f.target_span.text, f.category) for f in found] == [("herself", "Fluency/Grammar")]


def test_form_english_rules_out_without_a_source_pronoun():
    doc, found = findings(
        ["According to current weather reports, there will be clouds and rain in Beijing."],
        ["According to the current forecast, itself will be cloudy and rainy in Beijing."],
    )
    (f,) = found
    assert f.target_span.text == "itself"
    assert f.message == "'itself' cannot stand next to 'will'"
    assert f.source_span.text == doc.source.text  # no pronoun to point at: the whole source


def test_misused_case_rules():
    def misuse(text):
        side = Reading(text)
        return [m for p in side.pronouns if (m := misused_case(side, p))]

    assert misuse("It is speculated that him will run.") == [("him", "will")]
    assert misuse("Since Japan is a collection of islands, its is often called so.") == [("its", "is")]
    assert misuse("Colbert welcomed Thunberg to he show.") == [("he", "to")]
    assert misuse("The cave itself has stood the test of time.") == []
    assert misuse("He told him. Will he come?") == []


def test_offsets_are_absolute_in_later_pairs():
    doc, found = findings(["Intro.", "She said it."], ["Intro.", "He said it."])
    (f,) = found
    assert f.pair == 1
    assert doc.target.text[f.target_span.start : f.target_span.end] == "He"


# --- negatives --------------------------------------------------------------

def test_dropped_or_added_pronouns_are_paraphrase():
    pairs = [
        ("He said the company would expand.", "The company will expand, according to him."),
        ("The drugs are banned from the Games.", "They are banned from the Games."),
        ("For myself, I have a tendency to buy Apple.", "For me, I have a tendency to buy Apple."),
        ("The Board was appointed, but their operations ended.", "The committee was founded, but it was interrupted."),
        ("The company said it would cancel flights.", "The company said they would cancel flights."),
        ("Mosasaurus was the apex predator, so it feared nothing.",
         "Mosasaurus was the top predator, so he feared nothing."),
        ("The cave itself survived the times.", "The cave itself has stood the test of time."),
        ("US troops and IT staff left.", "U.S. troops and it staff left."),
        # Contractions carry their pronoun: "She’s" is "she".
        ("\"She’s very cute,\" he said.", "He said \"she was very pretty.\""),
    ]
    _, found = findings([s for s, _ in pairs], [t for _, t in pairs])
    assert found == [], [f.message for f in found]


def test_one_sided_pairs_are_skipped():
    _, found = findings(["She left.", ""], ["", "He left."], beads=[((0,), ()), ((), (1,))])
    assert found == []


# --- properties -------------------------------------------------------------

PIECES = st.sampled_from(
    ["he", "she", "it", "they", "him", "her", "its", "their", "them", "I", "me", "we", "us", "US", "myself",
     "itself", "will", "is", "to", "don't", "the", "government", "said", ",", ".", "“", "'s", "Iraq"]
)
SEGMENT = joined(PIECES)


test_spans_always_slice_the_document_text, test_a_document_compared_with_itself_has_no_findings = property_tests(
    findings, SEGMENT, raw_text=True
)


def test_contracted_pronoun_is_read_and_spanned_without_its_tail():
    _, found = findings(["He’s the leader."], ["She’s the leader."])
    assert [(f.target_span.text, f.source_span.text) for f in found] == [("She", "He")]
