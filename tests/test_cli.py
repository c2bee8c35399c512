"""The command line: exit codes, one-line errors, outputs, the gate."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from mtcheck.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
SOURCE = FIXTURES / "article.source.txt"
TARGET = FIXTURES / "article.target.txt"


def run_cli(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_error(code, err, fragment):
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("mtcheck: error: ")
    assert fragment in err
    assert "Traceback" not in err


@pytest.fixture
def binary_file(tmp_path):
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    return path


def test_missing_file(capsys, tmp_path):
    code, _, err = run_cli(capsys, "compare", SOURCE, tmp_path / "nope.txt")
    assert_one_line_error(code, err, "nope.txt")


def test_empty_file(capsys, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    code, _, err = run_cli(capsys, "compare", SOURCE, empty)
    assert_one_line_error(code, err, "empty")


def test_binary_file(capsys, binary_file):
    code, _, err = run_cli(capsys, "compare", binary_file, TARGET)
    assert_one_line_error(code, err, "binary")


def test_directory(capsys, tmp_path):
    code, _, err = run_cli(capsys, "compare", tmp_path, TARGET)
    assert_one_line_error(code, err, "directory")


def test_file_over_50_mb(capsys, tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(51 * 1024 * 1024)
    code, _, err = run_cli(capsys, "compare", SOURCE, big)
    assert_one_line_error(code, err, "50 MB")


def test_malformed_jsonl_names_the_line(capsys, tmp_path):
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text('{"id": 1, "source": "a", "target": "a"}\n{"id": 2, "source": "b", "target"\n')
    code, _, err = run_cli(capsys, "compare", "--pairs", pairs)
    assert_one_line_error(code, err, "line 2")


def test_pairs_file_without_pairs(capsys, tmp_path):
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text("\n\n  \n")
    code, _, err = run_cli(capsys, "compare", "--pairs", pairs)
    assert code == 2 and "Traceback" not in err


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["compare", str(SOURCE)], "needs SOURCE and TARGET"),
        (["compare", "--format", "xml", str(SOURCE), str(TARGET)], "invalid choice"),
        (["compare", "--max-major", "-3", str(SOURCE), str(TARGET)], "whole number"),
        (["compare", "--min-quality", "abc", str(SOURCE), str(TARGET)], "number from 0 to 100"),
        (["compare", "--checks", "no-such-check", str(SOURCE), str(TARGET)], "unknown check 'no-such-check'"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_bad_usage(capsys, args, fragment):
    code, _, err = run_cli(capsys, *args)
    assert_one_line_error(code, err, fragment)


def test_self_comparison_is_clean(capsys):
    code, out, _ = run_cli(capsys, "compare", "--format", "json", TARGET, TARGET)
    report = json.loads(out)
    document = report["documents"][0]
    assert code == 0
    assert document["findings"] == []
    assert document["scores"]["quality"] == 100.0
    assert all(pair["scores"]["quality"] == 100.0 for pair in document["pairs"])


def test_gate_flags_set_the_exit_code(capsys):
    assert run_cli(capsys, "compare", SOURCE, TARGET, "--max-major", "100")[0] == 0
    code, out, _ = run_cli(capsys, "compare", "--format", "json", SOURCE, TARGET, "--max-major", "0")
    assert code == 1
    gate = json.loads(out)["gate"]
    assert gate["passed"] is False
    assert gate["verdict"] == "fail"
    assert any(re.fullmatch(r"\d+ major findings? \(max 0\)", reason) for reason in gate["reasons"])


def test_config_file_and_flag_precedence(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mtcheck.toml").write_text("max_major = 0\n")
    assert run_cli(capsys, "compare", SOURCE, TARGET)[0] == 1
    assert run_cli(capsys, "compare", SOURCE, TARGET, "--max-major", "1000")[0] == 0


def test_output_and_save(capsys, tmp_path):
    out_file = tmp_path / "report.json"
    code, out, err = run_cli(
        capsys, "compare", "--format", "json", "--output", out_file, "--save", tmp_path / "reports", SOURCE, TARGET
    )
    assert out == ""
    report = json.loads(out_file.read_text())
    saved = list((tmp_path / "reports").glob("article.target-*.json"))
    assert len(saved) == 1 and json.loads(saved[0].read_text()) == report
    assert "saved" in err


def test_rich_report_to_file(capsys, tmp_path):
    out_file = tmp_path / "report.txt"
    run_cli(capsys, "compare", "--output", out_file, SOURCE, TARGET)
    text = out_file.read_text()
    assert "quality" in text and "Politics" in text and "\x1b[" not in text


def test_checks_lists_the_registry(capsys):
    code, out, _ = run_cli(capsys, "checks")
    assert code == 0
    for name in ("insertion", "omission", "glued-link", "noun-capitalisation", "punctuation", "numbers", "doubled-words"):
        assert name in out


def test_help_imports_no_heavy_modules():
    # --help must answer at once: the CLI module may not import numpy,
    # sacrebleu, rich or torch at the top.
    code = (
        "import sys, contextlib, io\n"
        "from mtcheck.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try: main(['--help'])\n"
        "    except SystemExit: pass\n"
        "heavy = [m for m in ('numpy', 'sacrebleu', 'rich', 'torch', 'transformers') if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_pairs_jsonl_and_tsv(capsys, tmp_path):
    jsonl = tmp_path / "pairs.jsonl"
    jsonl.write_text(
        '{"id": "a1", "doc": "A", "source": "Three soldiers died.", "target": "Three soldiers died."}\n'
        '{"id": "b1", "doc": "B", "source": "He said 17 men died.", "target": "He said 71 men died."}\n'
        '{"id": "a2", "doc": "A", "source": "It was calm.", "target": "It was was calm."}\n'
    )
    code, out, _ = run_cli(capsys, "compare", "--pairs", jsonl, "--format", "json")
    report = json.loads(out)
    assert [d["id"] for d in report["documents"]] == ["A", "B"]
    doc_a, doc_b = report["documents"]
    # 17 men became 71: B is not fit to publish, and the run's verdict is its worst article's.
    assert code == 1 and doc_b["verdict"] == "fail" and report["gate"]["verdict"] == "fail"
    assert report["gate"]["reasons"][0].startswith("2 articles: 1 fail")
    assert [p["id"] for p in doc_a["pairs"]] == ["a1", "a2"]
    assert doc_a["target"]["text"] == "Three soldiers died.\nIt was was calm."
    # The rule checks' findings (the judge's word layer may add its own next to them).
    assert [f["check"] for f in doc_a["findings"] if f["check"] != "word-error"] == ["doubled-words"]
    assert [f["target_span"]["text"] for f in doc_b["findings"] if f["check"] == "numbers"] == ["71"]
    assert "seg:given|align:given" in report["signature"]

    tsv = tmp_path / "pairs.tsv"
    tsv.write_text("x1\tThree soldiers died.\tThree soldiers died.\nx2\tIt was calm.\tIt was calm.\n")
    code, out, _ = run_cli(capsys, "compare", "--pairs", tsv, "--format", "json")
    (document,) = json.loads(out)["documents"]
    assert code == 0 and document["id"] == "pairs" and document["findings"] == []
    assert [p["scores"]["quality"] for p in document["pairs"]] == [100.0, 100.0]


def test_pairs_and_articles_are_exclusive(capsys, tmp_path):
    code, _, err = run_cli(capsys, "compare", "--pairs", tmp_path / "p.jsonl", SOURCE, TARGET)
    assert_one_line_error(code, err, "not both")
