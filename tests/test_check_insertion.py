"""Inserted target segments: page furniture (category Other) apart from real additions (Accuracy/Addition)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtcheck.views import DocumentView
from mtcheck.checks.insertion import InsertionCheck
from mtcheck.analyses import analyse
from mtcheck.analyses.insertions import classify, label_insertions
from mtcheck.checks.page_furniture import PageFurnitureCheck
from mtcheck.config import Config
from mtcheck.segment.documents import parallel_document
from mtcheck.read.text import read_text
from mtcheck.checks import detect
from mtcheck.pipeline import built_checks, compare_texts
from mtcheck.types import SegmentKind, Severity
from span_checks import assert_spans_exact, check_pairs

S, H, B = SegmentKind.SENTENCE, SegmentKind.HEADING, SegmentKind.BULLET
SEED = Path(__file__).resolve().parents[1] / "corpora" / "seed"


def both_checks(sources, targets, beads):
    """Findings of both checks on one document (spans asserted exact), and the document."""
    doc, furniture = check_pairs(PageFurnitureCheck(), sources, targets, beads=beads)
    _, additions = check_pairs(InsertionCheck(), sources, targets, beads=beads)
    return doc, furniture, additions


# --- labels -----------------------------------------------------------------

@pytest.mark.parametrize(
    "text, kind, label",
    [
        # ad or promotion
        ("Read The Washington Post for free for four weeks", H, "ad"),
        ("Your quality ticket from washingtonpost.com: Get exclusive research and 200+ stories free.", S, "ad"),
        ("Subscribe to our newsletter", H, "ad"),
        ("Advertisement", H, "ad"),
        ("Try Digital for $1 a week. Cancel anytime.", S, "ad"),
        # navigation or UI string: the whole segment, or nearly
        *[(word, H, "navigation") for word in (
            "Comments", "Press", "Split", "Print", "Share", "Tweet", "Email", "Save", "Follow", "Subscribe",
            "Show more", "Load more", "Close", "Menu", "12 comments", "Comments (12)", "Share | Print | Email",
            "Share this article", "Print article", "Follow us on Twitter",
        )],
        ("1 hour ago", B, "navigation"),
        ("2024-02-12T11:44:42.123Z", H, "navigation"),
        ("As of: February 12, 2024, 12:35 p.m", H, "navigation"),
        ("All news articles on 2024-02-12", H, "navigation"),
        # teaser or sidebar headline
        ("My news", H, "teaser"),
        ("You may like", H, "teaser"),
        ("Trends 24h", H, "teaser"),
        ("Latest", H, "teaser"),
        ("Highlights: Retaliation for killed soldiers – US attacks anger key allies in Iraq.", S, "teaser"),
        ("Read also: Iraq's prime minister under pressure", H, "teaser"),
        ("Emergency situation for Putin's troops: Swedish tank mixes up the front", B, "teaser"),
        # photo caption or credit
        ("© Iranian Presidency/Imago", H, "caption"),
        ("Photo: Reuters", H, "caption"),
        ("Mourners in Karbala on Wednesday (Photo: AFP)", H, "caption"),
        ("Ayman Henna/AFP via Getty Images", H, "caption"),
        # byline or author bio
        ("To the authors", H, "byline"),
        ("By Kareem Fahim and Mustafa Salim", H, "byline"),
        ("is Istanbul bureau chief and Middle East correspondent at The Washington Post.", S, "byline"),
        ("Missy Ryan is a national security reporter at The Washington Post.", S, "byline"),
        ("She has worked for the Post since 2014 and has written about the Pentagon.", S, "byline"),
        # footer or legal notice
        ("© 2024 The Washington Post", H, "footer"),
        ("© Communities 2019 - Privacy", H, "footer"),
        ("Copyright 2024 Reuters. All rights reserved.", S, "footer"),
        ("All rights reserved.", S, "footer"),
        ("Terms of use", H, "footer"),
        ("Privacy policy", H, "footer"),
        ("Imprint | Privacy | Contact", H, "footer"),
        ("Legal notice", H, "footer"),
        ("Contact us", H, "footer"),
        ("Cookie settings", H, "footer"),
        ("We use cookies to improve your experience on our website.", S, "footer"),
        ("This article was automatically translated from English into German.", S, "footer"),
        ("We are currently testing machine translations.", S, "footer"),
        ("This article was first published in English on February 11, 2024.", S, "footer"),
        ("Source: merkur", H, "footer"),
        ("The inclusion of any links does not necessarily imply a recommendation.", S, "footer"),
        # section heading
        ("Iraq is living with the consequences of the Trump administration", H, "heading"),
        ("Turmoil after deadly US attack: militia leader or government employee?", S, "heading"),
        ("Latest attacks on U.S. troops in Iraq", H, "heading"),
        # content: sentences that merely mention those words
        ("The militias fired rockets at the base.", S, "content"),
        ("The court ruled on privacy law.", S, "content"),
        ("The ministry uses machine translation for visa forms.", S, "content"),
        ("Critics said the terms of use were unfair to farmers.", S, "content"),
        ("The bakery sold cookies to the soldiers.", S, "content"),
        ("All rights groups condemned the strike.", S, "content"),
        ("The Post first published the letter in 2019.", S, "content"),
        ("The source said the talks had stalled.", S, "content"),
        ("He refused to contact the ministry.", S, "content"),
        ("The minister declined to comment on the press reports.", S, "content"),
        ("Iraq and the United States split over the strikes.", S, "content"),
        ("Show more respect to the militias, he demanded.", S, "content"),
        ("The post drew 12 comments within an hour.", S, "content"),
        ("The latest strikes angered Iraq.", S, "content"),
        ("My news outlet was shut down, he said.", S, "content"),
        ("The photo showed the damaged base.", S, "content"),
        ("The bill was sponsored by Sen. Chris Murphy.", S, "content"),
        ("Fans bought a ticket to the final.", S, "content"),
        ("By Monday the talks had stalled.", S, "content"),
        ("The BBC reported on Tuesday that the talks failed.", S, "content"),
        ("He has worked for the ministry since 2014.", S, "content"),
        ("Renad Mansour is a senior researcher at Chatham House.", S, "content"),
        ("Is Iraq a partner or an enemy?", S, "content"),
    ],
)
def test_labels(text, kind, label):
    assert classify(text, kind) == label


def test_line_above_a_credit_is_a_caption_but_not_above_a_copyright_footer():
    line = "Iraqi Prime Minister al-Sudani is under pressure."
    assert classify(line, S, "© Iranian Presidency/Imago") == "caption"
    assert classify(line, S, "© 2024 The Washington Post") == "content"


UI_WORDS = ["Comments", "Press", "Print", "Share", "Split", "Tweet", "Email", "Save", "Follow", "Subscribe",
            "Show more", "Load more", "Close", "Menu", "12 comments", "Privacy", "Terms of use", "Imprint"]
ARTICLE_WORDS = st.sampled_from(["the", "militias", "said", "Iraq", "strikes", "government", "on", "in", "he"])


@settings(max_examples=200, deadline=None)
@given(st.lists(ARTICLE_WORDS, min_size=2, max_size=6), st.sampled_from(UI_WORDS), st.lists(ARTICLE_WORDS, max_size=6))
def test_ui_and_footer_words_inside_a_sentence_are_not_furniture(before, word, after):
    sentence = " ".join([*before, word.lower(), *after]) + "."
    assert classify(sentence, S) == "content"


# --- the split --------------------------------------------------------------

def test_furniture_goes_to_page_furniture_and_additions_to_insertion():
    sources = ["The strikes angered Iraq."]
    targets = ["Comments", "The strikes angered Iraq.", "Gunmen also stormed a bank.", "© 2024 The Washington Post"]
    beads = [((), (0,)), ((0,), (1,)), ((), (2,)), ((), (3,))]
    _, furniture, additions = both_checks(sources, targets, beads)
    assert [(f.target_span.text, f.category, f.severity) for f in furniture] == [
        ("Comments", "Other", Severity.MINOR),
        ("© 2024 The Washington Post", "Other", Severity.MINOR),
    ]
    assert "navigation or UI string" in furniture[0].message
    assert "footer or legal notice" in furniture[1].message
    assert [(f.target_span.text, f.category, f.severity) for f in additions] == [
        ("Gunmen also stormed a bank.", "Accuracy/Addition", Severity.MAJOR),
    ]
    assert all(f.source_span is None for f in furniture + additions)


def test_findings_carry_the_label_and_whether_the_segment_repeats_the_article():
    sources = ["The strikes angered Iraq and its government."]
    targets = ["Comments", "The strikes angered Iraq and its government.", "The strikes angered Iraq.",
               "Gunmen also stormed a bank."]
    beads = [((), (0,)), ((0,), (1,)), ((), (2,)), ((), (3,))]
    _, furniture, additions = both_checks(sources, targets, beads)
    assert [dict(f.evidence) for f in furniture] == [
        {"label": "navigation", "repeats_article": False},
        {"label": "teaser", "repeats_article": True},  # all its words stand in the aligned sentence
    ]
    assert [dict(f.evidence) for f in additions] == [{"label": "content", "repeats_article": False}]


def test_an_inserted_heading_is_a_minor_addition():
    doc = parallel_document(
        "d",
        ["The strikes angered Iraq."],
        ["US military kills militia leader in drone strike in Baghdad", "The strikes angered Iraq."],
        beads=[((), (0,)), ((0,), (1,))],
    )
    heading = replace(doc.target_segments[0], kind=H)  # as the segmenter marks a one-line paragraph
    doc = replace(doc, target_segments=(heading, *doc.target_segments[1:]))
    view = analyse(doc, {"insertions"})
    assert list(PageFurnitureCheck().run(view)) == []
    (finding,) = InsertionCheck().run(view)
    assert_spans_exact([finding], doc)
    assert finding.severity is Severity.MINOR and "section heading" in finding.message


def test_nothing_inserted_nothing_found():
    _, furniture, additions = both_checks(["A b c."], ["A b c."], [((0,), (0,))])
    assert furniture == additions == []


def test_bios_carry_their_label_and_teasers_repeat_article_text():
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
        "Terms of use",
        "Gunmen also stormed a bank.",
    ]
    beads = [((), (0,)), ((0,), (1,)), ((), (2,)), ((1,), (3,)), ((), (4,)), ((), (5, 6)), ((), (7,)), ((), (8,))]
    doc = parallel_document("d", sources, targets, beads=beads)
    inserted = list(label_insertions(DocumentView(doc)))
    assert [(i.label.name, i.repeats_article) for i in inserted] == [
        ("teaser", True), ("content", False), ("byline", False), ("byline", False), ("byline", False),
        ("footer", False), ("content", False),  # the footer ends the bio
    ]


# --- one finding per inserted segment, and --skip-checks ---------------------

SEGMENTS = st.sampled_from([
    "Comments", "Press", "My news", "© Iranian Presidency/Imago", "To the authors", "Kareem Fahim",
    "Privacy policy", "The court ruled on privacy law.", "Gunmen also stormed a bank.", "Iraq is living",
    "Turmoil in Iraq: militia leader or employee?", "  ", "",
])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.booleans(), SEGMENTS), min_size=1, max_size=8))
def test_every_inserted_segment_gets_exactly_one_finding_from_one_check(layout):
    sources, targets, beads = [], [], []
    for inserted, text in layout:
        if not inserted:
            sources.append(text)
        beads.append(((len(sources) - 1,) if not inserted else (), (len(targets),)))
        targets.append(text)
    doc, furniture, additions = both_checks(sources, targets, beads)
    expected = [doc.target_segments[j] for (src, (j,)) in beads if not src and targets[j].strip()]
    found = sorted((f.target_span.start, f.target_span.end) for f in furniture + additions)
    assert found == [(s.start, s.end) for s in expected]


def test_skipping_page_furniture_does_not_turn_it_into_insertions():
    doc = parallel_document(
        "d",
        ["The strikes angered Iraq."],
        ["Comments", "The strikes angered Iraq.", "Gunmen also stormed a bank."],
        beads=[((), (0,)), ((0,), (1,)), ((), (2,))],
    )
    both = Config(models=False, checks=("insertion", "page-furniture"))
    skipped = Config(models=False, checks=("insertion", "page-furniture"), skip_checks=("page-furniture",))
    assert [(f.check, f.target_span.text) for f in detect(analyse(doc, {"insertions"}), built_checks(both))] == [
        ("page-furniture", "Comments"), ("insertion", "Gunmen also stormed a bank."),
    ]
    assert [(f.check, f.target_span.text) for f in detect(analyse(doc, {"insertions"}), built_checks(skipped))] == [
        ("insertion", "Gunmen also stormed a bank."),
    ]


def test_seed_portal_text_is_furniture_and_inserted_headings_are_additions():
    config = Config(models=False, checks=("insertion", "page-furniture"))
    seed = compare_texts(read_text(SEED / "source.en.txt"), read_text(SEED / "target.txt"), config)
    assert_spans_exact(seed.findings, seed)
    by_text = {f.target_span.text: f for f in seed.findings}
    for button in ("Comments", "Press", "Split"):
        assert by_text[button].check == "page-furniture" and "navigation or UI string" in by_text[button].message
    assert "footer or legal notice" in by_text["© Communities 2019 - Privacy"].message
    assert by_text["US military kills militia leader in drone strike in Baghdad"].check == "insertion"
    inserted = [seed.target_segments[j] for p in seed.pairs if not p.source for j in p.target]
    spans = sorted((f.target_span.start, f.target_span.end) for f in seed.findings)
    assert spans == [(s.start, s.end) for s in inserted]



aligned_words = st.lists(st.sampled_from("the of a militia iraq strike said leader news read".split()), max_size=8)


@settings(max_examples=150, deadline=None)
@given(st.lists(aligned_words, max_size=12), aligned_words, st.sampled_from([0.5, 0.8, 1.0]))
def test_word_index_answers_as_a_scan_of_every_aligned_segment_would(segments, query, share):
    # The index replaced a scan of every aligned segment's word set, which was
    # quadratic and held every word of the article; it must answer the same.
    from mtcheck.analyses.insertions import _AlignedWords
    from mtcheck.types import Segment

    texts, spans = [], []
    for words in segments:
        start = sum(len(t) + 1 for t in texts)
        texts.append(" ".join(words))
        spans.append(Segment(len(spans), start, start + len(texts[-1])))
    index = _AlignedWords("\n".join(texts), spans)
    words = set(query)
    scan = any(len(words & set(text.split())) >= share * len(words) for text in texts)
    assert not words or index.contains_most(words, share) == scan
