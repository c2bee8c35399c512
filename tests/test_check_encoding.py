"""EncodingCheck: U+FFFD in the translation, where bytes could not be decoded."""

from __future__ import annotations

from hypothesis import strategies as st

from mtcheck.checks import all_checks
from mtcheck.checks.encoding import EncodingCheck
from mtcheck.read.text import decode
from mtcheck.types import Severity
from span_checks import check_pairs, joined, property_tests

SOURCE = "The Americans “blame Iran, and they talk about Iran,” said Farhad Alaaldin."
TARGET = "The Americans “blame Iran, and they talk about Iran,” said Farhad Alaaldin."


def findings(sources, targets, **kwargs):
    return check_pairs(EncodingCheck(), sources, targets, **kwargs)


def lose_last_byte_of_first_quote(text: str) -> str:
    """The docstring's example, made the way it happens: bytes cut, then decoded."""
    data = text.encode("utf-8")
    cut = data.index("“".encode("utf-8")) + 2
    return decode(data[:cut] + data[cut + 1 :])


# --- positives --------------------------------------------------------------


def test_a_cut_quote_is_one_minor_spelling_finding_on_the_replacement_character():
    target = lose_last_byte_of_first_quote(TARGET)
    assert target.startswith("The Americans \ufffdblame Iran")
    doc, found = findings([SOURCE], [target])
    (finding,) = found
    assert finding.check == "encoding"
    assert finding.category == "Fluency/Spelling"
    assert finding.severity is Severity.MINOR
    assert (finding.target_span.start, finding.target_span.end) == (14, 15)
    assert finding.target_span.text == "\ufffd"
    assert finding.source_span.text == SOURCE
    assert finding.message == "a character lost to a decoding error (U+FFFD)"


def test_a_run_is_one_finding_and_separate_runs_are_separate():
    _, found = findings(["Café “Zum Löwen” is open."], ["Caf\ufffd \ufffd\ufffd\ufffdZum L\ufffdwen” is open."])
    assert [(f.target_span.start, f.target_span.text) for f in found] == [
        (3, "\ufffd"),
        (5, "\ufffd\ufffd\ufffd"),
        (13, "\ufffd"),
    ]
    assert found[1].message == "3 characters lost to a decoding error (U+FFFD)"


def test_offsets_are_absolute_in_later_pairs_and_insertions_have_no_source_span():
    doc, found = findings(
        ["Intro.", "Iraq is living with the consequences."],
        ["Intro.", "Iraq is living with the consequences.", "Read \ufffd more"],
        beads=[((0,), (0,)), ((1,), (1,)), ((), (2,))],
    )
    (finding,) = found
    assert finding.pair == 2
    assert doc.target.text[finding.target_span.start : finding.target_span.end] == "\ufffd"
    assert finding.source_span is None


def test_the_check_is_registered():
    assert all_checks()["encoding"] is EncodingCheck


# --- negatives --------------------------------------------------------------


def test_clean_text_and_look_alikes_pass():
    targets = ["Café “Zum Löwen” is open.", "A question mark? A box □ and a diamond ◆.", "â€œmojibakeâ€ is no U+FFFD"]
    _, found = findings(["x"] * len(targets), targets)
    assert found == []


def test_a_replacement_character_the_source_already_has_is_not_the_translations_fault():
    _, found = findings(["The caf\ufffd opened."], ["The caf\ufffd opened \ufffd today."])
    assert found == []


def test_source_side_replacement_characters_are_never_flagged():
    _, found = findings(["The caf\ufffd opened."], ["The café opened."])
    assert found == []


SEGMENT = joined(st.sampled_from(["The", "café", "\ufffd", "“", "”", "Iran", ".", "é"]), max_size=8)
test_spans_always_slice_the_document_text, test_a_document_compared_with_itself_has_no_findings = property_tests(
    findings, SEGMENT, raw_text=True
)
