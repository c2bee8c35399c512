"""Sentence case, final punctuation and stray symbols against the source."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mtcheck.views import DocumentView
from mtcheck.checks.final_punctuation import FinalPunctuationCheck
from mtcheck.checks.sentence_case import SentenceCaseCheck
from mtcheck.checks.stray_symbol import StraySymbolCheck
from span_checks import assert_spans_exact, check_pairs

SOURCE = "Both cyanuric acid and melamine were found in urine samples from pets that died."
TARGET = "Cyanuric acid and melamine were both found in urine samples of pets who died."


def run(check, sources, targets):
    return check_pairs(check, sources, targets)[1]


def test_a_lowercase_opening_is_flagged_with_the_sources_first_word():
    (finding,) = run(SentenceCaseCheck(), [SOURCE], [TARGET[0].lower() + TARGET[1:]])
    assert finding.target_span.text == "cyanuric" and finding.source_span.text == "Both"
    assert run(SentenceCaseCheck(), [SOURCE], [TARGET.lower()])[0].target_span.text == "cyanuric"


def test_capitalised_openings_and_small_sources_pass():
    assert run(SentenceCaseCheck(), [SOURCE], [TARGET]) == []
    assert run(SentenceCaseCheck(), ["iPhone sales rose."], ["iPhone sales went up."]) == []
    assert run(SentenceCaseCheck(), ["The firm eBay grew."], ["eBay grew."]) == []
    assert run(SentenceCaseCheck(), ['"Yes," he said.'], ['"Yes," he said.']) == []


def test_a_missing_final_stop_is_flagged_on_the_last_word():
    (finding,) = run(FinalPunctuationCheck(), [SOURCE], [TARGET.rstrip(".")])
    assert finding.target_span.text == "died" and finding.source_span.text == "."


def test_final_marks_in_other_forms_pass():
    assert run(FinalPunctuationCheck(), [SOURCE], [TARGET]) == []
    assert run(FinalPunctuationCheck(), ['He said: "It is planned."'], ['He said: "It is all planned."']) == []
    assert run(FinalPunctuationCheck(), ["Washington angers an ally"], ["Washington angers an ally"]) == []
    assert run(FinalPunctuationCheck(), ["Is it over?"], ["Is it over?"]) == []


def test_a_stray_symbol_is_flagged_unless_the_source_or_a_url_has_it():
    (finding,) = run(StraySymbolCheck(), [SOURCE], [TARGET.replace("melamine", "melamine~")])
    assert finding.target_span.text == "~"
    assert run(StraySymbolCheck(), ["It costs 5 + 3 euros."], ["It costs 5 + 3 euros."]) == []
    assert run(StraySymbolCheck(), [SOURCE], [TARGET + " See https://example.com/a_b or #news."]) == []


@pytest.mark.parametrize("check", [SentenceCaseCheck, FinalPunctuationCheck, StraySymbolCheck])
@given(st.text(alphabet="abcAB .,!?~*#_\"”'-", max_size=40))
def test_spans_are_exact_on_any_text(check, target):
    run(check(), [SOURCE], [target or "x"])


def test_a_punctuation_mark_the_model_does_not_expect_is_stray():
    from test_check_model_based import document

    target = "Cyanuric acid and melamine : were both found in urine samples."  # the helper splits at spaces
    doc = document([SOURCE], [target], spikes={}, given={":": 18.0})
    findings = list(StraySymbolCheck().run(DocumentView(doc)))
    assert_spans_exact(findings, doc)
    assert [(f.target_span.text, f.target_span.start) for f in findings] == [(":", target.index(":"))]
    quiet = document([SOURCE], [target.replace(":", ",")], spikes={}, given={",": 9.0})
    assert list(StraySymbolCheck().run(DocumentView(quiet))) == []


def test_sentence_case_and_stray_symbol_findings_carry_their_words_and_marks():
    (lowercase,) = run(SentenceCaseCheck(), [SOURCE], [TARGET[0].lower() + TARGET[1:]])
    assert dict(lowercase.evidence) == {"word": "cyanuric", "source_word": "Both"}
    (symbol,) = run(StraySymbolCheck(), [SOURCE], [TARGET.replace("melamine", "melamine~")])
    assert dict(symbol.evidence) == {"rule": "symbol not in source", "mark": "~"}
    from test_check_model_based import document

    doc = document([SOURCE], ["Cyanuric acid and melamine : were both found in urine samples."], spikes={},
                   given={":": 18.04})
    (spike,) = StraySymbolCheck().run(DocumentView(doc))
    assert "18.0 bits" in spike.message
    assert dict(spike.evidence) == {"rule": "surprising punctuation", "mark": ":", "bits": 18.0}
