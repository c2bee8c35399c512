"""Verdicts flowing back: --verdicts and the `verdicts` setting dismiss false alarms and mark confirmations,
the gate stops counting what editors dismissed, and `mtcheck verdicts stats` sums them up."""

import io
import json

from rich.console import Console

from mtcheck.cli import main
from mtcheck.cli.verdicts import stats_table
from mtcheck.config import Config, read_config
from mtcheck.gate.article import gate_articles
from mtcheck.pipeline import compare_texts
from mtcheck.report.build import build_report
from mtcheck.types import Finding, Severity, Text
from mtcheck.report.verdicts import Verdict, verdict_on, verdicts_json, with_verdicts

from test_verdicts import SOURCE, TARGET, prints, report_of


def finding(fingerprint: str, severity=Severity.CRITICAL) -> Finding:
    return Finding("numbers", "Accuracy/Mistranslation", severity, 0, None, None, "m", confidence=0.99,
                   fingerprint=fingerprint)


def verdict(fingerprint: str, kind: str, at: str) -> Verdict:
    return Verdict(fingerprint, "numbers", "12", kind, at)


def test_the_latest_verdict_on_a_finding_stands():
    findings = [finding("v1:a"), finding("v1:b"), finding("v1:c")]
    verdicts = [verdict("v1:a", "confirmed", "2026-12-01T10:00:00Z"), verdict("v1:a", "false-alarm", "2026-12-02T10:00:00Z"),
                verdict("v1:b", "false-alarm", "2026-12-02T10:00:00Z"), verdict("v1:b", "confirmed", "2026-12-01T09:00:00Z")]
    marked = with_verdicts(findings, verdicts)
    assert [f.verdict for f in marked] == ["false-alarm", "false-alarm", None]
    assert with_verdicts(findings, ()) == tuple(findings)


def test_the_gate_never_counts_a_dismissed_finding():
    from mtcheck.types import Document, Text as T

    def document(*findings):
        return Document("d", T("a"), T("a"), (), (), (), findings)

    config = Config(judge="off")
    assert not gate_articles([document(finding("v1:a"))], config).passed
    dismissed = with_verdicts([finding("v1:a")], [verdict("v1:a", "false-alarm", "2026-12-02T10:00:00Z")])
    assert gate_articles([document(*dismissed)], config).passed
    confirmed = with_verdicts([finding("v1:a")], [verdict("v1:a", "confirmed", "2026-12-02T10:00:00Z")])
    assert not gate_articles([document(*confirmed)], config).passed


def test_a_fingerprint_survives_re_segmentation():
    # The same sentences, wrapped into other lines and paragraphs: other segments, the same findings.
    target = TARGET.replace("on Monday", "on Tuesday")  # a second error, in the same sentence
    wrapped_source = SOURCE.replace("that the strike ", "that the strike\n").replace("\n\n", " ")
    wrapped_target = target.replace("that the strike ", "that the strike\n").replace("\n\n", " ")
    first = prints(report_of(SOURCE, target))
    again = prints(report_of(wrapped_source, wrapped_target))
    assert len(first) >= 2 and again == first


def run_json(tmp_path, *extra):
    source, target = tmp_path / "source.txt", tmp_path / "target.txt"
    source.write_text(SOURCE, encoding="utf-8")
    target.write_text(TARGET, encoding="utf-8")
    out = tmp_path / "report.json"
    code = main(["compare", str(source), str(target), "--no-models", "--max-major", "0", "--judge", "off",
                 "--format", "json", "--output", str(out), *extra])
    return code, json.loads(out.read_text(encoding="utf-8"))


def dismiss_everything(tmp_path, report, name="verdicts.json"):
    config = Config(models=False, judge="off")
    document = build_report([compare_texts(Text(SOURCE), Text(TARGET), config)], config).documents[0]
    path = tmp_path / name
    path.write_text(verdicts_json(verdict_on(f, document, "false-alarm", "2026-12-02T10:00:00Z")
                                  for f in document.findings), encoding="utf-8")
    return path


def test_compare_with_verdicts_dismisses_them_and_passes_the_gate(tmp_path):
    code, report = run_json(tmp_path)
    findings = report["documents"][0]["findings"]
    assert code == 1 and findings and all(f["verdict"] is None for f in findings)
    path = dismiss_everything(tmp_path, report)
    code, again = run_json(tmp_path, "--verdicts", str(path))
    assert code == 0
    assert [f["verdict"] for f in again["documents"][0]["findings"]] == ["false-alarm"] * len(findings)


def test_the_verdicts_setting_reads_paths_from_its_own_folder(tmp_path):
    _, report = run_json(tmp_path)
    folder = tmp_path / "desk"
    folder.mkdir()
    dismiss_everything(folder, report, "mine.json")
    settings = folder / "mtcheck.toml"
    settings.write_text('verdicts = ["mine.json"]\nmax-major = 0\n', encoding="utf-8")
    assert read_config([settings]).verdicts == (str(folder / "mine.json"),)
    code, again = run_json(tmp_path, "--config", str(settings))
    assert code == 0 and {f["verdict"] for f in again["documents"][0]["findings"]} == {"false-alarm"}


def test_a_bad_verdicts_file_stops_compare_before_any_work(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "something else"}', encoding="utf-8")
    code = main(["compare", str(bad), str(bad), "--no-models", "--verdicts", str(bad)])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "mtcheck.verdicts/1" in err


def test_verdicts_stats_table():
    verdicts = [verdict("v1:a", "confirmed", "t"), verdict("v1:b", "false-alarm", "t"),
                Verdict("v1:c", "tense", "went", "false-alarm", "t")]
    console = Console(file=io.StringIO(), width=80, no_color=True)
    console.print(stats_table(verdicts, 2))
    assert console.file.getvalue() == (
        "                     3 verdicts in 2 files                      \n"
        "┏━━━━━━━━━━━━┳━━━━━━━━━━┳━━━━━━━━━━━┳━━━━━━━━━━━━━━┳━━━━━━━━━━━┓\n"
        "┃ check      ┃ verdicts ┃ confirmed ┃ false alarms ┃ precision ┃\n"
        "┡━━━━━━━━━━━━╇━━━━━━━━━━╇━━━━━━━━━━━╇━━━━━━━━━━━━━━╇━━━━━━━━━━━┩\n"
        "│ numbers    │        2 │         1 │            1 │      0.50 │\n"
        "│ tense      │        1 │         0 │            1 │      0.00 │\n"
        "├────────────┼──────────┼───────────┼──────────────┼───────────┤\n"
        "│ all checks │        3 │         1 │            2 │      0.33 │\n"
        "└────────────┴──────────┴───────────┴──────────────┴───────────┘\n"
    )


def test_verdicts_stats_command(tmp_path, capsys):
    _, report = run_json(tmp_path)
    path = dismiss_everything(tmp_path, report)
    assert main(["verdicts", "stats", str(path)]) == 0
    out = capsys.readouterr().out
    assert "all checks" in out and "named-entities" in out


def test_verdicts_stats_shows_a_hostile_check_name_as_written():
    verdicts = [Verdict("v1:a", "[bold]x[/]\x1b[31m", "12", "confirmed", "t")]
    console = Console(file=io.StringIO(), width=80, no_color=True)
    console.print(stats_table(verdicts, 1))
    out = console.file.getvalue()
    assert "[bold]x[/]\\x1b[31m" in out and "\x1b" not in out
