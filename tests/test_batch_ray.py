"""`mtcheck batch --executor ray` (and its old spelling, --engine ray): a local Ray instance (2 CPUs, no dashboard) checks a feed into the same
results as the local engine. `make setup` installs Ray (the `ray` extra); without it this skips."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.test_batch import make_feed

pytest.importorskip("ray", reason="Ray is not installed (pip install 'mtcheck[ray]'; make setup does)")


def _run(tmp_path, *extra):
    command = [sys.executable, "-m", "mtcheck", "batch", "feed", "--no-models", "-q", "--max-failed", "10", *extra]
    return subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=600)


def test_ray_gives_the_local_engines_results_and_fills_the_same_store(tmp_path):
    make_feed(tmp_path / "feed", 3)
    (tmp_path / "feed" / "empty").mkdir()
    (tmp_path / "feed" / "empty" / "source.txt").write_text("text")
    (tmp_path / "feed" / "empty" / "target.txt").write_text("")
    local = _run(tmp_path, "--store", "local.sqlite", "--allow-errors", "--format", "json", "--output", "local.json")
    assert local.returncode == 0, local.stderr
    on_ray = _run(tmp_path, "--engine", "ray", "--workers", "2", "--store", "ray.sqlite", "--allow-errors",
                  "--format", "json", "--output", "ray.json")
    assert on_ray.returncode == 0, on_ray.stderr
    # The empty article errored: neither checked nor from the store (checked + stored + errored = the feed).
    assert "1 errored; 3 checked, 0 from the store" in on_ray.stderr
    assert json.loads((tmp_path / "ray.json").read_text()) == json.loads((tmp_path / "local.json").read_text())
    # What Ray stored, the local engine finds: a rerun checks nothing.
    again = _run(tmp_path, "--store", "ray.sqlite", "--allow-errors")
    assert "1 errored; 0 checked, 3 from the store" in again.stderr  # the error as stored, not checked again
