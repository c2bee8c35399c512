"""Insertion, omission, glued link text and noun capitalisation."""

import pytest

from mtcheck.checks import DocumentView
from mtcheck.checks.glued_link import GluedLinkCheck
from mtcheck.checks.insertion import InsertionCheck, classify
from mtcheck.checks.noun_capitalisation import NounCapitalisationCheck
from mtcheck.checks.omission import OmissionCheck
from mtcheck.documents import parallel_document
from mtcheck.types import SegmentKind, Severity
from span_checks import check_pairs


def run(check, sources, targets, beads=None):
    return check_pairs(check, sources, targets, beads=beads)[1]


@pytest.mark.parametrize(
    "text, kind, label",
    [
        ("Read The Washington Post for free for four weeks", SegmentKind.HEADING, "ad"),
        ("Your quality ticket from washingtonpost.com: Get exclusive research and 200+ stories free.", SegmentKind.SENTENCE, "ad"),
        ("Comments", SegmentKind.HEADING, "navigation"),
        ("Split", SegmentKind.HEADING, "navigation"),
        ("My news", SegmentKind.HEADING, "navigation"),
        ("1 hour ago", SegmentKind.BULLET, "navigation"),
        ("© Iranian Presidency/Imago", SegmentKind.HEADING, "caption"),
        ("2024-02-12T11:44:42.123Z", SegmentKind.HEADING, "boilerplate"),
        ("As of: February 12, 2024, 12:35 p.m", SegmentKind.HEADING, "boilerplate"),
        ("This article was automatically translated from English into German.", SegmentKind.SENTENCE, "boilerplate"),
        ("is Istanbul bureau chief and Middle East correspondent at The Washington Post.", SegmentKind.SENTENCE, "byline"),
        ("Iraq is living with the consequences of the Trump administration", SegmentKind.HEADING, "heading"),
        ("Emergency situation for Putin's troops: Swedish tank mixes up the front", SegmentKind.BULLET, "navigation"),
        ("The militias fired rockets at the base.", SegmentKind.SENTENCE, "content"),
    ],
)
def test_insertion_labels(text, kind, label):
    assert classify(text, kind) == label


def test_line_above_a_credit_is_a_caption():
    assert classify("Iraqi Prime Minister al-Sudani is under pressure.", SegmentKind.SENTENCE, "© Iranian Presidency/Imago") == "caption"


def test_insertion_findings():
    findings = run(
        InsertionCheck(),
        ["The strikes angered Iraq."],
        ["Comments", "The strikes angered Iraq.", "Gunmen also stormed a bank."],
        beads=[((), (0,)), ((0,), (1,)), ((), (2,))],
    )
    assert [(f.target_span.text, f.category, f.severity) for f in findings] == [
        ("Comments", "Other", Severity.MINOR),
        ("Gunmen also stormed a bank.", "Accuracy/Addition", Severity.MAJOR),
    ]
    assert all(f.source_span is None for f in findings)


def test_no_insertion_when_everything_aligns():
    assert run(InsertionCheck(), ["A b c."], ["A b c."]) == []


def test_omission_findings():
    findings = run(
        OmissionCheck(),
        ["The strikes angered Iraq.", "In Iraq, however, the strikes provoked a very different reaction."],
        ["The strikes angered Iraq."],
        beads=[((0,), (0,)), ((1,), ())],
    )
    assert len(findings) == 1
    assert findings[0].target_span is None
    assert findings[0].source_span.text.startswith("In Iraq, however")
    assert findings[0].severity is Severity.MAJOR
    assert run(OmissionCheck(), ["A b c."], ["A b c."]) == []


@pytest.mark.parametrize(
    "target, link",
    [
        ("NATO response to Putin's air strikes: Experts fear rapid reading", "reading"),
        ("Ukrainian secret service sure: Russia uses Starlink on the front read", "read"),
        ("Putin exposed in an interview Read more", "Read more"),
    ],
)
def test_glued_link_positive(target, link):
    findings = run(GluedLinkCheck(), ["x"], [target], beads=[((), (0,))])
    assert [f.target_span.text for f in findings] == [link]


