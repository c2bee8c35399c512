"""PunctuationCheck: stray, doubled and displaced marks the source does not explain."""

from __future__ import annotations

from hypothesis import strategies as st

from mtcheck.checks.punctuation import PunctuationCheck
from mtcheck.types import Severity
from span_checks import check_pairs, joined, property_tests


def findings(sources, targets, **kwargs):
    return check_pairs(PunctuationCheck(), sources, targets, **kwargs)


def only(sources, targets):
    doc, found = findings(sources, targets)
    assert len(found) == 1, [f.message for f in found]
    return doc, found[0]


# --- positives, from the seed article --------------------------------------

def test_doubled_quote_marks():
    doc, f = only(
        ["according to U.S. Central Command for the “direct planning and participation in attacks” on U.S. troops."],
        ["according to U.S. Central Command for the \" “direct planning and participation in attacks” on US troops."],
    )
    assert f.target_span.text == "\" “"
    assert f.severity is Severity.MINOR
    assert f.category == "Fluency/Punctuation"
    assert "quote" in f.message
    assert f.source_span.text == doc.source.text


def test_displaced_quote():
    _, f = only(
        ['U.S. forces "endanger domestic peace, violate Iraqi sovereignty and disregard our security and the lives of our citizens."'],
        ['U.S. forces "endanger domestic peace, violate Iraqi sovereignty and disregard our security and lives." Citizens".'],
    )
    assert f.target_span.text == '" Citizens".'
    assert "displaced" in f.message


def test_full_stop_inside_noun_phrase_is_major_grammar():
    _, f = only(
        ["but are also deeply woven into Iraqi society, politics and government."],
        ["but are also deeply connected to Iraq. society, politics and government."],
    )
    assert f.target_span.text == "Iraq. society"
    assert f.severity is Severity.MAJOR
    assert f.category == "Fluency/Grammar"


def test_repeated_full_stop_separated_by_space():
    _, f = only(["Attacks on U.S. facilities increased in Iraq."], ["Attacks on U.S. facilities increased in Iraq. ."])
    assert f.target_span.text == ". ."
    assert "repeated punctuation" in f.message


def test_doubled_comma_and_double_full_stop():
    _, found = findings(["He said, and left."], ["He said,, and left.."])
    assert [f.target_span.text for f in found] == [",,", ".."]


def test_space_before_comma():
    _, f = only(["the attack, he said"], ["the attack , he said"])
    assert f.target_span.text == " ,"
    assert f.message == "space before ','"


def test_unbalanced_straight_quote_spans_the_stray_mark():
    doc, f = only(
        ['He said the "attack was a mistake", the official added.'],
        ['He said the attack was a mistake", the official added.'],
    )
    assert f.target_span.text == '"'
    assert doc.target.text[f.target_span.start - 7 : f.target_span.end] == 'mistake"'


def test_unbalanced_curly_quote():
    _, f = only(
        ["“It’s a legitimate target,” the official said."],
        ["It’s a legitimate target,” the official said."],
    )
    assert f.target_span.text == "”"


def test_findings_use_absolute_offsets_in_later_pairs():
    doc, found = findings(
        ["First sentence.", "The attack, he said."],
        ["First sentence.", "The attack , he said."],
    )
    (f,) = found
    assert f.pair == 1
    assert doc.target.text[f.target_span.start : f.target_span.end] == " ,"
    assert f.source_span.text == "The attack, he said."


def test_insertion_pair_has_no_source_span():
    _, found = findings(
        ["Iraq is living with the consequences."],
        ["Iraq is living with the consequences.", "Read this. now , for free"],
        beads=[((0,), (0,)), ((), (1,))],
    )
    assert {f.target_span.text for f in found} == {"this. now", " ,"}
    assert all(f.source_span is None for f in found)


