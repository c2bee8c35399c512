"""TenseCheck: verb tense and aspect in the translation that differ from the aligned source."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import strategies as st

from mtcheck.views import DocumentView
from mtcheck.checks.tense import TenseCheck, verb_groups
from mtcheck.segment.documents import parallel_document
from mtcheck.types import SegmentKind, Severity
from span_checks import check_pairs, joined, property_tests


def run(source: str, target: str):
    return check_pairs(TenseCheck(), [source], [target])[1]


def groups(text: str) -> list[tuple[str, str, bool]]:
    """(words, time, progressive) of the certain verb groups of ``text``."""
    return [(text[g.start : g.end], g.time, g.progressive) for g in verb_groups(text) if g.certain]


# --- reading verb groups ------------------------------------------------------

def test_auxiliaries_give_a_group_its_time_and_aspect():
    assert groups("Werth had already won all four tests.") == [("had already won", "past perfect", False)]
    assert groups("They will have failed to pay.") == [("will have failed", "future", False)]
    assert groups("It's been raining and we're going to leave.") == [
        ("'s been raining", "present perfect", True), ("'re going", "future", False)]
    assert groups("The season could be being played.") == [("could be being played", "could", True)]
    assert groups("He didn't know.") == [("didn't know", "past", False)]


def test_nouns_adjectives_months_and_participles_are_no_finite_verbs():
    assert groups("At the end of May, the limited default began.") == [("began", "past", False)]
    assert groups("Born in Tokyo, she moved to California.") == [("moved", "past", False)]
    assert groups("The relationship is really challenging.") == [("is", "present", False)]
    assert groups("The plan is, according to him, a good idea.") == [("is", "present", False)]


# --- positives ----------------------------------------------------------------

def test_past_told_in_the_future_is_a_major_mistranslation():
    (finding,) = run("Both opposition parties accused the prime minister of neglect.",
                     "Both opposition parties will accuse the prime minister of neglect.")
    assert finding.target_span.text == "will accuse" and finding.source_span.text == "accused"
    assert finding.severity is Severity.MAJOR and finding.category == "Accuracy/Mistranslation"
    assert finding.message == "'will accuse' is future where the source's 'accused' is past"


def test_past_told_in_the_present():
    (finding,) = run("He pushed the boy to the ground and ran away.", "He pushes the boy to the ground and ran away.")
    assert (finding.target_span.text, finding.source_span.text) == ("pushes", "pushed")
    assert finding.severity is Severity.MINOR


def test_progressive_for_simple_and_simple_for_progressive():
    (finding,) = run("The studio signed her for seven years.", "The studio was signing her for seven years.")
    assert (finding.target_span.text, finding.source_span.text) == ("was signing", "signed")
    assert "past progressive" in finding.message
    (finding,) = run("The boy is eating an apple.", "The boy ate an apple.")
    assert (finding.target_span.text, finding.source_span.text) == ("ate", "is eating")


def test_past_perfect_turned_present_perfect_in_a_sentence_that_stays_in_the_past():
    (finding,) = run("Werth had already won the tests when the tournament began.",
                     "Werth has already won the tests when the tournament began.")
    assert finding.target_span.text == "has already won"
    # With nothing else in the past, the whole sentence moved: a narrative choice, left alone.
    assert run("Werth had already won the tests.", "Werth has already won the tests.") == []


# --- negatives ----------------------------------------------------------------

@pytest.mark.parametrize("source, target", [
    # the same tense in other words
    ("The studio signed her for seven years.", "The film studio hired her for seven years."),
    ("The grass ring will remain in place until August.", "The grass ring will be in place until August."),
    # "has said", "had said" and "said" paraphrase one another; so do "says" and "said"
    ("The minister has said that the talks failed.", "The minister said that the talks failed."),
    ('"It worked," said Zimmermann.', '"It worked," says Zimmermann.'),
    # reported speech shifts tenses
    ("She said the plan is working.", "She said the plan was working."),
    ("The parties have highlighted they wanted the deal.", "The parties have confirmed that they want the deal."),
    # conditionals
    ("If there were rules, they broke them.", "If there are rules, they broke them."),
    # a whole sentence told in the present is a narrative choice, not one verb out of place
    ("The trial was monitored and its effectiveness evaluated.", "The trial is monitored and its effect assessed."),
    # a modal or an expectation in the source may speak of the future
    ("The festival should be taking place again in 2021.", "The festival will take place again in 2021."),
    ("He is expected to run for president in 2016.", "He will run for president in 2016."),
    # so may a wish, and a present progressive
    ("I want to ask you all to consider a simple fact.", "I hope you will take a moment to consider a simple fact."),
    ("No, I'm not showing you any images.", "I will not show you images here."),
    # active for passive is no change of aspect
    ("That soundtrack is played on space itself.", "The universe itself is playing it non-stop."),
    # a base form after "and" shares its "to": "be able to turn up ... and hear"
    ("We've never heard the sounds, but we should start to turn up the volume.",
     "We have never heard a sound, but we should be able to turn up the volume and hear it."),
])
def test_legitimate_shifts_pass(source, target):
    assert run(source, target) == []


def test_headlines_tell_the_past_in_the_present():
    doc = parallel_document("d", ["Film star died at 104."], ["Film star will die at 104"])
    heading = replace(doc.target_segments[0], kind=SegmentKind.HEADING)
    assert list(TenseCheck().run(DocumentView(doc))) != []
    assert list(TenseCheck().run(DocumentView(replace(doc, target_segments=(heading,))))) == []


def test_insertions_and_omissions_are_not_compared():
    doc = parallel_document("d", ["He left."], ["He will leave."], beads=[((0,), ()), ((), (0,))])
    assert list(TenseCheck().run(DocumentView(doc))) == []


# --- properties ---------------------------------------------------------------

VOCABULARY = st.sampled_from([
    "he", "they", "will", "would", "'ll", "has", "had", "have", "is", "was", "were", "been", "being", "not",
    "already", "said", "says", "say", "said,", "if", "eating", "ate", "eats", "won", "wins", "won't", "didn't",
    "it's", "we've", "May", "the", "limited", "to", "be", "going", "announced", ",", ".", "“", "’s", "really",
])
SENTENCE = joined(VOCABULARY, separators=(" ", " ", ", "), max_size=14)

test_spans_always_slice_the_document_text, test_a_document_compared_with_itself_has_no_findings = property_tests(
    lambda sources, targets: check_pairs(TenseCheck(), sources, targets), SENTENCE, raw_text=True)