@pytest.mark.parametrize(
    "target",
    [
        "He said he had nothing to read.",  # punctuated sentence
        "Reading",  # a lone word is not a headline with link text
        "Emergency situation for Putin's troops: Swedish tank mixes up the front",
    ],
)
def test_glued_link_negative(target):
    assert run(GluedLinkCheck(), ["x"], [target], beads=[((), (0,))]) == []


def test_glued_link_explained_by_source():
    headline = "What experts are reading"
    assert run(GluedLinkCheck(), [headline], [headline]) == []


def test_noun_capitalisation_positive():
    findings = run(
        NounCapitalisationCheck(),
        ["They are also deeply woven into Iraqi society, politics and government."],
        ["They are also deeply connected to Iraqi society, Politics and government intertwined."],
    )
    assert [(f.target_span.text, f.source_span.text) for f in findings] == [("Politics", "politics")]


def test_stranded_fragment_of_a_split_sentence():
    findings = run(
        NounCapitalisationCheck(),
        ['He said they "disregard the security and lives of our citizens."'],
        ['He said they "disregard our security and lives."', 'Citizens".'],
        beads=[((0,), (0, 1))],
    )
    assert [f.target_span.text for f in findings] == ["Citizens"]


@pytest.mark.parametrize(
    "source, target",
    [
        ("Politics is hard, he said.", "Politics is hard, he said."),
        ("the president spoke.", "The president spoke."),  # sentence start
        ("He spoke to the Iraqi Parliament.", "He spoke to the Iraqi Parliament."),
        ("They said: many militias are backed by Iran.", "They said: Many militias are backed by Iran."),
        ("U.S. officials met Sudani.", "US officials met Sudani."),
    ],
)
def test_noun_capitalisation_negative(source, target):
    assert run(NounCapitalisationCheck(), [source], [target]) == []


def test_stranded_fragment_left_unaligned_compares_with_previous_source():
    doc = parallel_document(
        "d",
        ['He said they "disregard the security and lives of our citizens."'],
        ['He said they "disregard our security and lives."', 'Citizens".'],
        beads=[((0,), (0,)), ((), (1,))],
    )
    # Both target segments belong to one paragraph, as the segmenter makes them.
    from dataclasses import replace

    doc = replace(doc, target_segments=tuple(replace(s, paragraph=0) for s in doc.target_segments))
    findings = list(NounCapitalisationCheck().run(DocumentView(doc)))
    assert [(f.pair, f.target_span.text, f.source_span.text) for f in findings] == [(1, "Citizens", "citizens")]


def test_unaligned_heading_in_its_own_paragraph_is_not_compared():
    findings = run(
        NounCapitalisationCheck(),
        ["The lives of our citizens matter."],
        ["The lives of our citizens matter.", "Citizens first"],
        beads=[((0,), (0,)), ((), (1,))],
    )
    assert findings == []


def test_insertion_run_labels_bios_and_teasers():
    sources = [
        "Iraqi Prime Minister Sudani is under increasing pressure to confront the United States and speed up talks.",
        "Talks began in January.",
    ]
    targets = [
        "Iraqi Prime Minister Sudani is under increasing pressure to confront the United States.",
        "Iraqi Prime Minister Sudani is under increasing pressure to confront the United States and speed up talks.",
        "By then the talks had stalled.",
        "Talks began in January.",
        "To the authors",
        "Kareem Fahim",
        "He previously worked for the New York Times for 11 years.",
    ]
    beads = [((), (0,)), ((0,), (1,)), ((), (2,)), ((1,), (3,)), ((), (4,)), ((), (5, 6))]
    findings = run(InsertionCheck(), sources, targets, beads=beads)
    labels = [f.message.split(" with no source")[0].replace("inserted ", "") for f in findings]
    assert labels == ["teaser repeating article text", "content", "byline", "byline", "byline"]