def test_findings_carry_the_rule_and_the_marks_it_matched():
    _, doubled = only(["for the “direct planning” on troops."], ["for the \" “direct planning” on troops."])
    assert dict(doubled.evidence) == {"rule": "doubled quote marks", "matched": '" “'}
    _, displaced = only(['and "the lives of our citizens."'], ['and "lives." Citizens".'])
    assert dict(displaced.evidence) == {"rule": "displaced quote mark", "matched": '" Citizens".'}
    _, stop = only(["woven into Iraqi society, politics."], ["connected to Iraq. society, politics."])
    assert dict(stop.evidence) == {
        "rule": "full stop inside a sentence", "matched": "Iraq. society", "word": "Iraq", "next_word": "society",
    }
    _, repeated = only(["Attacks increased in Iraq."], ["Attacks increased in Iraq. ."])
    assert dict(repeated.evidence) == {"rule": "repeated punctuation", "matched": ". ."}
    _, space = only(["the attack, he said"], ["the attack , he said"])
    assert dict(space.evidence) == {"rule": "space before punctuation", "matched": " ,", "mark": ","}
    _, straight = only(['He said the "attack was a mistake".'], ['He said the attack was a mistake".'])
    assert dict(straight.evidence) == {"rule": "unmatched quote mark", "mark": '"', "straight_quotes": 1}
    _, curly = only(["“It’s a legitimate target,” he said."], ["It’s a legitimate target,” he said."])
    assert dict(curly.evidence) == {
        "rule": "unmatched quote mark", "mark": "”", "opening_quotes": 0, "closing_quotes": 1,
    }


# --- negatives --------------------------------------------------------------

CLEAN = [
    "Karbala - U.S. officials say recent airstrikes in Syria and Iraq have dealt a blow.",
    "“Our strikes are focused on Iran-backed proxy groups, not the PMF,” Air Force Maj. Gen. Pat Ryder told reporters.",
    "“We've been obsessed with a separation,” Sen. Chris Murphy (D-Conn.) said in an interview last week.",
    "As of: February 12, 2024, 12:35 p.m. the talks went on... and on . . . and on.",
    "He met Mr. and Mrs. Smith at approx. noon, i.e. late, e.g. after lunch, vs. the plan, etc., and left.",
    'She called it "good" "bad" and "ugly", but it rose .5 percent anyway?!',
    "The U.S. military said 3.5 percent of 1,200 troops, about 12:35 a.m. local time, left Jan. last year.",
    "It fell in the polls. iPhone sales, meanwhile, rose – sharply – in the U.S.",
]


def test_clean_text_against_a_different_source_has_no_findings():
    _, found = findings(["Unrelated source sentence."] * len(CLEAN), CLEAN)
    assert found == []


def test_source_with_the_same_artifact_explains_it():
    text = 'He said "yes". and for the " “plan” it was Iraq. society , they said. .'
    _, found = findings([text], [text.replace("He", "She")])
    assert found == []


def test_empty_target_is_skipped():
    _, found = findings(["The attack , he said."], [""])
    assert found == []


def test_self_comparison_of_seed_like_document_is_clean():
    seed = [
        "Retaliation for killed soldiers – US attacks anger key allies in Iraq",
        "As of: February 12, 2024, 12:35 p.m",
        "Karbala - U.S. officials say recent airstrikes in Syria and Iraq have dealt a devastating blow to a dangerous adversary: Iran.",
        "Many see it as the latest U.S. attack on Iraq's independence, a threat to fragile stability and a willful disregard for a complex reality: Many of the country's mainly Shiite militias are backed by rival Iran, but are also deeply connected to Iraqi society, Politics and government intertwined.",
        '…a spokesman for the Iraqi prime minister railed that U.S. forces "endanger domestic peace, violate Iraqi sovereignty and disregard our security and lives." Citizens".',
        "“The United States, he said, wants to weaken the Iraqi militias” that were formed nearly a decade ago.",
        "he led the militia's Syria operations and was, according to U.S. Central Command for the \" “direct planning and participation in attacks” on US troops.",
        "“We've been obsessed with a separation,” Sen. Chris Murphy (D-Conn.) said in an interview last week.",
        "connected to Iraq. society and the state. .",
        "  • 1 hour ago",
        "'It's a legitimate target': US official justifies retaliatory strikes in Iran",
        "Rep. Mounes called the dynamic a \"deterrence equation,\" but said Iraqi \"resistance groups\" felt their demands had not been met.",
    ]
    _, found = findings(seed, seed)
    assert found == []


# --- properties -------------------------------------------------------------

PIECES = st.sampled_from(
    ["the", "Iraq", "society", "U.S.", "Maj.", "etc.", "p.m", "said", "a", "12:35", "2020", "1,200",
     '"', "“", "”", ".", ",", ";", ":", "?", "!", "..", "...", "…", "-", "–", "(", ")", "'", "’"]
)
SEPARATORS = st.sampled_from(["", " ", "  ", "\t"])
SEGMENT = joined(PIECES, SEPARATORS, max_size=14)


test_spans_always_slice_the_document_text, test_a_document_compared_with_itself_has_no_findings = property_tests(
    findings, SEGMENT
)
