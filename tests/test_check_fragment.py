"""FragmentCheck: verbless target sentences where the aligned source has a finite verb."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import strategies as st

from mtcheck.views import DocumentView
from mtcheck.checks.fragment import FragmentCheck, finite_verbs
from mtcheck.english.words import words
from mtcheck.segment.documents import parallel_document
from mtcheck.types import Document, SegmentKind, Severity
from span_checks import assert_spans_exact, joined, property_tests

SEED_SOURCE = ("His father joined at the start of that fight, at the urging of Iraq's top Shiite cleric, "
               "as did Mohammed, now 29, and three of his brothers.")
SEED_TARGET = ["His father joined at the beginning of this fight at the urging of Iraq's top Shiite religious leader.",
               "Just like Mohammed, now 29, and three of his brothers."]


def findings(sources, targets, **kwargs):
    doc = parallel_document("d", sources, targets, **kwargs)
    return doc, run(doc)


def run(doc: Document):
    found = list(FragmentCheck().run(DocumentView(doc)))
    assert_spans_exact(found, doc)
    return found


def verbs(text):
    return [w.text for w in finite_verbs(words(text))]


# --- the verb rules ---------------------------------------------------------

def test_finite_verbs_by_rule():
    assert verbs("The groups were formally integrated into the government in 2016.") == ["were", "integrated"]
    assert verbs("U.S. officials say they also want a deal.") == ["say", "want"]
    assert verbs("Autumn marks the start of six dark months.") == ["marks"]
    assert verbs("It's over, he said.") == ["It's", "said"]
    assert verbs("Just like Mohammed, now 29, and three of his brothers.") == []
    assert verbs("the need for a plan and the country's response to the attacks.") == []


# --- positives --------------------------------------------------------------

def test_seed_clause_split_leaves_a_fragment():
    _, found = findings([SEED_SOURCE], SEED_TARGET, beads=[((0,), (0, 1))])
    (f,) = found
    assert f.target_span.text == "Just like Mohammed, now 29, and three of his brothers."
    assert f.source_span.text == "did"
    assert f.message == "sentence has no finite verb; the source has 'did'"
    assert f.severity is Severity.MINOR
    assert f.category == "Fluency/Grammar"


def test_removed_only_verb_demetr():
    _, found = findings(
        ["His research showed that a hormone speeds up the maturation of the lungs."],
        ["His research on the use of hormones for the maturation of the lungs."],
    )
    (f,) = found
    assert f.target_span.text == "His research on the use of hormones for the maturation of the lungs."


def test_offsets_are_absolute_in_later_pairs():
    doc, found = findings(["Intro.", SEED_SOURCE], ["Intro."] + SEED_TARGET, beads=[((0,), (0,)), ((1,), (1, 2))])
    (f,) = found
    assert f.pair == 1
    assert doc.target.text[f.target_span.start : f.target_span.end] == SEED_TARGET[1]


# --- negatives --------------------------------------------------------------

def test_sentences_with_verbs_pass():
    pairs = [
        ("The tiger is in the same group as lions.", "The tiger belongs to the same family as lions, and it hunts."),
        ("Many see them as the latest assault on Iraq.", "Many see it as the latest attack on Iraq."),
        ("I don't know if you realize it.", "I don't know whether you realize it."),
    ]
    _, found = findings([s for s, _ in pairs], [t for _, t in pairs])
    assert found == [], [f.message for f in found]


def test_short_headings_bylines_and_verbless_sources_pass():
    pairs = [
        ("He said the attack was over.", "Attack over, officials say nothing."),  # has "say"
        ("He said it was over.", "All over now."),  # under five words
        ("By Kareem Fahim and Mustafa Salim.", "By Kareem Fahim, Mustafa Salim and Abigail Hauslohner."),
        ("The photo shows the funeral.", "Photo: Funeral Of The Militia Leader In Karbala, Iraq."),  # title case
        ("More on the strikes below.", "More about the strikes in the text below."),  # source has no verb
        ("He said it was over.", "The end of the war between the two groups"),  # no final stop
    ]
    _, found = findings([s for s, _ in pairs], [t for _, t in pairs])
    assert found == [], [f.message for f in found]


def test_heading_segments_are_not_fragments():
    doc = parallel_document("d", [SEED_SOURCE], ["Just like Mohammed, now 29, and three of his brothers."])
    heading = replace(doc.target_segments[0], kind=SegmentKind.HEADING)
    assert run(doc) != []
    assert run(replace(doc, target_segments=(heading,))) == []


def test_every_source_sentence_needs_a_verb():
    # A 2-1 bead whose source also holds a verbless sentence: the target may translate it.
    _, found = findings(["He joined the fight.", "Just like his brothers and his cousins."],
                        ["Just like his brothers and his cousins, and all of them."], beads=[((0, 1), (0,))])
    assert found == []


# --- properties -------------------------------------------------------------

PIECES = st.sampled_from(
    ["Just", "like", "Mohammed", "now", "29", "and", "three", "of", "his", "brothers", "the", "did", "is",
     "joined", "say", "they", "it's", "need", ",", ".", "“", "”", "\n"]
)
SEGMENT = joined(PIECES, max_size=14)


test_spans_always_slice_the_document_text, test_a_document_compared_with_itself_has_no_findings = property_tests(
    findings, SEGMENT, raw_text=True
)


def test_a_word_after_an_opening_aside_opens_its_sentence():
    opens = {w.text: w.opens for w in words("(Laughter) Want to get away. He met (in Rome) Bush.")}
    assert opens["Want"] and not opens["Bush"]


def test_verb_forms_come_from_the_verb_table():
    # "tries" is "try" (no "trie"); "hundred" and "speed" end like past tenses and are none.
    found = [w.text for w in finite_verbs(words("Every week the council tries new rules."))]
    assert found == ["tries"]
    assert finite_verbs(words("A hundred cars at full speed on the road.")) == []
