"""UntranslatedCheck: foreign scripts, untranslated segments and words the source does not have."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import strategies as st

from mtcheck.views import DocumentView
from mtcheck.checks.untranslated import UntranslatedCheck, fold, foreign_script_runs, identify_language
from mtcheck.english.words import LETTER_WORD as WORD
from mtcheck.segment.documents import parallel_document
from mtcheck.types import Severity
from span_checks import assert_spans_exact, check_pairs, joined, property_tests

# A stand-in for lingua, so that these tests check the rules, not the model:
# text is German when most of its words are in this list.
GERMAN = {"die", "milizen", "sind", "tief", "in", "der", "irakischen", "gesellschaft", "verwurzelt",
          "nicht", "und", "regierung", "präsident", "druck"}  # fmt: skip


def fake_identify(text: str) -> tuple[str, float]:
    words = [w.lower() for w in WORD.findall(text)]
    german = sum(w in GERMAN for w in words)
    return ("GERMAN", 0.0) if words and 2 * german > len(words) else ("ENGLISH", 0.95)


def findings(sources, targets, identify=fake_identify, **kwargs):
    return check_pairs(UntranslatedCheck(identify=identify), sources, targets, **kwargs)


ENGLISH = "Many of the country's mainly Shiite militias are backed by rival Iran."


# --- positives --------------------------------------------------------------

def test_chinese_word_in_an_english_sentence():
    doc, found = findings(
        ["Both cyanuric acid and melamine were found in urine samples.", ENGLISH],
        ["Cyanuric acid and 三聚氰胺 were both found in urine samples.", ENGLISH],
    )
    (f,) = found
    assert f.target_span.text == "三聚氰胺"
    assert f.category == "Accuracy/Untranslated"
    assert f.severity is Severity.MAJOR
    assert "Han script" in f.message
    assert f.source_span.text == "Both cyanuric acid and melamine were found in urine samples."
    assert_spans_exact(found, doc)


def test_cyrillic_phrase_is_one_span_and_a_lone_cyrillic_word_counts():
    _, found = findings(
        ["Soldiers of the National Guard and the military.", "He was in Moscow, the capital.", ENGLISH],
        ["Soldiers of the National Guard и the military.", "He was в городе, Москва, the capital.", ENGLISH],
    )
    assert [f.target_span.text for f in found] == ["и", "в городе, Москва"]
    assert all("Cyrillic" in f.message for f in found)


def test_untranslated_german_segment_is_major():
    doc, found = findings(
        ["The militias are deeply rooted in Iraqi society.", ENGLISH],
        ["Die Milizen sind tief in der irakischen Gesellschaft verwurzelt.", ENGLISH],
    )
    (f,) = found
    assert f.target_span.text == doc.target.text.splitlines()[0]
    assert f.severity is Severity.MAJOR
    assert "German" in f.message and "English confidence 0.00" in f.message


def test_a_wholly_untranslated_document_is_critical():
    _, found = findings(
        ["The militias are deeply rooted in Iraqi society.", "The government is not under pressure."],
        ["Die Milizen sind tief in der irakischen Gesellschaft verwurzelt.", "Die Regierung ist nicht unter Druck."],
    )
    assert [f.severity for f in found] == [Severity.CRITICAL, Severity.CRITICAL]
    assert all("no segment of the document is in English" in f.message for f in found)


def test_german_clause_inside_an_english_sentence_is_one_span():
    _, found = findings(
        ["She said the militias, which are deeply rooted in society, are strong.", ENGLISH],
        ["She said that the militias, die tief in der Gesellschaft verwurzelt sind, are strong.", ENGLISH],
    )
    (f,) = found
    assert f.target_span.text == "die tief in der Gesellschaft verwurzelt sind"
    assert f.severity is Severity.MAJOR


def test_single_foreign_word_is_minor():
    _, found = findings(
        ["The new demands could not be met, the ministry said."],
        ["The new demands could nicht be met, the ministry said."],
    )
    (f,) = found
    assert f.target_span.text == "nicht"
    assert f.severity is Severity.MINOR
    assert "the source has no such word" in f.message


def test_capitalised_word_with_umlaut_counts_mid_sentence():
    _, found = findings(["US President Donald Trump wrote on Twitter."], ["The Präsident Donald Trump wrote on Twitter."])
    assert [f.target_span.text for f in found] == ["Präsident"]


def test_findings_carry_the_rule_and_what_it_measured():
    _, (script,) = findings(
        ["Both cyanuric acid and melamine were found in urine samples.", ENGLISH],
        ["Cyanuric acid and 三聚氰胺 were both found in urine samples.", ENGLISH],
    )
    # 4 Han letters of the sentence's 46 (8 + 4 + 3 + 4 + 4 + 4 + 5 + 2 + 5 + 7).
    assert dict(script.evidence) == {
        "rule": "foreign script", "script": "Han", "whole_segment": False, "script_letters": 4, "segment_letters": 46,
    }
    _, (segment,) = findings(
        ["The militias are deeply rooted in Iraqi society.", ENGLISH],
        ["Die Milizen sind tief in der irakischen Gesellschaft verwurzelt.", ENGLISH],
    )
    # Of its 9 words only "in" is in the source.
    assert dict(segment.evidence) == {
        "rule": "foreign segment", "language": "German", "english_confidence": 0.0, "word_count": 9,
        "unexplained_count": 8,
    }
    _, (clause,) = findings(
        ["She said the militias, which are deeply rooted in society, are strong.", ENGLISH],
        ["She said that the militias, die tief in der Gesellschaft verwurzelt sind, are strong.", ENGLISH],
    )
    # lingua reads the clause without "in" (the source has it) and its capital ("Gesellschaft").
    assert dict(clause.evidence) == {
        "rule": "foreign clause", "language": "German", "english_confidence": 0.0,
        "foreign_words": ("die", "tief", "der", "verwurzelt", "sind"),
    }
    slightly_english = lambda text: ("GERMAN", 0.012345) if "nicht" in text else ("ENGLISH", 0.95)  # noqa: E731
    _, (word,) = findings(["The new demands could not be met, the ministry said."],
                          ["The new demands could nicht be met, the ministry said."], identify=slightly_english)
    assert "English confidence 0.01" in word.message
    assert dict(word.evidence) == {
        "rule": "foreign words", "language": "German", "english_confidence": 0.0123, "foreign_words": ("nicht",),
    }


def test_a_wholly_untranslated_document_says_so_in_its_evidence():
    _, found = findings(
        ["The militias are deeply rooted in Iraqi society.", "The government is not under pressure."],
        ["Die Milizen sind tief in der irakischen Gesellschaft verwurzelt.", "Die Regierung ist nicht unter Druck."],
    )
    assert [dict(f.evidence)["whole_document"] for f in found] == [True, True]
    assert dict(found[1].evidence) == {
        "rule": "foreign segment", "language": "German", "english_confidence": 0.0, "word_count": 6,
        "unexplained_count": 6, "whole_document": True,
    }


# --- negatives --------------------------------------------------------------

def test_english_paraphrase_passes():
    _, found = findings(
        ["Both cyanuric acid and melamine were found in urine samples from pets that died."],
        ["Cyanuric acid and melamine were both found in urine samples of pets who died."],
    )
    assert found == []


def test_foreign_text_that_the_source_has_passes():
    _, found = findings(
        ["The paper 三聚氰胺 said: “Die Milizen sind tief in der irakischen Gesellschaft verwurzelt.”"],
        ["The paper 三聚氰胺 wrote: “Die Milizen sind tief in der irakischen Gesellschaft verwurzelt.”"],
    )
    assert found == []


def test_names_spelled_with_accents_match_the_source_without():
    assert fold("Stępiński") == fold("Stepinski") == "stepinski"
    assert fold("Straße") == "strasse"
    everything_german = lambda text: ("GERMAN", 0.0)  # noqa: E731 - lingua at its most suspicious
    _, found = findings(
        ["Jiri Cunk and Stepinski met Soeder in Strasse."],
        ["Jiří Čunk and Stępiński met Soeder in Straße."],
        identify=everything_german,
    )
    assert found == []


def test_acronyms_mixed_case_and_ascii_capitals_pass_as_names():
    # Below the threshold for lowercase words, above the one for ASCII capitals.
    fairly_german = lambda text: ("GERMAN", 0.005)  # noqa: E731
    _, found = findings(["He paid in crowns on his phone to him."], ["He paid CZK on his iPod to Rydzyk."],
                        identify=fairly_german)
    assert found == []
    _, found = findings(["He paid in crowns on his phone to him."], ["He paid CZK on his iPod to rydzyk."],
                        identify=fairly_german)
    assert [f.target_span.text for f in found] == ["rydzyk"]


def test_lone_greek_letters_are_symbols():
    assert list(foreign_script_runs("The α-synuclein level rose by 5 μg.")) == []
    assert list(foreign_script_runs("Ένα κείμενο")) == [(0, 11, "Greek")]


def test_short_headings_are_not_judged_as_segments():
    phrases_german = lambda text: ("GERMAN", 0.0) if " " in text else ("ENGLISH", 0.9)  # noqa: E731
    _, found = findings(["Comments and opinions"], ["Kommentare und Meinungen"], identify=phrases_german)
    assert found == []
    _, found = findings(["Comments and opinions of readers"], ["Kommentare und Meinungen der Leser"],
                        identify=phrases_german)
    assert [f.target_span.text for f in found] == ["Kommentare und Meinungen der Leser"]


# --- the real lingua detector -----------------------------------------------

def test_lingua_tells_german_from_english():
    pytest.importorskip("lingua")
    _, found = findings(
        ["The militias are deeply rooted in Iraqi society.", ENGLISH],
        ["Die Milizen sind tief in der irakischen Gesellschaft verwurzelt.", ENGLISH],
        identify=identify_language,
    )
    (f,) = found
    assert f.pair == 0 and "German" in f.message
    _, found = findings(
        ["Many of the country's militias are backed by Iran."],
        ["Many of the country's mainly Shiite militias are supported by rival Iran."],
        identify=identify_language,
    )
    assert found == []


def test_without_models_only_foreign_scripts_are_found():
    # The default detector is lingua, which the rules-only gate does not load.
    doc = parallel_document("d", ["The militias are deeply rooted.", "Melamine was found."],
                            ["Die Milizen sind tief verwurzelt.", "三聚氰胺 was found."])
    found = list(UntranslatedCheck().run(DocumentView(doc)))
    assert_spans_exact(found, doc)
    assert [f.target_span.text for f in found] == ["三聚氰胺"]


def test_importing_the_check_does_not_load_lingua():
    code = "import sys, mtcheck.checks.untranslated; assert 'lingua' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


# --- properties -------------------------------------------------------------

PIECES = st.sampled_from(["die", "Milizen", "nicht", "und", "the", "Iraq", "三聚氰胺", "и", "в городе", "α", "Ένα",
                          "Präsident", "Stępiński", "CZK", ".", ",", "“", "\u0915\u093f"])  # fmt: skip
SEGMENT = joined(PIECES, [" ", "", ", "], max_size=10)


test_spans_always_slice_the_document_text, test_a_document_compared_with_itself_has_no_findings = property_tests(
    findings, SEGMENT, copy_examples=100
)
