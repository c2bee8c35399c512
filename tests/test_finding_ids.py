"""Finding ids are stable: they depend on the finding, not on the run or on the other findings."""

import re

import pytest
from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from mtcheck.report.finding_ids import with_stable_ids
from mtcheck.types import Finding, Severity, Span

TEXT = "The Politics of Iraq. The Politics of Iran."


def _finding(check="noun-capitalisation", start=4, end=12, pair=0, message="capital"):
    return Finding(check, "Fluency/Spelling", Severity.MINOR, pair, Span.of(TEXT, start, end), None, message)


def test_ids_are_the_same_in_every_run_and_shaped_f_and_ten_hex_digits():
    first = with_stable_ids("doc", [_finding(), _finding(start=26, end=34, pair=1)])
    again = with_stable_ids("doc", [_finding(), _finding(start=26, end=34, pair=1)])
    assert [f.id for f in first] == [f.id for f in again]
    assert all(re.fullmatch(r"F[0-9a-f]{10}", f.id) for f in first)
    assert first[0].id != first[1].id


def test_an_id_does_not_depend_on_the_other_findings_or_the_message():
    alone = with_stable_ids("doc", [_finding(start=26, end=34, pair=1)])[0].id
    among = with_stable_ids("doc", [_finding(), _finding(start=26, end=34, pair=1, message="reworded")])[1].id
    assert alone == among


def test_document_check_and_span_each_change_the_id():
    base = with_stable_ids("doc", [_finding()])[0].id
    assert with_stable_ids("other", [_finding()])[0].id != base
    assert with_stable_ids("doc", [_finding(check="spelling")])[0].id != base
    assert with_stable_ids("doc", [_finding(end=11)])[0].id != base


def test_the_same_finding_twice_is_numbered_in_order():
    ids = [f.id for f in with_stable_ids("doc", [_finding(), _finding(message="again"), _finding(message="third")])]
    assert ids[1] == ids[0] + "-2" and ids[2] == ids[0] + "-3"


@given(st.text(), st.lists(st.tuples(st.integers(0, 20), st.integers(0, 20)), max_size=8))
def test_ids_are_unique_within_a_document_whatever_the_spans(document_id, spans):
    findings = [_finding(start=min(a, b), end=max(a, b)) for a, b in spans]
    ids = [f.id for f in with_stable_ids(document_id, findings)]
    assert len(set(ids)) == len(ids)


def test_a_finished_documents_findings_have_the_ids_and_fingerprints_each_alone_gives():
    from mtcheck.config import Config
    from mtcheck.pipeline import compare_texts
    from mtcheck.report.build import identified
    from mtcheck.types import Text
    from mtcheck.report.verdicts import fingerprint

    document = compare_texts(Text("The minister resigned on Monday. Prices rose by 5 percent."),
                             Text("The minister quit on Monday. Prices collapsed by 5 percent in the Berlin."),
                             Config(models=False))
    assert document.findings
    ids = [f.id for f in with_stable_ids(document.id, document.findings)]
    done = identified(document)
    assert [f.id for f in done] == ids
    assert [f.fingerprint for f in done] == [fingerprint(f, document) for f in document.findings]
    assert [replace(f, id="", fingerprint="") for f in done] == list(document.findings)


def test_a_report_of_handed_over_documents_is_the_report_of_kept_ones():
    from mtcheck.config import Config
    from mtcheck.pipeline import compare_texts
    from mtcheck.handover import Handover
    from mtcheck.report.build import build_report
    from mtcheck.report.json import report_to_dict
    from mtcheck.types import Text

    config = Config(models=False)
    graded = [compare_texts(Text("The minister resigned on Monday."), Text("The minister quit on Monday in the Berlin."),
                            config, doc_id=name) for name in ("a", "b")]
    kept = build_report(graded, config)
    handed = list(graded)
    box = Handover(handed)
    given_up = build_report(box, config)
    assert handed == []  # emptied: the caller gave its documents up
    with pytest.raises(RuntimeError):
        box.take()  # a handover is taken once
    assert [d.id for d in given_up.documents] == ["a", "b"]
    assert report_to_dict(given_up) == report_to_dict(kept)
    assert all(f.id and f.fingerprint for d in given_up.documents for f in d.findings)
