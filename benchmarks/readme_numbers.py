"""The figures README.md quotes, measured now: the seed article's verdict, quality, findings and time.

    .venv/bin/python benchmarks/readme_numbers.py [--models] [--repeat 3]

Prints the date (``date -u``) and the CPU (``/proc/cpuinfo``'s model name),
then, for the seed pair in corpora/seed/ with ``--no-models``:

    seed --no-models: verdict review, quality 57.5, findings 97 (critical 0, major 7, minor 90)
    seed --no-models: wall time 1.21 s from process start (median of 3: ...)

and with ``--models`` the same two lines with the models (slower: 15-60 s a
run). The figures come from the JSON report (docs/report-format.md):
``documents[0].verdict``, ``documents[0].scores.quality`` and the severity of
each of ``documents[0].findings``. Each run is a fresh process,
``python -m mtcheck compare SOURCE TARGET [--no-models] --format json --output
FILE``; its wall time counts from process start to exit. The runs must agree
on the figures (the pipeline is deterministic).

tests/test_readme_numbers.py imports ``seed_figures`` and ``figures_line``
from here, so the line format is defined once, and checks that README.md
quotes the ``--no-models`` line as the code produces it today. Needs no data
set outside the project (no ``MTCHECK_DATA``).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpora" / "seed"
SEVERITIES = ("critical", "major", "minor")


def label(models: bool) -> str:
    return "with models" if models else "--no-models"


def compare_command(models: bool, output: Path) -> list[str]:
    """The seed's compare, as a fresh process writing the JSON report to ``output``."""
    command = [sys.executable, "-m", "mtcheck", "compare", str(SEED / "source.en.txt"), str(SEED / "target.txt"),
               "--format", "json", "--output", str(output)]
    return command + ([] if models else ["--no-models"])


def run_seed(models: bool, folder: Path) -> tuple[dict, float]:
    """One run: the JSON report and the wall seconds from process start to exit. Exit 0 or 1 (the gate) only."""
    output = folder / f"seed-{'models' if models else 'rules'}.json"
    started = time.perf_counter()
    done = subprocess.run(compare_command(models, output), capture_output=True, text=True, cwd=ROOT)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise RuntimeError(f"mtcheck compare exited {done.returncode}: {done.stderr.strip()}")
    return json.loads(output.read_text(encoding="utf-8")), seconds


def seed_figures(report: dict) -> dict:
    """The figures README.md quotes from one report: verdict, quality and findings by severity."""
    document = report["documents"][0]
    by_severity = Counter(finding["severity"] for finding in document["findings"])
    return {"verdict": document["verdict"], "quality": document["scores"]["quality"],
            "findings": len(document["findings"]), **{s: by_severity.get(s, 0) for s in SEVERITIES}}


def figures_line(models: bool, figures: dict) -> str:
    """``seed --no-models: verdict review, quality 57.5, findings 97 (critical 0, major 7, minor 90)``."""
    counts = ", ".join(f"{severity} {figures[severity]}" for severity in SEVERITIES)
    return (f"seed {label(models)}: verdict {figures['verdict']}, quality {figures['quality']:.1f}, "
            f"findings {figures['findings']} ({counts})")


def time_line(models: bool, seconds: list[float]) -> str:
    runs = ", ".join(f"{s:.2f}" for s in seconds)
    return (f"seed {label(models)}: wall time {statistics.median(seconds):.2f} s from process start "
            f"(median of {len(seconds)}: {runs})")


def machine_lines() -> list[str]:
    """``date -u`` and the CPU: /proc/cpuinfo's model name and the CPUs this process may use."""
    date = subprocess.run(["date", "-u"], capture_output=True, text=True).stdout.strip()
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return [f"date: {date}", f"cpu: {model} ({cpus} CPUs usable)"]


def measure(models: bool, repeat: int) -> list[str]:
    """The figures line and the time line of ``repeat`` runs, which must agree on the figures."""
    with tempfile.TemporaryDirectory() as scratch:
        runs = [run_seed(models, Path(scratch)) for _ in range(repeat)]
    figures = {json.dumps(seed_figures(report), sort_keys=True) for report, _ in runs}
    if len(figures) != 1:
        raise RuntimeError(f"the runs disagree on the seed's figures: {sorted(figures)}")
    return [figures_line(models, seed_figures(runs[0][0])), time_line(models, [s for _, s in runs])]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", action="store_true", help="also the seed with the models (15-60 s a run)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per mode; the time is their median")
    args = parser.parse_args()
    for line in machine_lines():
        print(line, flush=True)
    for models in (False, True) if args.models else (False,):
        for line in measure(models, args.repeat):
            print(line, flush=True)


if __name__ == "__main__":
    main()
