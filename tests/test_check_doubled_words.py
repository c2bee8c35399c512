"""DoubledWordsCheck: a word repeated back to back that the source does not repeat."""

from __future__ import annotations

from hypothesis import strategies as st

from mtcheck.checks.doubled_words import DoubledWordsCheck
from mtcheck.types import Severity
from span_checks import check_pairs, joined, property_tests


def findings(sources, targets, **kwargs):
    return check_pairs(DoubledWordsCheck(), sources, targets, **kwargs)


# --- positives --------------------------------------------------------------

def test_doubled_article_spans_both_words():
    doc, found = findings(
        ["The United States had decided not to attack Iran directly."],
        ["The the United States had decided not to attack Iran directly."],
    )
    (f,) = found
    assert f.target_span.text == "The the"
    assert f.message == "doubled word 'the'"
    assert f.severity is Severity.MINOR
    assert f.category == "Fluency/Grammar"
    assert f.source_span.text == doc.source.text


def test_doubled_preposition_mid_sentence():
    _, found = findings(
        ["The United States had decided not to attack Iran directly."],
        ["The United States had decided not to to attack Iran directly."],
    )
    assert [f.target_span.text for f in found] == ["to to"]


def test_triple_is_one_finding_and_bye_bye_is_flagged():
    _, found = findings(["Goodbye, he said to the crowd."], ["Bye bye, he said to the the the crowd."])
    assert [f.target_span.text for f in found] == ["Bye bye", "the the the"]
    # "the the" in the source explains the target's doubled "the", not "bye".
    _, found = findings(["He said to the the crowd."], ["Bye bye, he said to the the crowd."])
    assert [f.target_span.text for f in found] == ["Bye bye"]


def test_offsets_are_absolute_in_later_pairs():
    doc, found = findings(["Intro.", "Saedi illustrated the overlapping roles."],
                          ["Intro.", "Saedi illustrated the the overlapping roles."])
    (f,) = found
    assert f.pair == 1
    assert doc.target.text[f.target_span.start : f.target_span.end] == "the the"


def test_insertion_pair_has_no_source_span():
    _, found = findings(["Iraq."], ["Iraq.", "Read read The Washington Post for free"],
                        beads=[((0,), (0,)), ((), (1,))])
    (f,) = found
    assert f.target_span.text == "Read read"
    assert f.source_span is None


# --- negatives --------------------------------------------------------------

def test_grammatical_doublings_numbers_and_near_misses_pass():
    targets = [
        "He had had an ID card identifying him as a member of the PMF.",
        "The problem is that that view is wrong, and what it is is a choice.",
        "The score was 10 10 at half time.",
        "Boutros Boutros-Ghali spoke; the theme was the militias' rise.",
        "which were responsible for the attacks US facilities have been responsible since October 7th.",
        "Iraq's Prime Minister Sudani must master complex situation",
    ]
    _, found = findings(["x"] * len(targets), targets)
    assert found == []


def test_words_split_across_segments_are_not_doubled():
    _, found = findings(["Iraq Iraq is living with the consequences."],
                        ["Iraq\nIraq is living with the consequences."])
    assert found == []


def test_empty_target_is_skipped():
    _, found = findings(["the the"], [""])
    assert found == []


def test_self_comparison_of_seed_like_document_is_clean():
    seed = [
        "Retaliation for killed soldiers – US attacks anger key allies in Iraq",
        "Walla Walla is a city; the the typo is in the original.",
        "Karbala - U.S. officials say recent airstrikes in Syria and Iraq have dealt a devastating blow.",
        "“The United States, he said, wants to weaken the Iraqi militias” that were formed nearly a decade ago.",
        "He had had an ID card identifying him as a member of the PMF and even a “government vehicle”.",
        "  • 1 hour ago",
    ]
    _, found = findings(seed, seed)
    assert found == []


# --- properties -------------------------------------------------------------

PIECES = st.sampled_from(["the", "The", "THE", "to", "that", "had", "bye", "it's", "Iraq", "1", "10",
                          '"', "“", ".", ",", "-", "'", "’"])
SEGMENT = joined(PIECES, ["", " ", "  ", "\t"])


test_spans_always_slice_the_document_text, test_a_document_compared_with_itself_has_no_findings = property_tests(
    findings, SEGMENT
)
