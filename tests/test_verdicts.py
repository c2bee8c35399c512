"""Verdicts: fingerprints that survive re-runs and edits, the file format, and `mtcheck calibrate`."""

import json

import pytest

from mtcheck.cli import main
from mtcheck.config import Config
from mtcheck.errors import InputError
from mtcheck.pipeline import compare_texts
from mtcheck.report.build import build_report
from mtcheck.types import Text
from mtcheck.report.verdicts import FORMAT, read_verdicts, verdict_on, verdicts_json

SOURCE = ("The Pentagon said on Monday that the strike killed a militia leader in Baghdad.\n\n"
          "Officials in Washington declined to comment on the report.\n\n"
          "The militia vowed to respond to the attack within days.")
TARGET = ("The ministry said on Monday that the strike killed a militia leader in Baghdad.\n\n"
          "Officials in Washington declined to comment on the report.\n\n"
          "The militia vowed to respond to the attack within days.")


def report_of(source, target, config=Config(models=False)):
    document = compare_texts(Text(source), Text(target), config)
    return build_report([document], config).documents[0]


def prints(document):
    return {(f.check, f.target_span.text if f.target_span else f.source_span.text): f.fingerprint
            for f in document.findings}


def test_fingerprints_survive_a_rerun_an_edit_elsewhere_and_a_paragraph_added_before():
    first = prints(report_of(SOURCE, TARGET))
    assert first and all(value.startswith("v1:") for value in first.values())
    assert prints(report_of(SOURCE, TARGET)) == first
    edited = TARGET.replace("within days", "within a few days")
    again = prints(report_of(SOURCE, edited))
    moved = prints(report_of("Breaking news.\n\n" + SOURCE, "Breaking news.\n\n" + TARGET))
    for key, value in first.items():
        if "within" not in key[1]:
            assert again.get(key) == value
        assert moved.get(key) == value


def test_the_same_words_elsewhere_or_by_another_check_have_another_fingerprint():
    document = report_of(SOURCE, TARGET)
    values = [f.fingerprint for f in document.findings]
    assert len(values) == len(set(values))


def test_verdicts_round_trip_through_their_file(tmp_path):
    document = report_of(SOURCE, TARGET)
    verdicts = [verdict_on(f, document, "false-alarm", "2026-12-02T07:00:00Z", note="fine here")
                for f in document.findings]
    path = tmp_path / "verdicts.json"
    path.write_text(verdicts_json(verdicts), encoding="utf-8")
    assert json.loads(path.read_text())["format"] == FORMAT
    assert read_verdicts([path]) == verdicts


@pytest.mark.parametrize("content, message", [
    ("[]", "not in the mtcheck.verdicts/1 format"),
    ('{"format": "mtcheck.verdicts/1", "verdicts": [{"fingerprint": "v1:x"}]}', "verdict 1: 'verdict'"),
    ('{"format": "mtcheck.verdicts/1", "verdicts": [{"fingerprint": "v1:x", "check": "c", "span": "s", '
     '"verdict": "maybe", "at": "t"}]}', "verdict must be one of confirmed, false-alarm"),
    ("{", "is not JSON"),
])
def test_a_bad_verdicts_file_is_one_input_error(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_verdicts([path])


def test_calibrate_writes_a_judge_that_moves_dismissed_checks_down(tmp_path, capsys):
    source, target = tmp_path / "s.txt", tmp_path / "t.txt"
    source.write_text(SOURCE, encoding="utf-8")
    target.write_text(TARGET, encoding="utf-8")
    document = report_of(SOURCE, TARGET, Config(models=False, min_confidence=0.0))
    names = [f for f in document.findings if f.check == "named-entities"]
    assert names
    verdicts = [verdict_on(f, document, "false-alarm", "2026-12-02T07:00:00Z") for f in names] * 20
    verdict_file = tmp_path / "verdicts.json"
    verdict_file.write_text(verdicts_json(verdicts), encoding="utf-8")
    judge = tmp_path / "newsroom.json"
    assert main(["calibrate", str(verdict_file), "--output", str(judge)]) == 0
    assert "named-entities" in capsys.readouterr().out
    out = tmp_path / "report.json"
    args = ["compare", str(source), str(target), "--no-models", "--min-confidence", "0", "--format", "json", "-o"]
    assert main([*args, str(out), "--judge", str(judge)]) in (0, 1)
    after = json.loads(out.read_text())
    assert "|judge:newsroom@" in after["signature"]
    before = {f.fingerprint: f.confidence for f in names}
    moved = {f["fingerprint"]: f["confidence"] for f in after["documents"][0]["findings"] if f["fingerprint"] in before}
    assert moved and all(moved[key] < before[key] for key in moved)
    assert main(["calibrate", str(tmp_path / "missing.json"), "--output", str(judge)]) == 2
