"""Exit codes: 1 only for a failed gate, 3 with one line for an internal error, --debug for its traceback."""

import subprocess
import sys
from pathlib import Path

import pytest

from mtcheck import pipeline
from mtcheck.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
SOURCE = FIXTURES / "article.source.txt"
TARGET = FIXTURES / "article.target.txt"
COMPARE = ["compare", "--no-models", str(SOURCE), str(TARGET)]


def run_cli(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def break_stage(monkeypatch, error):
    def stage(*args, **kwargs):
        raise error

    monkeypatch.setattr(pipeline, "compare_texts", stage)


def test_an_internal_error_is_exit_3_and_one_line(capsys, monkeypatch):
    break_stage(monkeypatch, RuntimeError("the aligner lost its place"))
    code, out, err = run_cli(capsys, *COMPARE)
    assert code == 3 and out == ""
    assert err == (
        "mtcheck: internal error: RuntimeError: the aligner lost its place (run with --debug for the traceback)\n"
    )


def test_a_multi_line_message_stays_on_one_line(capsys, monkeypatch):
    break_stage(monkeypatch, ValueError("first\nsecond \x1b[2J"))
    code, _, err = run_cli(capsys, *COMPARE)
    assert code == 3 and err.count("\n") == 1 and "\x1b" not in err
    assert "ValueError: first\\nsecond \\x1b[2J" in err


@pytest.mark.parametrize("where", ["before", "after"])
def test_debug_shows_the_traceback(capsys, monkeypatch, where):
    break_stage(monkeypatch, RuntimeError("boom"))
    args = ["--debug", *COMPARE] if where == "before" else [*COMPARE, "--debug"]
    code, _, err = run_cli(capsys, *args)
    assert code == 3
    assert err.startswith("Traceback (most recent call last):")
    assert 'raise error' in err  # the frame that raised
    assert err.endswith("mtcheck: internal error: RuntimeError: boom\n")


def test_out_of_memory_is_exit_3_with_a_clear_line(capsys, monkeypatch):
    break_stage(monkeypatch, MemoryError())
    code, _, err = run_cli(capsys, *COMPARE)
    assert code == 3
    assert err == "mtcheck: internal error: MemoryError: out of memory (run with --debug for the traceback)\n"


def test_ctrl_c_is_130_without_a_word(capsys, monkeypatch):
    break_stage(monkeypatch, KeyboardInterrupt())
    code, _, err = run_cli(capsys, *COMPARE)
    assert code == 130 and err == ""


def test_a_library_calling_sys_exit_1_cannot_fake_a_failed_gate(capsys, monkeypatch):
    break_stage(monkeypatch, SystemExit(1))
    code, _, err = run_cli(capsys, *COMPARE)
    assert code == 3 and err.startswith("mtcheck: internal error: SystemExit: 1")


def test_help_and_version_still_exit_0(capsys):
    for flag in ("--help", "--version"):
        with pytest.raises(SystemExit) as stop:
            main([flag])
        assert stop.value.code == 0
    capsys.readouterr()


def test_python_dash_m_behaves_the_same():
    # What `python -m mtcheck` runs, with one stage broken first.
    script = (
        "import runpy, mtcheck.pipeline as pipeline\n"
        "def stage(*args, **kwargs): raise RuntimeError('boom')\n"
        "pipeline.compare_texts = stage\n"
        "runpy.run_module('mtcheck', run_name='__main__', alter_sys=True)\n"
    )
    for extra, traceback in (([], False), (["--debug"], True)):
        result = subprocess.run(
            [sys.executable, "-c", script, *extra, *COMPARE], capture_output=True, text=True
        )
        assert result.returncode == 3, result.stderr
        assert ("Traceback" in result.stderr) is traceback
        assert result.stderr.splitlines()[-1].startswith("mtcheck: internal error: RuntimeError: boom")
