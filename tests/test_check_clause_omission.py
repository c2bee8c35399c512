"""ClauseOmissionCheck: source words inside an aligned pair that nothing in the translation stands for."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from hypothesis import strategies as st

from mtcheck.analyses import analysed_view
from mtcheck.checks.clause_omission import ClauseOmissionCheck, ClauseOmissionParams
from mtcheck.english.words import words
from mtcheck.segment.documents import parallel_document
from mtcheck.types import Severity, Signals
from span_checks import assert_spans_exact, check_pairs, joined, property_tests


def findings(sources, targets, **kwargs):
    return check_pairs(ClauseOmissionCheck(), sources, targets, **kwargs)


def missing(source, target):
    """The source spans reported for one pair."""
    _, found = findings([source], [target])
    assert all(f.target_span is None and f.category == "Accuracy/Omission" for f in found)
    return [f.source_span.text for f in found]


# --- positives --------------------------------------------------------------

def test_dropped_phrase_is_major_and_names_its_words():
    source = ('"Our strikes are focused on Iran-backed proxy groups, not the PMF," Air Force Maj. Gen. Pat Ryder, '
              "the Pentagon press secretary, told reporters.")
    target = ('“Our strikes are focused on Iran-backed proxy groups, not the PMF,” Air Force Maj. Gen. Pat Ryder '
              "told reporters.")
    doc, found = findings(["Intro.", source], ["Intro.", target])
    (f,) = found
    assert f.pair == 1 and f.severity is Severity.MAJOR
    assert f.source_span.text == "Pentagon press secretary"
    assert doc.source.text[f.source_span.start : f.source_span.end] == "Pentagon press secretary"
    assert "'Pentagon', 'press', 'secretary'" in f.message


def test_dropped_prepositional_phrase_goes_with_its_preposition():
    assert missing("Apia was founded in the 1850s and has been the official capital of Samoa since 1959.",
                   "Apia was founded in the 1850's and has been the official capital since 1959.") == ["Samoa"]
    assert missing("Both agencies stole data passing through the vast network of cables laid by Yahoo and Google.",
                   "Both agencies stole data passing through the vast network of cables laid.") == ["Yahoo and Google"]


def test_dropped_adjective_in_a_word_for_word_pair_is_minor():
    _, found = findings(["Murray lost the first set in a tie break after both men held every serve."],
                        ["Murray lost the set in the tiebreak after both men held every serve."])
    (f,) = found
    assert f.source_span.text == "first" and f.severity is Severity.MINOR


def test_a_seam_that_no_longer_reads_makes_a_single_word_major():
    _, found = findings(
        ["Both cyanuric acid and melamine were found in urine samples from pets that died after eating pet food."],
        ["Cyanuric acid and melamine were both found in urine samples of who died after eating pet food."],
    )
    (f,) = found
    assert f.source_span.text == "pets" and f.severity is Severity.MAJOR
    assert "no longer reads" in f.message


def test_dropped_subject_leaves_its_verb_opening_the_sentence():
    assert missing("Congress began funding the anti-obscenity initiative in August 2005.",
                   "Began funding the anti-obscenity initiative in August 2005.") == ["Congress"]
    assert missing("According to the United Nations, Bangladesh is one of the countries hardest hit by warming.",
                   "According to the United Nations, is one of the countries hardest hit by warming.") == ["Bangladesh"]


def test_title_left_before_a_verb():
    assert missing("In the letter, Mr Snowden said the support of the community could persuade the government.",
                   "In the letter, Mr said the support of the community could persuade the government.") == ["Snowden"]


# --- negatives --------------------------------------------------------------

PARAPHRASES = [
    # synonyms in place, a word moved ("both")
    ("Both cyanuric acid and melamine were found in urine samples from pets that died after consuming "
     "contaminated pet food.",
     "Cyanuric acid and melamine were both found in urine samples of pets who died after eating contaminated pet food."),
    # reordering
    ("In 1956 Słania moved to Sweden, where he started to work for the Swedish Post Office.",
     "Słania moved to Sweden in 1956, where he started working for the Swedish Post Office."),
    # passive for active
    ("The police arrested the suspect in Berlin on Monday.", "On Monday, the suspect was arrested by police in Berlin."),
    # contractions
    ("I do not know if you realize it, but most of the goods came into this country duty-free.",
     "I don't know if you realize it, but most of the goods came into this country duty free."),
    # numbers written differently, hyphenated compounds, British and American spellings
    ("Five people were injured when the 17 year old driver hit the organisation's centre.",
     "5 people were injured when the 17-year-old driver hit the organization's center."),
    ("Around twenty-five students and 3 teachers took part.", "Around 25 students and three teachers took part."),
    # the dropped word was paraphrased just beside the seam
    ("Many rhythms in physiology often crucially depend on the presence of endogenous cycles.",
     "Many rhythms in physiology often depend largely on the presence of endogenous cycles."),
    # "one" the pronoun, "for example", "a lot"
    ("Argentina is known for having one of the best polo teams in the world.",
     "Argentina is known for having the best polo team in the world."),
    ("It would already strengthen education a lot if we made them work 35 hours.",
     "It would already greatly strengthen education if we made them work 35 hours."),
    # a mark the source has too after the run is no broken seam
    ("Macura, who is a board member of the movement at the same time, has been the Mayor of Ostrava since 2014.",
     "Macura, who is also a member of the board of the movement, has been mayor of Ostrava since 2014."),
]


def test_paraphrases_reordering_and_rewritten_numbers_pass():
    _, found = findings([s for s, _ in PARAPHRASES], [t for _, t in PARAPHRASES])
    assert [f.source_span.text for f in found] == []


def test_a_free_rewrite_is_not_read_word_by_word():
    assert missing("At Colchester Magistrates' Court, Howie admitted a charge of driving without due care.",
                   "At Colchester Magistrates' Court, Howie pleaded guilty to negligent driving.") == []


def test_insertions_and_whole_sentence_omissions_are_left_to_other_checks():
    _, found = findings(["The minister resigned on Friday.", "Officials said nothing else."],
                        ["The minister resigned on Friday.", "Read The Post for free."],
                        beads=[((0,), (0,)), ((1,), ()), ((), (1,))])
    assert found == []


# --- with models: the language model stumbling at the seam -----------------

SOURCE = "Experts say the outbreak in Haiti was likely caused by the UN soldiers."
TARGET = "Specialists say the outbreak in Haiti was caused by the UN soldiers."


def with_given_source(doc, spikes):
    """Hand-made signals: one token per target word at 1 bit, ``spikes`` (word -> bits) excepted."""
    def tokens(segment):
        text = doc.target.text[segment.start : segment.end]
        return tuple((segment.start + w.start, segment.start + w.end, spikes.get(w.text, 1.0))
                     for w in words(text))
    unit = np.eye(2, dtype=np.float32)[[0] * len(doc.source_segments)]
    signals = Signals("lm:test|emb:test", (), (), unit, unit, tuple(tokens(s) for s in doc.target_segments))
    return replace(doc, signals=signals)


def run_with(spikes):
    doc = with_given_source(parallel_document("d", [SOURCE], [TARGET]), spikes)
    check = ClauseOmissionCheck()
    found = list(check.run(analysed_view(doc, [check])))
    assert_spans_exact(found, doc)
    return found


def test_without_models_a_hole_beside_a_paraphrase_stays_quiet():
    assert missing(SOURCE, TARGET) == []
    assert run_with({}) == []


def test_with_models_a_spike_at_the_seam_reports_the_hole():
    seam_spike_bits = ClauseOmissionParams().seam_spike_bits
    (f,) = run_with({"caused": seam_spike_bits + 1})
    assert f.source_span.text == "likely" and f.severity is Severity.MAJOR
    assert "bits of surprisal" in f.message
    assert run_with({"soldiers": seam_spike_bits + 5}) == []  # a spike elsewhere says nothing about the seam


# --- properties -------------------------------------------------------------

PIECES = st.sampled_from(["the", "The", "of", "in", "Mr", "was", "Congress", "began", "funding", "capital",
                          "Samoa", "since", "1959", "five", "5", "17-year-old", "year", "old", "tie", "break",
                          "tiebreak", "it's", "Iraq's", '"', "“", ".", ",", "(", "-"])
SEGMENT = joined(PIECES, ["", " ", "  "])

test_spans_always_slice_the_document_text, test_a_document_compared_with_itself_has_no_findings = property_tests(
    findings, SEGMENT, raw_text=True
)
