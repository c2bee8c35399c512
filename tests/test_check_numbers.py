"""NumbersCheck: numbers, dates and times that change or vanish in translation."""

from __future__ import annotations

from fractions import Fraction

import pytest

from hypothesis import strategies as st

from mtcheck.checks.numbers import NumbersCheck
from mtcheck.english.number_mentions import extract_numbers
from mtcheck.types import Severity
from span_checks import check_pairs, joined, property_tests


def findings(sources, targets, **kwargs):
    return check_pairs(NumbersCheck(), sources, targets, **kwargs)


def values(text):
    return [(m.kind, m.value) for m in extract_numbers(text) if not m.weak]


# --- normalisation ----------------------------------------------------------

def test_equivalent_spellings_normalise_alike():
    assert values("1,200") == values("1200") == [("number", 1200)]
    assert values("October 7th") == values("Oct. 7") == [("month", 10), ("number", 7)]
    assert values("three soldiers") == values("3 soldiers") == [("number", 3)]
    assert values("twenty-five") == values("25")
    assert values("a dozen") == values("12")
    assert values("5.2 billion") == [("number", Fraction(52, 10) * 10**9)]
    assert values("three hundred and twenty") == [("number", 320)]
    assert values("12:35 p.m.") == [("time", "12:35")]
    assert values("his 60-year-old father") == [("number", 60)]
    assert values("on Wednesday") == [("weekday", 3)]


def test_one_is_weak_and_may_needs_a_date():
    assert values("one of the groups, no one, one another, someone") == []
    assert values("Theresa May said") == []
    assert values("on May 5") == [("month", 5), ("number", 5)]


def test_mention_spans_slice_the_text():
    text = "In October. 1,200 men, a dozen tanks and three hundred trucks at 12:35."
    for m in extract_numbers(text):
        assert text[m.start : m.end] == m.text
    assert [m.text for m in extract_numbers(text)] == [
        "October", "1,200", "a dozen", "three hundred", "12:35"]


# --- positives --------------------------------------------------------------

def test_changed_year_is_a_mismatch_with_both_spans():
    doc, found = findings(
        ["It was the first death among U.S. soldiers in Iraq or Syria since 2020."],
        ["It was the first death among U.S. soldiers in Iraq or Syria since 2021."],
    )
    (f,) = found
    assert f.message == "number 2021 does not match the source (2020)"
    assert f.target_span.text == "2021"
    assert f.source_span.text == "2020"
    assert f.severity is Severity.MAJOR
    assert f.category == "Accuracy/Mistranslation"
    assert doc.source.text[f.source_span.start : f.source_span.end] == "2020"


def test_missing_source_number_is_an_omission():
    _, found = findings(
        ["At the funeral of 17 other slain militiamen on Wednesday in the holy city of Karbala"],
        ["At the funeral of other slain militiamen on Wednesday in the holy city of Karbala"],
    )
    (f,) = found
    assert f.target_span is None
    assert f.source_span.text == "17"
    assert f.message == "source number 17 is missing from the translation"
    assert f.category == "Accuracy/Omission"
    assert f.severity is Severity.MAJOR


@pytest.mark.parametrize("source, target", [
    ("After the outbreak of COVID-19, the union invested more.", "After the outbreak of the epidemic, the union invested more."),
    ("The Covid-19 hotline received 292 calls.", "The novel coronavirus hotline received 292 calls."),
    ("The novel coronavirus hotline received 292 calls.", "The COVID-19 hotline received 292 calls."),
    ("The wreck of the airliner was found.", "The wreck of MH-17 was found."),
])
def test_the_number_of_a_name_goes_with_the_name(source, target):
    _, found = findings([source], [target])
    assert found == []


