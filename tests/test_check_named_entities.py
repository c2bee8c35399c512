"""NamedEntitiesCheck: source names respelled, replaced or missing in the translation."""

from __future__ import annotations

from hypothesis import strategies as st

from mtcheck.checks._names import names
from mtcheck.checks.named_entities import NamedEntitiesCheck
from mtcheck.types import Severity
from span_checks import check_pairs, joined, property_tests


def findings(sources, targets, **kwargs):
    return check_pairs(NamedEntitiesCheck(), sources, targets, **kwargs)


def name_texts(text, **kwargs):
    return [text[n.start : n.end] for n in names(text, **kwargs)]


# --- extraction -------------------------------------------------------------

def test_names_are_capitalised_runs_not_capitals_of_position():
    text = "The United States struck Harakat Hezbollah al-Nujaba and the Bank of America. Many see it so."
    assert name_texts(text) == ["United States", "Harakat Hezbollah al-Nujaba", "Bank of America"]


def test_a_lone_sentence_initial_capital_needs_evidence():
    assert name_texts("Sudani took office in 2022.") == []
    assert name_texts("Sudani took office in 2022.", known=frozenset({"sudani"})) == ["Sudani"]
    assert name_texts("FBI agents arrived.") == ["FBI"]


def test_months_digits_and_possessives_split_or_end_names():
    assert name_texts("On Monday in January, Tower 22 and Britain's Culture Secretary Oliver Dowden spoke.") == [
        "Tower", "Britain's", "Culture Secretary Oliver Dowden"]


# --- positives --------------------------------------------------------------

def test_respelled_name_around_a_surviving_part():
    _, found = findings(
        ["Mohammed Qadim Abed Hamza held a portrait of his 60-year-old father."],
        ["Muhammad Kazem Abdel Hamza held a portrait of his 60-year-old father."],
    )
    (f,) = found
    assert f.target_span.text == "Muhammad Kazem Abdel Hamza"
    assert f.source_span.text == "Mohammed Qadim Abed Hamza"
    assert f.severity is Severity.MAJOR
    assert f.category == "Accuracy/Mistranslation"


def test_slight_respelling_is_minor():
    _, found = findings(
        ["Iraqi Prime Minister Mohammed Shia al-Sudani is under increasing pressure."],
        ["Iraqi Prime Minister Muhammad Shia al-Sudani is under increasing pressure."],
    )
    (f,) = found
    assert f.target_span.text.endswith("Muhammad Shia al-Sudani")
    assert f.source_span.text.endswith("Mohammed Shia al-Sudani")
    assert f.severity is Severity.MINOR


def test_replaced_name_points_at_the_stranger():
    _, found = findings(
        ["Most of the goods from Central America came into this country duty-free."],
        ["Most of the goods imported into this country from Virat are duty free."],
    )
    (f,) = found
    assert (f.target_span.text, f.source_span.text) == ("Virat", "Central America")
    assert f.message == "name 'Virat' stands where the source has 'Central America'"
    assert f.severity is Severity.MAJOR


def test_missing_name_is_an_omission_without_target_span():
    _, found = findings(
        ["Most of the goods from Central America came into this country duty-free."],
        ["Most of the goods imported into this country from are duty free."],
    )
    (f,) = found
    assert f.target_span is None
    assert f.source_span.text == "Central America"
    assert f.category == "Accuracy/Omission"
    assert f.severity is Severity.MAJOR


def test_findings_carry_the_verdict_the_names_and_their_likeness():
    _, (respelled,) = findings(
        ["Iraqi Prime Minister Mohammed Shia al-Sudani is under increasing pressure."],
        ["Iraqi Prime Minister Muhammad Shia al-Sudani is under increasing pressure."],
    )
    # "muhammad" against "mohammed": matching blocks "m", "hamm", "d" = 6 of 16 letters, 2 * 6 / 16.
    assert dict(respelled.evidence) == {
        "verdict": "respelled",
        "source_name": "Iraqi Prime Minister Mohammed Shia al-Sudani",
        "target_name": "Iraqi Prime Minister Muhammad Shia al-Sudani",
        "likeness": 0.75,
    }
    source = "Most of the goods from Central America came into this country duty-free."
    _, (replaced,) = findings([source], ["Most of the goods imported into this country from Virat are duty free."])
    assert dict(replaced.evidence) == {"verdict": "replaced", "source_name": "Central America", "target_name": "Virat"}
    _, (missing,) = findings([source], ["Most of the goods imported into this country from are duty free."])
    assert dict(missing.evidence) == {"verdict": "missing", "source_name": "Central America"}


def test_offsets_are_absolute_in_later_pairs():
    doc, found = findings(["Intro.", "He met Kadhim Abed al-Hamza in Karbala."],
                          ["Intro.", "He met Kadim Abed al-Hamza in Karbala."])
    (f,) = found
    assert f.pair == 1
    assert doc.target.text[f.target_span.start : f.target_span.end] == "Kadim Abed al-Hamza"


# --- negatives --------------------------------------------------------------

def test_legitimate_rewritings_of_names_pass():
    pairs = [
        ("The United States struck targets in Iran.", "The U.S. struck Iranian targets."),
        ("Since the USA left the agreement in 2015.", "Since the US withdrew from the agreement in 2015."),
        ("American citizens in the Middle East may face it.", "U.S. citizens in the Middle East may face it."),
        ("President Joe Biden said so.", "Biden said so."),
        ("the South West Africa People's Organisation said", "the South West Africa People's Organization said"),
        ("Deputy Inspector General D K Arya said", "Deputy Inspector General D.K. Arya stated"),
        ("Turkey would guard captured ISIS fighters.", "Turkey would guard captured Islamic State fighters."),
        ("In extra time Allan scored for Naples.", "In added time, Allan scored for Napoli."),
        ("the fall of Mosul in the Middle East", "the Middle East after the fall of Mosul"),
        ("the mood in China is grim", "the Chinese mood is grim"),
    ]
    _, found = findings([s for s, _ in pairs], [t for _, t in pairs])
    assert found == [], [f.message for f in found]


def test_sentence_initial_and_headline_capitals_are_not_names():
    _, found = findings(
        ["Many see them as the latest assault.", "Iraq's Prime Minister Must Master A Complex Situation"],
        ["Numerous people see it as the latest attack.", "Iraq's prime minister faces a complex situation"],
    )
    assert found == []


# --- properties -------------------------------------------------------------

PIECES = st.sampled_from(
    ["Mohammed", "Muhammad", "Qadim", "Hamza", "al-Sudani", "of", "the", "The", "U.S.", "US", "United", "States",
     "Iran", "Iranian", "Virat", "May", "Monday", "Tower", "22", "Britain's", "D", "K", "said", "in", ",", ".",
     "“", "-", "Ümit"]
)
SEGMENT = joined(PIECES)


test_spans_always_slice_the_document_text, test_a_document_compared_with_itself_has_no_findings = property_tests(
    findings, SEGMENT, raw_text=True
)


def test_a_name_the_target_writes_verbatim_is_never_respelled():
    # Hypothesis found it: "D D" joins into the initials "dd" in the source,
    # but not in its exact copy in the target.
    _, found = findings(["D D,D"], ["D D,D"])
    assert found == []
