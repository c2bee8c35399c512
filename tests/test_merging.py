"""One error, one finding: findings of several checks on one span are merged in the grade stage."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from mtcheck.config import Config
from mtcheck.segment.documents import parallel_document
from mtcheck.grade.grading import grade
from mtcheck.grade.merging import merged
from mtcheck.pipeline import score
from mtcheck.report.build import build_report
from mtcheck.report.json import report_to_dict
from mtcheck.types import Finding, Severity, Span

SOURCE = "Officials at the Pentagon said the city was calm."
TARGET = "Officials said the City was calm."


def finding(check, severity=Severity.MINOR, confidence=0.5, target=None, source=None, pair=0):
    return Finding(check, "Other", severity, pair, target, source, f"{check} says so", confidence,
                   evidence=(("rule", check),))


def target_span(word):
    start = TARGET.index(word)
    return Span.of(TARGET, start, start + len(word))


def source_span(words):
    start = SOURCE.index(words)
    return Span.of(SOURCE, start, start + len(words))


def test_findings_on_one_target_span_become_the_strongest_naming_the_others():
    city = target_span("City")
    found = merged([finding("spelling", confidence=0.9, target=city),
                    finding("noun-capitalisation", Severity.MAJOR, 0.4, target=city),
                    finding("surprisal", target=city)])
    (one,) = found
    assert (one.check, one.severity, one.also) == ("noun-capitalisation", Severity.MAJOR, ("spelling", "surprisal"))
    assert one.evidence == (("rule", "noun-capitalisation"),)


def test_omissions_merge_when_their_source_spans_overlap():
    pentagon, at_the_pentagon, calm = source_span("Pentagon"), source_span("at the Pentagon"), source_span("calm")
    found = merged([finding("named-entities", Severity.MAJOR, 0.7, source=pentagon),
                    finding("clause-omission", Severity.MAJOR, 0.8, source=at_the_pentagon),
                    finding("clause-omission", source=calm)])
    assert [(f.check, f.also, f.source_span.text) for f in found] == [
        ("clause-omission", ("named-entities",), "at the Pentagon"), ("clause-omission", (), "calm")]


def test_ties_go_to_the_first_check_by_name_whatever_the_order():
    city = target_span("City")
    one = [finding("spelling", target=city), finding("casing", target=city)]
    assert merged(one) == merged(one[::-1])
    assert merged(one)[0].check == "casing"


def test_different_spans_and_pairs_stay_apart():
    found = [finding("spelling", target=target_span("City")), finding("spelling", target=target_span("calm")),
             finding("numbers", source=source_span("Pentagon"), pair=0),
             finding("omission", source=source_span("Pentagon"), pair=1)]
    assert merged(found) == found


def test_the_penalty_and_the_report_count_one_error_once():
    doc = score(parallel_document("d", [SOURCE], [TARGET]))
    city = target_span("City")
    # pipeline.evaluate merges once, before the judge and grade, whether or not the judge runs.
    once = grade(doc, merged([finding("noun-capitalisation", Severity.MAJOR, target=city)]))
    twice = grade(doc, merged([finding("noun-capitalisation", Severity.MAJOR, target=city),
                               finding("spelling", Severity.MAJOR, target=city)]))
    assert twice.scores.mqm_penalty == once.scores.mqm_penalty
    assert twice.scores.quality == once.scores.quality
    (reported,) = report_to_dict(build_report([twice], Config(models=False)))["documents"][0]["findings"]
    assert reported["check"] == "noun-capitalisation"
    assert reported["checks"] == ["noun-capitalisation", "spelling"]
    json.dumps(reported)


def _merged_as_first_written(findings):
    """The merge as it was first written (a group for every finding), which merged() must equal."""
    from mtcheck.grade.merging import _one, _overlap

    groups, by_target, omissions = [], {}, {}
    for f in findings:
        if f.target_span is not None:
            key = (f.pair, f.target_span.start, f.target_span.end)
            if key not in by_target:
                by_target[key] = []
                groups.append(by_target[key])
            by_target[key].append(f)
        elif f.source_span is not None:
            group = next((g for g in omissions.get(f.pair, ()) if any(_overlap(f, o) for o in g)), None)
            if group is None:
                group = []
                omissions.setdefault(f.pair, []).append(group)
                groups.append(group)
            group.append(f)
        else:
            groups.append([f])
    return [_one(group) for group in groups]


@st.composite
def findings_on_few_spans(draw):
    """A finding on one of a few spans, so that spans are often shared and source spans often overlap."""
    def span(text):
        first = draw(st.integers(0, 5))
        return Span.of(text, first, first + draw(st.integers(1, 3)))

    kind = draw(st.sampled_from(["target", "source", "document"]))
    return finding(draw(st.sampled_from(["a", "b", "c"])), draw(st.sampled_from(list(Severity))),
                   draw(st.sampled_from([0.3, 0.5, 0.9])),
                   target=span(TARGET) if kind == "target" else None,
                   source=span(SOURCE) if kind == "source" or (kind == "target" and draw(st.booleans())) else None,
                   pair=None if kind == "document" else draw(st.integers(0, 2)))


@settings(max_examples=300, deadline=None)
@given(st.lists(findings_on_few_spans(), max_size=25))
def test_merging_is_the_one_formula_on_any_findings(findings):
    assert merged(findings) == _merged_as_first_written(findings)
