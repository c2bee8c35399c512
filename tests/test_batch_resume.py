"""A feed run killed at any point loses nothing it stored, two runs can share a store, and what the store
gives back is the document that was checked (rules only; see test_batch.py)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from mtcheck.batch.codec import dump_document, load_document
from mtcheck.config import Config
from mtcheck.read.text import read_text
from mtcheck.pipeline import compare_texts
from mtcheck.report.build import build_report, finished
from mtcheck.report.json import render_json
from tests.test_batch import SOURCE, TARGET, make_feed

ROOT = Path(__file__).resolve().parents[1]


def _command(tmp_path: Path, store: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "mtcheck", "batch", str(tmp_path / "feed"), "--no-models", "-q",
            "--store", str(store), "--max-failed", "100", *extra]


def _stored(store: Path) -> int:
    try:
        with sqlite3.connect(store, timeout=5) as db:
            return db.execute("SELECT COUNT(*) FROM results").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


def test_a_killed_run_resumes_where_it_stopped_and_ends_as_a_clean_run_does(tmp_path):
    make_feed(tmp_path / "feed", 8)
    store = tmp_path / "store.sqlite"
    run = subprocess.Popen(_command(tmp_path, store), cwd=tmp_path, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while _stored(store) < 2 and time.monotonic() < deadline and run.poll() is None:
        time.sleep(0.05)
    run.send_signal(signal.SIGKILL)
    run.wait()
    kept = _stored(store)
    assert 2 <= kept < 8, "the run should have been killed halfway"
    with sqlite3.connect(store) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    done = subprocess.run(_command(tmp_path, store, "--format", "json", "--output", "resumed.json"),
                          cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert f"{8 - kept} checked, {kept} from the store" in done.stderr
    clean = subprocess.run(_command(tmp_path, tmp_path / "clean.sqlite", "--format", "json", "--output", "clean.json"),
                           cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert clean.returncode == 0, clean.stderr
    assert json.loads((tmp_path / "resumed.json").read_text()) == json.loads((tmp_path / "clean.json").read_text())


def test_two_runs_sharing_one_store_do_not_corrupt_it(tmp_path):
    make_feed(tmp_path / "feed", 6)
    store = tmp_path / "store.sqlite"
    runs = [subprocess.Popen(_command(tmp_path, store, "--format", "json", "--output", f"r{i}.json"), cwd=tmp_path,
                             stderr=subprocess.PIPE, text=True) for i in range(2)]
    for run in runs:
        _, err = run.communicate(timeout=300)
        assert run.returncode == 0, err
    with sqlite3.connect(store) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("SELECT COUNT(*) FROM results").fetchone()[0] == 6
    assert json.loads((tmp_path / "r0.json").read_text()) == json.loads((tmp_path / "r1.json").read_text())


def test_a_stored_document_renders_to_the_very_report_it_was_checked_into(tmp_path):
    (tmp_path / "s.txt").write_text(SOURCE + "\n\nA closing line, with “quotes” – and 17 numbers.\n", encoding="utf-8")
    (tmp_path / "t.txt").write_bytes((TARGET + "\n\nEin Schluss.\n").encode("cp1252", errors="replace") + b"\x9d\x81")
    config = Config(models=False)
    document = finished(compare_texts(read_text(tmp_path / "s.txt"), read_text(tmp_path / "t.txt"), config, "doc"))
    again = load_document(dump_document(document))
    assert again == document
    assert again.target.decoding == document.target.decoding
    assert [s.kind for s in again.target_segments] == [s.kind for s in document.target_segments]
    assert all(f.target_span is None or again.target.text[f.target_span.start:f.target_span.end] == f.target_span.text
               for f in again.findings)
    assert render_json(build_report([again], config)) == render_json(build_report([document], config))


def test_ctrl_c_stops_the_run_with_130_and_a_rerun_finishes_it(tmp_path):
    make_feed(tmp_path / "feed", 8)
    store = tmp_path / "store.sqlite"
    # A terminal's Ctrl-C signals the whole foreground process group: the run and its workers. The run
    # gets SIGINT's default back first: started in the background by a script (`make test &`), the tests
    # inherit it ignored, and so would the run, as POSIX has it for background jobs.
    run = subprocess.Popen(_command(tmp_path, store), cwd=tmp_path, stderr=subprocess.PIPE, start_new_session=True,
                           preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 120
    while _stored(store) < 2 and time.monotonic() < deadline and run.poll() is None:
        time.sleep(0.05)
    os.killpg(run.pid, signal.SIGINT)
    assert run.wait(timeout=60) == 130
    kept = _stored(store)
    assert 2 <= kept < 8
    done = subprocess.run(_command(tmp_path, store), cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert f"{8 - kept} checked, {kept} from the store" in done.stderr
