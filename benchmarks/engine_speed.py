"""The seed ``compare`` with models on each engine, from process start: seconds, peak RSS, tokens read.

Each engine runs ``mtcheck compare`` on corpora/seed in a fresh process
(``--format json`` to a file; the conversions already cached, as after ``make
setup``), the engines taking turns in each of ``--repeat`` rounds so that a
busy neighbour slows them alike; the median is reported, with every run.
Peak RSS is the child's (``/usr/bin/time``-free: ``getrusage`` of the
children). Tokens are what the language model read for the seed, counted in
one in-process run per engine: both readings (alone, and after the source)
and the instruction around the source. The CPU's model name and flags come first.

    python benchmarks/engine_speed.py [--repeat 3] [--engines ctranslate2:auto torch:float32 ctranslate2:int8]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lm_speed import cpu

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpora" / "seed"


def one_compare(runtime: str, dtype: str, out: Path) -> tuple[float, float, str]:
    """Seconds from process start, the child's peak RSS in MiB, and its exit status."""
    command = [sys.executable, "-m", "mtcheck", "compare", str(SEED / "source.en.txt"), str(SEED / "target.txt"),
               "--engine", runtime, "--dtype", dtype, "--format", "json", "--output", str(out)]
    started = time.perf_counter()
    pid = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE).pid
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{runtime} {dtype}: mtcheck exited {code}")
    return seconds, usage.ru_maxrss / 1024, str(code)


def tokens_read(runtime: str, dtype: str) -> int:
    """Tokens the language model reads for the seed (every window's length), in this process."""
    from mtcheck.config import Config
    from mtcheck.models.lm import LanguageModel
    from mtcheck.pipeline import compare_texts
    from mtcheck.read.text import read_text

    counted = []
    original = LanguageModel.score_windows

    def counting(self, windows, **kwargs):
        counted.append(sum(len(w.ids) for w in windows))
        return original(self, windows, **kwargs)

    LanguageModel.score_windows = counting
    try:
        compare_texts(read_text(SEED / "source.en.txt"), read_text(SEED / "target.txt"),
                      Config(engine=runtime, dtype=dtype))
    finally:
        LanguageModel.score_windows = original
    return sum(counted)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--engines", nargs="+", default=["torch:float32", "ctranslate2:auto", "ctranslate2:int8"],
                        metavar="ENGINE:DTYPE")
    args = parser.parse_args()
    engines = [tuple(e.split(":")) for e in args.engines]
    print(f"CPU: {cpu()}; {os.cpu_count()} CPUs")
    runs: dict[tuple, list] = {e: [] for e in engines}
    with tempfile.TemporaryDirectory() as scratch:
        for runtime, dtype in engines:  # once each first: a conversion missing from the cache is made here
            one_compare(runtime, dtype, Path(scratch) / "warm.json")
        for _ in range(args.repeat):
            for runtime, dtype in engines:
                runs[runtime, dtype].append(one_compare(runtime, dtype, Path(scratch) / "r.json"))
    print(f"seed compare with models, from process start, median of {args.repeat} rounds")
    print("| engine | seconds (every run) | peak RSS MiB | tokens read | exit |")
    print("|---|---:|---:|---:|---:|")
    for (runtime, dtype), results in runs.items():
        seconds = [s for s, _, _ in results]
        every = ", ".join(f"{s:.1f}" for s in seconds)
        print(f"| {runtime} {dtype} | {statistics.median(seconds):.1f} ({every}) | "
              f"{max(r for _, r, _ in results):.0f} | {tokens_read(runtime, dtype):,} | {results[-1][2]} |")


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    main()
