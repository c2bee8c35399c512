"""The surprisal-spike family on hand-made signals: which kind of artifact each spike is."""

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mtcheck.checks.lexical_substitution import LexicalSubstitutionCheck
from mtcheck.checks.literal_idiom import LiteralIdiomCheck
from mtcheck.checks.meaning_flip import MeaningFlipCheck
from mtcheck.checks.spelling import SpellingCheck
from mtcheck.checks.surprisal import SurprisalCheck
from mtcheck.types import Severity
from test_check_model_based import document, run

FAMILY = (SurprisalCheck, SpellingCheck, LexicalSubstitutionCheck, LiteralIdiomCheck, MeaningFlipCheck)


def found(doc):
    """(check, word, source words, category) of every spike finding on ``doc``."""
    return sorted(
        (f.check, f.target_span.text, f.source_span.text if f.source_span else None, f.category)
        for check in FAMILY
        for f in run(check(), doc)
    )


REALITY = "Many see a complex reality in Iraq."


def test_an_odd_word_for_another_is_a_lexical_substitution():
    doc = document([REALITY], ["Many see a complex actuality in Iraq."], spikes={"actuality": 19.0})
    assert found(doc) == [("lexical-substitution", "actuality", "reality", "Style/Awkward")]
    assert "19.0 bits of surprisal given the source" in run(LexicalSubstitutionCheck(), doc)[0].message


def test_an_odd_phrase_for_other_words_is_a_literal_idiom():
    doc = document(["He asks Lindner about the coalition."], ["He asks Lindner about the traffic lights."],
                   spikes={"traffic": 20.0})
    assert found(doc) == [("literal-idiom", "traffic", "coalition", "Accuracy/Mistranslation")]


def test_a_fluent_word_the_source_does_not_lead_to_is_a_meaning_flip():
    doc = document(["Pets that died after eating the food."], ["Pets that lived after eating the food."],
                   spikes={}, given={"lived": 17.0})
    assert found(doc) == [("meaning-flip", "lived", "died", "Accuracy/Mistranslation")]
    major = document(["Pets that died after eating the food."], ["Pets that lived after eating the food."],
                     spikes={}, given={"lived": 21.0})
    assert run(MeaningFlipCheck(), major)[0].severity is Severity.MAJOR


def test_a_near_copy_of_the_source_word_is_a_misspelling():
    doc = document(["Melamine was found in samples."], ["Melamine was foudn in samples."], spikes={"foudn": 18.0})
    assert found(doc) == [("spelling", "foudn", "found", "Fluency/Spelling")]
    lower = document(["Officials in Iraq said so."], ["Officials in iraq said so."], spikes={"iraq": 14.0})
    assert found(lower) == [("spelling", "iraq", "Iraq", "Fluency/Spelling")]


def test_capitals_the_source_writes_small_are_left_to_noun_capitalisation():
    doc = document(["woven into society, politics and government."], ["woven into society, Politics and government."],
                   spikes={"Politics": 16.0})
    assert found(doc) == []


def test_words_with_nothing_opposite_are_surprisal_findings():
    odd = document(["Mounes called it an equation."], ["Rep. Mounes called it an equation."], spikes={"Rep": 22.0})
    assert found(odd) == [("surprisal", "Rep", None, "Style/Awkward")]
    fluent = document(["Mounes called it an equation."], ["Senator Mounes called it an equation."],
                      spikes={}, given={"Senator": 17.0})
    assert found(fluent) == [("surprisal", "Senator", None, "Accuracy/Addition")]


def test_words_the_source_has_and_tokens_below_the_floor_are_not_spikes():
    text = "Ismail Qaani leads the Quds Force now."
    assert found(document([text], [text], spikes={"Qaani": 18.0})) == []
    assert found(document([REALITY], ["Many see a complex actuality in Iraq."], spikes={"actuality": 11.9})) == []


def test_insertions_and_punctuation_are_left_to_other_checks():
    headline = "ZDF woman asks Lindner about the traffic lights"
    inserted = document(["x y z."], [headline], spikes={"traffic": 19.0}, beads=[((0,), ()), ((), (0,))])
    assert found(inserted) == []
    assert found(document([REALITY], ["Many see a complex “ reality in Iraq."], spikes={"“": 23.0})) == []


def test_without_the_source_reading_there_are_no_spike_findings():
    doc = document([REALITY], ["Many see a complex actuality in Iraq."], spikes={"actuality": 19.0})
    bare = replace(doc, signals=replace(doc.signals, target_given_source=()))
    assert found(bare) == []


@pytest.mark.parametrize("check", FAMILY)
@given(st.lists(st.sampled_from(["Iraq", "iraq", "militia", "the", "reality", "actuality", "—", "U.S."]), min_size=1,
                max_size=8), st.floats(12, 30))
def test_spans_are_exact_whatever_spikes(check, words, bits):
    target = " ".join(words) + "."
    run(check(), document([REALITY], [target], spikes={w: bits for w in words[::2]}))


def test_each_check_applies_its_own_floor():
    # 17 bits clears the 16-bit default but not lexical-substitution's 18.
    assert found(document([REALITY], ["Many see a complex actuality in Iraq."], spikes={"actuality": 17.0})) == []
    # A misspelling needs only the family's 12-bit floor.
    misspelt = document(["Melamine was found in samples."], ["Melamine was foudn in samples."], spikes={"foudn": 13.0})
    assert [f[:2] for f in found(misspelt)] == [("spelling", "foudn")]
    # Fluent words with nothing opposite stay quiet below surprisal's 16.
    fluent = document(["Mounes called it an equation."], ["Senator Mounes called it an equation."],
                      spikes={}, given={"Senator": 14.0})
    assert found(fluent) == []


def test_literal_idiom_and_meaning_flip_findings_carry_the_bits_and_the_source_words():
    idiom = document(["He asks Lindner about the coalition."], ["He asks Lindner about the traffic lights."],
                     spikes={"traffic": 20.0})
    (literal,) = run(LiteralIdiomCheck(), idiom)
    assert dict(literal.evidence) == {"bits": 20.0, "bits_alone": 20.0, "source_words": ("coalition",)}
    # Read alone, "lived" costs the helper's base 3 bits: only the source makes it odd.
    flip = document(["Pets that died after eating the food."], ["Pets that lived after eating the food."],
                    spikes={}, given={"lived": 17.0})
    (flipped,) = run(MeaningFlipCheck(), flip)
    assert dict(flipped.evidence) == {"bits": 17.0, "bits_alone": 3.0, "source_words": ("died",)}
