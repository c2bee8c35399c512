"""LengthRatioCheck: truncated and run-on translations against the document's usual length ratio."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mtcheck.views import DocumentView
from mtcheck.checks.length_ratio import LengthRatioCheck, LengthRatioParams, expected_ratio, visible_length
from mtcheck.segment.documents import parallel_document
from mtcheck.types import Severity
from span_checks import check_pairs

SOURCE = "Both cyanuric acid and melamine were found in urine samples from pets that died after consuming contaminated pet food."
PARAPHRASE = "Cyanuric acid and melamine were both found in urine samples of pets who died after eating contaminated pet food."


def findings(sources, targets, **kwargs):
    return check_pairs(LengthRatioCheck(), sources, targets, **kwargs)


# --- positives --------------------------------------------------------------

def test_emptied_target_is_a_major_omission():
    # DEMETR base_id33_empty.
    doc, found = findings([SOURCE], ["."])
    (f,) = found
    assert (f.category, f.severity) == ("Accuracy/Omission", Severity.MAJOR)
    assert f.target_span.text == "." and f.source_span.text == SOURCE
    assert f.message == (
        f"translation looks truncated: 1 target characters for {visible_length(SOURCE)} in the source: "
        f"ratio 0.01, expected 1.00 (same length as the source)"
    )


def test_sentence_cut_in_half_is_truncated():
    _, found = findings([SOURCE], ["Cyanuric acid and melamine were both found in urine."])
    assert [f.category for f in found] == ["Accuracy/Omission"]


def test_run_on_is_an_addition_graded_by_excess():
    source = "The strikes provoked a very different reaction in Iraq."
    twice = source + " Read The Washington Post for free, subscribe now."
    _, found = findings([source], [twice])
    (f,) = found
    assert (f.category, f.severity) == ("Accuracy/Addition", Severity.MINOR)
    assert f.message.startswith("translation runs on:")
    _, found = findings([source], [source + " " + twice + " " + twice])
    assert [f.severity for f in found] == [Severity.MAJOR]


def test_expected_ratio_comes_from_the_document():
    # Every pair 16% longer than its source: a pair at 0.73 is short for this
    # document (0.73 / 1.16 = 0.63), though not against a ratio of 1.0.
    sources = [f"Sentence number {i} of the source says something about Iraq." for i in range(10)]
    targets = [s.replace("says", "tells us quite") for s in sources]
    short = sources[0][: int(len(sources[0]) * 0.75)]
    doc, found = findings(sources + [sources[0]], targets + [short])
    assert [f.pair for f in found] == [10]
    assert "median of 11 pairs in this document" in found[0].message
    _, alone = findings([sources[0]], [short])
    assert alone == []


# --- negatives --------------------------------------------------------------

def test_paraphrase_passes():
    _, found = findings([SOURCE], [PARAPHRASE])
    assert found == []


def test_short_headings_pass():
    _, found = findings(["Comments", "Iraq"], [".", "Iraq: the latest news from Baghdad and Basra today"])
    assert found == []


def test_a_mostly_truncated_document_cannot_make_truncation_normal():
    sources = [SOURCE] * 10
    targets = ["Cyanuric acid and melamine were found."] * 10
    doc = parallel_document("d", sources, targets)
    ratio, _ = expected_ratio(list(DocumentView(doc).aligned), LengthRatioParams())
    assert ratio == 0.8
    _, found = findings(sources, targets)
    assert len(found) == 10


def test_whitespace_between_segments_does_not_count():
    assert visible_length(" a b\n c ") == 3
    _, found = findings([SOURCE, SOURCE], [PARAPHRASE, PARAPHRASE], beads=[((0, 1), (0, 1))])
    assert found == []


# --- properties -------------------------------------------------------------

SIDE = st.text(st.sampled_from("ab .\n"), max_size=120)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(SIDE, SIDE), min_size=1, max_size=10))
def test_spans_always_slice_the_document_text(pairs):
    findings([s for s, _ in pairs], [t for _, t in pairs])  # asserts exact spans


@settings(max_examples=100, deadline=None)
@given(st.lists(SIDE, min_size=1, max_size=10))
def test_a_document_compared_with_itself_has_no_findings(segments):
    _, found = findings(segments, segments)
    assert found == []
