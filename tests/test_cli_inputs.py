"""What compare reads: stdin, --pairs-format, decoding warnings, the checks to run, settings files."""

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from mtcheck.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
SOURCE = FIXTURES / "article.source.txt"
TARGET = FIXTURES / "article.target.txt"
FAST = ["--no-models", "--max-critical", "1000"]  # rules only; the gate passes


def run_cli(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_error(code, err, fragment):
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("mtcheck: error: "), err
    assert fragment in err


def feed_stdin(monkeypatch, data: bytes):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


# --------------------------------------------------------------------------- stdin


def test_target_from_stdin_through_python_dash_m(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "mtcheck", "compare", *FAST, "--format", "json", "--save", str(tmp_path),
         str(SOURCE), "-"],
        input=TARGET.read_bytes(), capture_output=True,
    )
    assert result.returncode == 0, result.stderr
    (document,) = json.loads(result.stdout)["documents"]
    assert document["id"] == "<stdin>"
    assert document["target"]["text"] == TARGET.read_text(encoding="utf-8")
    (saved,) = tmp_path.iterdir()
    assert saved.name.startswith("stdin-") and saved.suffix == ".json"
    assert result.stderr.decode() == f"mtcheck: saved {saved}\n"


def test_source_from_stdin(capsys, monkeypatch):
    feed_stdin(monkeypatch, SOURCE.read_bytes())
    code, out, _ = run_cli(capsys, "compare", *FAST, "--format", "json", "-", TARGET)
    (document,) = json.loads(out)["documents"]
    assert code == 0 and document["id"] == str(TARGET)
    assert document["source"]["text"] == SOURCE.read_text(encoding="utf-8")


def test_both_articles_from_stdin_is_refused(capsys, monkeypatch):
    feed_stdin(monkeypatch, b"text")
    code, _, err = run_cli(capsys, "compare", *FAST, "-", "-")
    assert_one_line_error(code, err, "only one of SOURCE and TARGET can be '-'")


def test_pairs_from_stdin(capsys, monkeypatch):
    feed_stdin(monkeypatch, b"It was calm.\tIt was was calm.\n")
    code, out, _ = run_cli(capsys, "compare", *FAST, "--format", "json", "--pairs", "-")
    (document,) = json.loads(out)["documents"]
    # "was was" in a four-word article is a penalty per 100 words of the worst band: the verdict decides.
    assert code == (1 if document["verdict"] == "fail" else 0) and document["id"] == "<stdin>"
    # The rule checks' findings (the judge's word layer may add its own next to them).
    assert [f["check"] for f in document["findings"] if f["check"] != "word-error"] == ["doubled-words"]


# --------------------------------------------------------------------------- --pairs-format


def test_pairs_format_overrides_what_the_content_suggests(capsys, tmp_path):
    # A TSV line that happens to open with "{" (and no .tsv extension to go by).
    pairs = tmp_path / "pairs.data"
    pairs.write_text('{"id": 1, "source": "It was calm.", "target": "It was calm."}\n')
    code, out, _ = run_cli(capsys, "compare", *FAST, "--format", "json", "--pairs", pairs)
    assert code == 0 and json.loads(out)["documents"][0]["pairs"][0]["id"] == "1"
    code, _, err = run_cli(capsys, "compare", *FAST, "--pairs", pairs, "--pairs-format", "tsv")
    assert_one_line_error(code, err, "line 1: expected 2 tab-separated fields")


def test_pairs_format_jsonl_on_a_tsv_file(capsys, tmp_path):
    pairs = tmp_path / "pairs.data"
    pairs.write_text("It was calm.\tIt was calm.\n")
    code, _, err = run_cli(capsys, "compare", *FAST, "--pairs", pairs, "--pairs-format", "jsonl")
    assert_one_line_error(code, err, "line 1: not valid JSON")


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["--pairs-format", "csv", "--pairs", "x.csv"], "invalid choice: 'csv'"),
        (["--pairs-format", "tsv", str(SOURCE), str(TARGET)], "--pairs-format needs --pairs FILE"),
    ],
)
def test_pairs_format_usage(capsys, args, fragment):
    code, _, err = run_cli(capsys, "compare", *FAST, *args)
    assert_one_line_error(code, err, fragment)


# --------------------------------------------------------------------------- decoding warnings and names


def test_bytes_replaced_while_decoding_are_one_warning_line(capsys, tmp_path):
    target = tmp_path / "target.txt"
    # A UTF-8 BOM, then one byte that is not UTF-8.
    target.write_bytes(b"\xef\xbb\xbf" + TARGET.read_bytes() + b"\xff\n")
    code, _, err = run_cli(capsys, "compare", *FAST, "--format", "json", SOURCE, target)
    assert code == 0
    (line,) = err.splitlines()
    assert line.startswith(f"mtcheck: warning: {target}: 1 byte was not valid UTF-8")


