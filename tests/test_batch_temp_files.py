"""A killed run's temporary report files are swept up by the next batch run, and nothing else is touched
(the rule is in src/mtcheck/temp_files.py)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from mtcheck.report import temp_files
from tests.test_batch import batch, make_feed

# Fills a report's temporary file, then hangs halfway through writing it: the parent kills it there.
_HALF_WRITTEN = """
import sys, time
from mtcheck.report.output import write_file

def pieces():
    yield "{" * 100000
    print("writing", flush=True)
    time.sleep(600)
    yield "}"

write_file(sys.argv[1], pieces())
"""


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _temp(folder: Path, name: str, pid: int, host: str | None = None, age: float = 0.0) -> Path:
    path = folder / f".{name}.mtcheck-{pid}-{host or temp_files.this_host()}-abcd_123.tmp"
    path.write_text("half a report")
    if age:
        os.utime(path, (time.time() - age, time.time() - age))
    return path


def test_a_leftover_is_swept_only_when_it_is_ours_and_its_writer_is_gone(tmp_path):
    dead = _dead_pid()
    old = temp_files.STALE_SECONDS + 60
    swept = [
        _temp(tmp_path, "r.json", dead),  # this host, its process gone
        _temp(tmp_path, "r.sarif", os.getpid() + 10**7, host="elsewhere", age=old),  # another host, long idle
    ]
    kept = [
        _temp(tmp_path, "r.xml", os.getpid()),  # a live writer: this very process
        _temp(tmp_path, "r.md", dead + 10**7, host="elsewhere"),  # another host, written a moment ago
        tmp_path / ".r.json.abcd_123.tmp",  # an older mtcheck's name, or another program's: not ours
        tmp_path / "r.json",
        tmp_path / "store.sqlite-wal",  # SQLite's, holding committed results
        tmp_path / f".x.mtcheck-{dead}-{temp_files.this_host()}-abcd_123.tmp.keep",
    ]
    for path in kept[2:]:
        path.write_text("x")
        os.utime(path, (time.time() - old, time.time() - old))
    (tmp_path / f".d.mtcheck-{dead}-{temp_files.this_host()}-abcd_123.tmp").mkdir()  # a folder: not a file of ours
    (tmp_path / f".l.mtcheck-{dead}-{temp_files.this_host()}-abcd_123.tmp").symlink_to(tmp_path / "r.json")
    assert sorted(temp_files.sweep([tmp_path, tmp_path / "missing"])) == sorted(swept)
    assert all(path.exists() for path in kept)
    assert (tmp_path / "r.json").read_text() == "x"  # the link's target is untouched too
    assert temp_files.is_ours(swept[0].name) and not temp_files.is_ours(kept[2].name)


def test_a_batch_run_sweeps_what_a_killed_writer_left_in_its_output_folders(tmp_path):
    make_feed(tmp_path / "feed", 1)
    (tmp_path / "out").mkdir()
    writer = subprocess.Popen([sys.executable, "-c", _HALF_WRITTEN, str(tmp_path / "out" / "r.json")],
                              stdout=subprocess.PIPE, text=True)
    assert writer.stdout.readline() == "writing\n"
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    (leftover,) = [p for p in (tmp_path / "out").iterdir() if p.name.endswith(".tmp")]
    assert temp_files.is_ours(leftover.name) and leftover.stat().st_size > 0
    (tmp_path / "pages" / "articles").mkdir(parents=True)  # an html run's page folder, killed the same way
    page = _temp(tmp_path / "pages" / "articles", "0001-art0.html", _dead_pid())
    unrelated = tmp_path / "out" / ".notes.tmp"
    unrelated.write_text("someone else's")
    code, err = batch(tmp_path, "feed", "--max-failed", "9", "--format", "json", "--output", "out/r.json",
                      "--format", "html", "--output", "pages")
    assert code == 0, err
    assert not leftover.exists() and not page.exists()
    assert unrelated.exists() and (tmp_path / "out" / "r.json").exists()
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [".notes.tmp", "r.json"]