@pytest.mark.parametrize("source, target, text", [
    ("After the outbreak of COVID-19, the union invested more.", "After the outbreak of COVID-20, the union invested more.", "20"),
    ("The COVID-19 hotline received calls.", "The COVID hotline received calls.", "19"),
    ("Two F-16 jets landed.", "Two F-35 jets landed.", "35"),
])
def test_a_name_kept_with_another_number_or_none_is_still_flagged(source, target, text):
    _, found = findings([source], [target])
    assert found and (found[0].target_span or found[0].source_span).text == text


def test_added_number_has_no_source_span():
    _, found = findings(
        ["At the funeral of other slain militiamen"],
        ["At the funeral of 17 other slain militiamen"],
    )
    (f,) = found
    assert f.target_span.text == "17"
    assert f.source_span is None
    assert f.message == "number 17 does not match the source"


def test_changed_month_and_weekday():
    _, found = findings(
        ["Formal negotiations began in January, on a Monday."],
        ["Formal negotiations began in June, on a Tuesday."],
    )
    assert [f.message for f in found] == [
        "month June does not match the source (January)",
        "weekday Tuesday does not match the source (Monday)",
    ]


def test_german_thousands_separator_in_the_target_is_a_locale_finding():
    _, found = findings(["thousands of volunteers, 2,000 in all"], ["thousands of volunteers, 2.000 in all"])
    (f,) = found
    assert (f.target_span.text, f.category) == ("2.000", "Locale convention")
    assert "2,000" in f.message


def test_digit_one_without_counterpart_is_flagged():
    _, found = findings(["an hour ago"], ["1 hour ago"])
    assert [f.target_span.text for f in found] == ["1"]


def test_findings_in_later_pair_use_absolute_offsets():
    doc, found = findings(["Intro.", "Five days later, on February 2, the strikes began."],
                          ["Intro.", "Six days later, on February 2, the strikes began."])
    (f,) = found
    assert f.pair == 1
    assert doc.target.text[f.target_span.start : f.target_span.end] == "Six"
    assert doc.source.text[f.source_span.start : f.source_span.end] == "Five"


# --- negatives --------------------------------------------------------------

def test_equivalent_forms_across_sides_give_no_findings():
    pairs = [
        ("responsible since Oct. 7.", "have been responsible since October 7th."),
        ("the deaths of 3 soldiers", "the deaths of three soldiers"),
        ("about 1200 volunteers", "about 1,200 volunteers"),
        ("one of the Iranian-backed militant groups", "among the Iranian-backed militant groups"),
        ("no one was hurt", "nobody was hurt"),
        ("1 hour ago", "one hour ago"),
        ("As of: February 12, 2024, 12:35 p.m.", "As of: Feb. 12, 2024, 12:35 p.m"),
        ("Air Force Maj. Gen. Pat Ryder told reporters.", "Maj. Gen. Pat Ryder told reporters."),
        ("Sen. Chris Murphy (D-Conn.) said", "Senator Chris Murphy (D-Conn.) said"),
        ("a rise of 5 percent", "a rise of 5%"),
        ("Theresa May said", "Theresa May declared"),
    ]
    _, found = findings([s for s, _ in pairs], [t for _, t in pairs])
    assert found == [], [f.message for f in found]


def test_one_sided_pairs_are_left_to_other_checks():
    _, found = findings(
        ["His 60-year-old father was killed.", ""],
        ["Get 200+ stories free for four weeks.", "Read it in 2024."],
        beads=[((0,), ()), ((), (0,)), ((1,), (1,))],
    )
    assert found == []