def test_bytes_replaced_in_a_pairs_file_are_one_warning_line(capsys, tmp_path):
    pairs = tmp_path / "pairs.tsv"
    good = "The minister spoke.\tThe minister spoke “loudly”.\n".encode("utf-8")
    pairs.write_bytes(good + b"Prices rose.\tPrices rose\xff.\n")
    code, out, err = run_cli(capsys, "compare", *FAST, "--format", "json", "--pairs", pairs)
    assert code == (1 if json.loads(out)["gate"]["verdict"] == "fail" else 0)
    (line,) = err.splitlines()
    assert line.startswith(f"mtcheck: warning: {pairs}: 1 byte was not valid UTF-8") and "line 2" in line


def test_clean_inputs_give_no_warning(capsys):
    assert run_cli(capsys, "compare", *FAST, "--format", "json", SOURCE, TARGET)[2] == ""


def test_file_names_on_stderr_are_inert(capsys, tmp_path):
    # A file name is data: its ESC must not reach the terminal raw.
    target = tmp_path / "evil\x1b]0;pwned\x07.txt"
    target.write_bytes(b"\xef\xbb\xbf" + TARGET.read_bytes() + b"\xff\n")
    code, _, err = run_cli(capsys, "compare", *FAST, "--format", "json", "--save", tmp_path / "reports", SOURCE, target)
    assert code == 0
    assert "\x1b" not in err and "\x07" not in err
    warning, saved = err.splitlines()
    assert warning.startswith("mtcheck: warning: ") and "\\x1b]0;pwned\\x07" in warning
    assert saved.startswith("mtcheck: saved ") and "\\x1b]0;pwned\\x07" in saved
    assert len(list((tmp_path / "reports").iterdir())) == 1


# --------------------------------------------------------------------------- no check to run


@pytest.mark.parametrize(
    "flags, fragment",
    [
        (["--checks", ","], "'checks' names no check"),
        (["--checks", ""], "'checks' names no check"),
        (["--checks", "numbers", "--skip-checks", "numbers"], "no check left to run"),
    ],
)
def test_running_no_check_is_an_error(capsys, flags, fragment):
    code, _, err = run_cli(capsys, "compare", *FAST, *flags, SOURCE, TARGET)
    assert_one_line_error(code, err, fragment)


@pytest.mark.parametrize(
    "settings, flags",
    [
        ("checks = []\n", []),
        ("checks = ['numbers']\n", ["--skip-checks", "numbers"]),
        ("checks = ['numbers', 'punctuation']\nskip-checks = ['punctuation', 'numbers']\n", []),
    ],
)
def test_running_no_check_is_an_error_from_the_config_too(capsys, monkeypatch, tmp_path, settings, flags):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    (tmp_path / "mtcheck.toml").write_text(settings)
    code, _, err = run_cli(capsys, "compare", *FAST, *flags, SOURCE, TARGET)
    assert code == 2 and err.count("\n") == 1 and "no check" in err


# --------------------------------------------------------------------------- settings files


@pytest.fixture
def repository(tmp_path, monkeypatch):
    """tmp/repo (a git root) with mtcheck.toml, the working directory two folders down."""
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / "mtcheck.toml").write_text("min_quality = 100\n")
    working = root / "articles" / "2024"
    working.mkdir(parents=True)
    monkeypatch.chdir(working)
    return root


def test_settings_are_found_from_a_subfolder(capsys, repository):
    code, out, _ = run_cli(capsys, "compare", *FAST, "--format", "json", SOURCE, TARGET)
    assert code == 1
    assert any("quality" in reason and "< min 100" in reason for reason in json.loads(out)["gate"]["reasons"])


def test_verbose_names_the_settings_files_and_changes_nothing_else(capsys, repository):
    quiet = run_cli(capsys, "compare", *FAST, "--format", "json", SOURCE, TARGET)
    for flags in (["-v", "compare"], ["compare", "--verbose"]):
        code, out, err = run_cli(capsys, *flags, *FAST, "--format", "json", SOURCE, TARGET)
        assert (code, out) == quiet[:2]
        assert err == quiet[2] + f"mtcheck: config: {repository / 'mtcheck.toml'}\n"


def test_verbose_without_settings_files(capsys, tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    code, _, err = run_cli(capsys, "-v", "compare", *FAST, SOURCE, TARGET)
    assert code == 0 and err == "mtcheck: config: none (defaults and flags only)\n"
