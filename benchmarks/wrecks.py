"""Time the wrecked articles of tests/wrecks.py end to end, and the size of their JSON reports.

The headline row is the loop that never ended: the seed's longest target sentence 200,000 times
(7 MB), against the seed's source. Before the segment stage folded such runs (mtcheck.segment.folding) it
took 5 min 16 s with the models and wrote a 254 MB JSON report.

Each row runs `mtcheck compare --format json` in a fresh process, so imports and every stage count;
the exit status (1: the gate failed) and the critical findings are printed with the time.

    .venv/bin/python benchmarks/wrecks.py                    # rules only (--no-models)
    .venv/bin/python benchmarks/wrecks.py --models           # with the language model and embedder
    .venv/bin/python benchmarks/wrecks.py --copies 2000 --all
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# tests/wrecks.py, loaded by its path: this file's own name would shadow it on sys.path.
_SPEC = importlib.util.spec_from_file_location("wreck_maker", ROOT / "tests" / "wrecks.py")
wrecks = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(wrecks)

SEED = ROOT / "corpora" / "seed"
MTCHECK = Path(sys.executable).parent / "mtcheck"


def cases(copies: int, every: bool) -> dict[str, str]:
    target = (SEED / "target.txt").read_text(encoding="utf-8")
    made = {f"one sentence x{copies:,}": wrecks.one_sentence_repeated(target, copies)}
    if every:
        made |= {
            f"one sentence x{copies:,}, a line each": wrecks.one_sentence_repeated(target, copies, "\n"),
            "reversed": wrecks.reversed_order(target),
            "shuffled": wrecks.shuffled(target, 1),
            "duplicated each": wrecks.duplicated_each(target),
            "truncated half": wrecks.truncated_half(target),
            "other article": wrecks.other_article(),
        }
    return made


def run(target: str, models: bool, folder: Path) -> tuple[float, int, int, list[str]]:
    """Seconds, exit status, JSON report bytes and the critical findings' messages of one compare."""
    target_path, report_path = folder / "target.txt", folder / "report.json"
    target_path.write_text(target, encoding="utf-8")
    command = [str(MTCHECK), "compare", str(SEED / "source.en.txt"), str(target_path), "--format", "json",
               "--output", str(report_path)] + ([] if models else ["--no-models"])
    started = time.perf_counter()
    status = subprocess.run(command, capture_output=True).returncode
    seconds = time.perf_counter() - started
    report = json.loads(report_path.read_text(encoding="utf-8"))
    critical = [f"{f['check']}: {f['message']}" for d in report["documents"] for f in d["findings"]
                if f["severity"] == "critical"]
    return seconds, status, report_path.stat().st_size, critical


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=200_000, help="copies of the looped sentence")
    parser.add_argument("--models", action="store_true", help="with the language model and embedder")
    parser.add_argument("--all", action="store_true", help="every wreck of tests/wrecks.py, not only the loop")
    args = parser.parse_args()
    print(f"{'wreck':<36} {'target':>9} {'seconds':>8} {'exit':>4} {'report':>10}  critical findings")
    with tempfile.TemporaryDirectory() as scratch:
        for name, target in cases(args.copies, args.all).items():
            seconds, status, size, critical = run(target, args.models, Path(scratch))
            print(f"{name:<36} {len(target.encode()) / 1e3:>7.0f}kB {seconds:>8.1f} {status:>4} "
                  f"{size / 1e3:>8.0f}kB  {'; '.join(critical) or '-'}")


if __name__ == "__main__":
    main()
