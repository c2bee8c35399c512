"""Foreign and mixed quote styles."""

from mtcheck.checks.quote_style import QuoteStyleCheck
from span_checks import check_pairs

SOURCE = '"We have been obsessed with this for a decade," Murphy said.'


def run(sources, targets):
    return check_pairs(QuoteStyleCheck(), sources, targets)[1]


def test_german_and_french_marks_are_flagged():
    found = run([SOURCE], ["„We have been obsessed with this for a decade“, Murphy said."])
    assert [f.target_span.text for f in found] == ["„"]
    assert "German" in found[0].message
    assert [f.target_span.text for f in run([SOURCE], ["«We have been obsessed,» Murphy said."])] == ["«", "»"]


def test_mixed_straight_and_curly_quotes_flag_the_style_the_source_does_not_use():
    found = run([SOURCE], ['"We have been obsessed with this for a decade,” Murphy said.'])
    assert [f.target_span.text for f in found] == ["”"]
    curly_source = "“We have been obsessed,” Murphy said."
    assert [f.target_span.text for f in run([curly_source], ['“We have been obsessed," Murphy said.'])] == ['"']


def test_one_style_or_the_sources_own_marks_pass():
    assert run([SOURCE], ['"We have been obsessed with it," Murphy said.']) == []
    assert run(["„Ja“, sagte er."], ["„Yes“, he said."]) == []
    assert run(['He said "yes" and “no”.'], ['He said "yes" and “no”.']) == []


def test_findings_carry_the_rule_the_mark_and_the_counts():
    (foreign,) = run([SOURCE], ["„We have been obsessed with this for a decade“, Murphy said."])
    assert dict(foreign.evidence) == {"rule": "foreign quote mark", "mark": "„", "style": "German"}
    (mixed,) = run([SOURCE], ['"We have been obsessed with this for a decade,” Murphy said.'])
    # One straight, one curly: the source writes straight quotes, so the curly one strays.
    assert dict(mixed.evidence) == {
        "rule": "mixed quote styles", "straight_quotes": 1, "curly_quotes": 1, "source_style": "straight", "mark": "”",
    }
