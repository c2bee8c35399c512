"""Writing reports: atomic files, special files, stdout faults, refusing to overwrite inputs."""

import errno
import io
import json
import os
import stat
import subprocess
import sys
import threading
from datetime import datetime, timezone
from pathlib import Path

import pytest

from mtcheck import pipeline
from mtcheck.cli import app as cli
from mtcheck.report import emit
from mtcheck.report import output
from mtcheck.cli import main
from mtcheck.errors import OutputError

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
    assert "Traceback" not in err


def leftovers(folder):
    return sorted(p.name for p in Path(folder).iterdir() if p.name.endswith(".tmp"))


# --------------------------------------------------------------------------- disk full, I/O errors


@pytest.mark.parametrize("report_format", ["json", "rich"])
def test_output_to_a_full_disk_is_one_line(capsys, report_format):
    code, out, err = run_cli(
        capsys, "compare", *FAST, "--format", report_format, "--output", "/dev/full", SOURCE, TARGET
    )
    assert_one_line_error(code, err, "cannot write /dev/full: No space left on device")
    assert out == ""


def test_a_full_disk_that_only_shows_on_close_is_caught():
    # A short text stays in the buffer until close(): the error surfaces there.
    with pytest.raises(OutputError, match="No space left on device"):
        output.write_file("/dev/full", "{}")


@pytest.mark.parametrize("report_format", ["json", "rich"])
@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_a_failed_write_keeps_the_earlier_report(capsys, monkeypatch, tmp_path, report_format, failing):
    destination = tmp_path / "report.out"
    destination.write_text("the earlier report\n")

    def fail(*args, **kwargs):
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(os, failing, fail)
    code, _, err = run_cli(capsys, "compare", *FAST, "--format", report_format, "--output", destination, SOURCE, TARGET)
    assert_one_line_error(code, err, f"cannot write {destination}: Input/output error")
    assert destination.read_text() == "the earlier report\n"
    assert leftovers(tmp_path) == []


def test_ctrl_c_while_writing_leaves_no_temporary_file(capsys, monkeypatch, tmp_path):
    destination = tmp_path / "report.json"

    def interrupt(descriptor):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupt)
    code, _, _ = run_cli(capsys, "compare", *FAST, "--format", "json", "--output", destination, SOURCE, TARGET)
    assert code == 130
    assert not destination.exists() and leftovers(tmp_path) == []


def test_the_rich_report_is_written_whole(capsys, tmp_path):
    # Unchanged by the atomic path: what the renderer gives a 120-column plain console.
    from rich.console import Console

    from mtcheck.report.terminal import render_terminal

    destination = tmp_path / "report.txt"
    assert run_cli(capsys, "compare", *FAST, "--output", destination, SOURCE, TARGET)[0] == 0
    expected = io.StringIO()
    console = Console(file=expected, width=120, no_color=True, highlight=False)
    console.print(render_terminal(_report_for(SOURCE, TARGET)))
    assert destination.read_text(encoding="utf-8") == expected.getvalue()


def _report_for(source, target):
    from mtcheck.config import Config
    from mtcheck.read.text import read_text
    from mtcheck.pipeline import compare_texts
    from mtcheck.report.build import build_report

    config = Config(models=False, max_critical=1000)
    document = compare_texts(read_text(str(source)), read_text(str(target)), config, doc_id=str(target))
    return build_report([document], config)


def test_new_reports_get_ordinary_permissions_and_replacements_keep_theirs(tmp_path):
    previous = os.umask(0o022)
    try:
        fresh = output.write_file(tmp_path / "fresh.json", "{}")
        kept = tmp_path / "private.json"
        kept.write_text("old")
        kept.chmod(0o600)
        output.write_file(kept, "{}")
    finally:
        os.umask(previous)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o644  # not mkstemp's 0600
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600 and kept.read_text() == "{}"


def test_output_through_a_symlink_replaces_the_file_it_points_to(tmp_path):
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    output.write_file(link, "new")
    assert link.is_symlink() and real.read_text() == "new"


def test_output_into_a_new_folder(capsys, tmp_path):
    destination = tmp_path / "a" / "b" / "report.json"
    assert run_cli(capsys, "compare", *FAST, "--format", "json", "-o", destination, SOURCE, TARGET)[0] == 0
    assert json.loads(destination.read_text())["schema"] == "mtcheck.report/1"


def test_a_fifo_is_written_in_place(tmp_path):
    fifo = tmp_path / "reports.fifo"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text()))
    reader.start()
    output.write_file(fifo, "{}\n")
    reader.join(timeout=30)
    assert received == ["{}\n"] and stat.S_ISFIFO(fifo.stat().st_mode)
    assert leftovers(tmp_path) == []


# --------------------------------------------------------------------------- stdout


def test_stdout_that_cannot_encode_the_report_is_exit_2(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(io.BytesIO(), encoding="ascii"))
    code, _, err = run_cli(capsys, "compare", *FAST, "--format", "json", SOURCE, TARGET)
    assert code == 2 and "cannot write to stdout" in err and "PYTHONIOENCODING=utf-8" in err


def test_stdout_on_a_full_disk_is_one_line_exit_2(tmp_path):
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "mtcheck", "compare", *FAST, "--format", "json", str(SOURCE), str(TARGET)],
            stdout=full, stderr=subprocess.PIPE, text=True,
        )
    assert result.returncode == 2
    assert result.stderr == "mtcheck: error: cannot write to stdout: No space left on device\n"


