"""Omission, glued link text and noun capitalisation (insertions: test_check_insertion.py)."""

import pytest

from mtcheck.views import DocumentView
from mtcheck.checks.glued_link import GluedLinkCheck
from mtcheck.checks.noun_capitalisation import NounCapitalisationCheck
from mtcheck.checks.omission import OmissionCheck
from mtcheck.segment.documents import parallel_document
from mtcheck.types import Severity
from span_checks import check_pairs


def run(check, sources, targets, beads=None):
    return check_pairs(check, sources, targets, beads=beads)[1]


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


def test_noun_capitalisation_and_glued_link_findings_carry_their_words():
    (capital,) = run(
        NounCapitalisationCheck(),
        ["They are deeply woven into Iraqi society, politics and government."],
        ["They are deeply connected to Iraqi society, Politics and government intertwined."],
    )
    assert dict(capital.evidence) == {"word": "Politics", "source_word": "politics"}
    (link,) = run(GluedLinkCheck(), ["x"], ["NATO response to Putin's air strikes: Experts fear rapid reading"],
                  beads=[((), (0,))])
    # "NATO response to Putin's air strikes: Experts fear rapid": nine words before the link text.
    assert dict(link.evidence) == {"link_text": "reading", "headline_word_count": 9}