def test_self_comparison_of_seed_like_document_is_clean():
    seed = [
        "Retaliation for killed soldiers – US attacks anger key allies in Iraq",
        "2024-02-12T11:44:42.123Z",
        "As of: February 12, 2024, 12:35 p.m",
        "At the funeral of 17 other slain militiamen on Wednesday in the holy city of Karbala, relatives expressed anger.",
        "Your quality ticket from washingtonpost.com: Get exclusive research and 200+ stories free for four weeks.",
        "Mohammed Qadim Abed Hamza held a portrait of his 60-year-old father.",
        "Just like Mohammed, now 29, and three of his brothers.",
        "On January 28, three US soldiers were killed in an attack on a base in Jordan near the Syrian border.",
        "Five days later, on February 2, the Biden administration struck targets in Syria.",
        "The drone strike at Tower 22 in Jordan was the first death among U.S. soldiers since 2020.",
        "Kataib Hezbollah, one of the Iranian-backed militant groups, pledged on January 30 to stop its attacks.",
        "He previously worked for the New York Times for 11 years.",
        "© Communities 2019 - Privacy",
    ]
    _, found = findings(seed, seed)
    assert found == []


# --- properties -------------------------------------------------------------

PIECES = st.one_of(
    st.sampled_from(
        ["one", "three", "twenty", "five", "hundred", "million", "a", "dozen", "and", "October", "Oct.",
         "May", "Monday", "7th", "1,200", "12:35", "2020", "60-year-old", "3.5", "%", ",", ".", "-",
         '"', "“", "soldiers", "the", "no"]
    ),
    st.integers(min_value=0, max_value=100000).map(str),
)
SEGMENT = joined(PIECES, ["", " ", "-", "  "])


test_spans_always_slice_the_document_text, test_a_document_compared_with_itself_has_no_findings = property_tests(
    findings, SEGMENT
)


@pytest.mark.parametrize(
    "source, target",
    [
        ("On November first Lewis Hamilton will race.", "On November 1st, Lewis Hamilton will race."),
        ("with every sixth or eighth person owning a boat", "with one in six or eight owning a boat"),
        ("Both agencies stole data.", "The two agencies stole data."),
        ("one in his fifties, and one in his sixties", "in their 50s and 60s"),
        ("a budget of PLN 103 billion", "a budget of PLN 103bn"),
        ("more than 272.000 infections", "more than 272,000 infections"),
        ("100 yards/meters away from bears", "100 yards (100 meters) away from bears"),
        ("as early as the 28th (Tue)", "as early as Tuesday, the 28th"),
    ],
)
def test_same_numbers_written_otherwise_pass(source, target):
    _, found = findings([source], [target])
    assert found == []


def test_vouching_words_never_stand_alone():
    # "first" and "both" only vouch for digits: on their own they are no count.
    _, found = findings(["the first time both sides met"], ["the initial meeting of the sides"])
    assert found == []
    _, found = findings(["the first time"], ["the 2nd time"])
    assert [f.target_span.text for f in found] == ["2nd"]


def test_weekdays_compared_only_where_both_sides_name_one():
    _, found = findings(["on Monday"], ["on Tuesday"])
    assert [f.target_span.text for f in found] == ["Tuesday"]


@pytest.mark.parametrize(
    "source, target, unit, evidence",
    [
        ("The convoy stopped 5 km from the border.", "The convoy stopped 5 miles from the border.", "miles", "km"),
        ("It weighs 40 kg.", "It weighs 40 pounds.", "pounds", "kg"),
        ("Prices rose by $5 a barrel.", "Prices rose by €5 a barrel.", "€", "$"),
        ("Unemployment fell 2 percentage points.", "Unemployment fell 2 percent.", "percent", "percentage points"),
    ],
)
def test_the_same_number_in_another_unit_is_flagged(source, target, unit, evidence):
    _, found = findings([source], [target])
    assert [(f.target_span.text, f.source_span.text) for f in found] == [(unit, evidence)]


@pytest.mark.parametrize(
    "source, target",
    [
        ("The convoy stopped 5 kilometres away.", "The convoy stopped 5 km away."),
        ("Turnout was 12 per cent.", "Turnout was 12%."),
        ("100 yards/meters away from bears", "100 yards (100 meters) away from bears"),
        ("He served 5 years in 2 cities.", "He served 5 years in 2 cities."),
    ],
)
def test_units_spelled_otherwise_pass(source, target):
    _, found = findings([source], [target])
    assert found == []