def test_a_closed_pipe_on_stdout_ends_quietly():
    # `mtcheck ... | head`: head exits early; mtcheck stops without a word.
    process = subprocess.Popen(
        [sys.executable, "-m", "mtcheck", "compare", *FAST, "--format", "json", str(SOURCE), str(TARGET)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    process.stdout.close()  # long before the child has imported anything
    err = process.stderr.read()
    process.stderr.close()
    assert process.wait() == cli.EXIT_BROKEN_PIPE == 141
    assert err == b""


class _ClosedPipe(io.StringIO):
    def write(self, text):
        raise BrokenPipeError(errno.EPIPE, "Broken pipe")


@pytest.mark.parametrize("args", [["compare", *FAST, "--format", "json", str(SOURCE), str(TARGET)], ["checks"]])
def test_broken_pipe_in_process(monkeypatch, capsys, args):
    monkeypatch.setattr(sys, "stdout", _ClosedPipe())
    assert main(args) == 141
    assert capsys.readouterr().err == ""


# --------------------------------------------------------------------------- refusing to overwrite inputs


@pytest.fixture
def inputs(tmp_path):
    source, target = tmp_path / "source.txt", tmp_path / "target.txt"
    source.write_bytes(SOURCE.read_bytes())
    target.write_bytes(TARGET.read_bytes())
    return source, target


@pytest.mark.parametrize("spelling", ["same", "dot-slash", "symlink", "hard link"])
def test_output_over_an_input_is_refused(capsys, monkeypatch, tmp_path, inputs, spelling):
    source, target = inputs
    monkeypatch.chdir(tmp_path)
    destination = {"same": str(target), "dot-slash": "./target.txt"}.get(spelling)
    if spelling == "symlink":
        (tmp_path / "link.txt").symlink_to(target)
        destination = "link.txt"
    elif spelling == "hard link":
        os.link(target, tmp_path / "other-name.txt")
        destination = "other-name.txt"
    before = target.read_bytes()
    monkeypatch.setattr(pipeline, "compare_texts", _never_called)
    code, _, err = run_cli(capsys, "compare", *FAST, "--output", destination, source, target)
    assert_one_line_error(code, err, "refusing to write the report over the input file")
    assert target.read_bytes() == before


def test_output_over_the_pairs_file_or_the_config_is_refused(capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text("It was calm.\tIt was calm.\n")
    code, _, err = run_cli(capsys, "compare", *FAST, "--pairs", pairs, "-o", "./pairs.tsv")
    assert_one_line_error(code, err, "input file")
    (tmp_path / "mtcheck.toml").write_text("max_major = 5\n")
    code, _, err = run_cli(capsys, "compare", *FAST, "--pairs", pairs, "-o", "mtcheck.toml")
    assert_one_line_error(code, err, "input file")
    assert (tmp_path / "mtcheck.toml").read_text() == "max_major = 5\n"


def test_output_to_a_folder_is_refused_before_any_work(capsys, monkeypatch, tmp_path):
    monkeypatch.setattr(pipeline, "compare_texts", _never_called)
    code, _, err = run_cli(capsys, "compare", *FAST, "-o", tmp_path, SOURCE, TARGET)
    assert_one_line_error(code, err, "it is a directory")


def _never_called(*args, **kwargs):
    raise AssertionError("refused too late: the pipeline ran")


def test_save_into_an_input_file_is_refused(capsys, inputs):
    source, target = inputs
    before = target.read_bytes()
    code, _, err = run_cli(capsys, "compare", *FAST, "--save", target, source, target)
    assert_one_line_error(code, err, "that is an input file")
    assert target.read_bytes() == before


# --------------------------------------------------------------------------- --save


class _FrozenClock(datetime):
    @classmethod
    def now(cls, tz=None):
        return datetime(2024, 5, 1, 12, 0, 0, tzinfo=timezone.utc)


def test_reports_saved_in_the_same_second_do_not_overwrite_each_other(capsys, monkeypatch, tmp_path):
    monkeypatch.setattr(emit, "datetime", _FrozenClock)
    folder = tmp_path / "reports"
    for max_major in ("1000", "0"):
        run_cli(capsys, "compare", *FAST, "--max-major", max_major, "--save", folder, "-o", tmp_path / "r.txt",
                SOURCE, TARGET)
    saved = sorted(p.name for p in folder.iterdir())
    assert saved == ["article.target-20240501T120000Z-2.json", "article.target-20240501T120000Z.json"]
    verdicts = {json.loads((folder / name).read_text())["gate"]["passed"] for name in saved}
    assert verdicts == {True, False}


def test_save_never_replaces_a_file_another_process_created(tmp_path):
    taken = tmp_path / "doc-20240501T120000Z.json"
    taken.write_text("theirs")
    (tmp_path / "doc-20240501T120000Z-2.json").write_text("theirs too")
    saved = output.save_new(tmp_path, "doc", "20240501T120000Z", "ours")
    assert saved.name == "doc-20240501T120000Z-3.json" and saved.read_text() == "ours"
    assert taken.read_text() == "theirs" and leftovers(tmp_path) == []


def test_a_failed_save_leaves_nothing_behind(monkeypatch, tmp_path):
    def fail(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(OutputError, match="No space left on device"):
        output.save_new(tmp_path, "doc", "20240501T120000Z", "ours")
    assert list(tmp_path.iterdir()) == []
