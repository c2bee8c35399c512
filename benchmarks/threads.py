"""Seconds of `mtcheck compare` on the seed pair by model threads, idle and beside a CPU hog.

Rows: torch's default intra-op threads (how mtcheck ran before mtcheck.models.threads:
one batch at a time, every op split over all cores), the auto choice
(`--threads auto`: one single-threaded worker per available CPU) and
`--threads 1`; each on an idle machine and beside a competing CPU-bound process
(`python -c "while True: pass"`), free to run anywhere or pinned to one CPU.
The script starts and kills the competitor itself. Each run is a fresh
process, so the seconds include importing torch and loading the models,
as a user sees them. The last column says whether the scores (the JSON
report) are byte-identical to `--threads 1`'s.

    python benchmarks/threads.py                  # the seed pair; several minutes on 2 cores
    python benchmarks/threads.py --quick          # a short article: shows the script works
    python benchmarks/threads.py --modes default,auto,1,2 --loads idle,free --repeat 3

Run it on a machine nobody else is using: other work on the CPUs is exactly
what this measures.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpora" / "seed"
QUICK_CHARS = 1500  # the start of each seed article, cut at a paragraph break

# Runs one comparison; "default" restores the old behaviour: torch's own
# intra-op threads (left at its default), batches in series.
DRIVER = """
import sys
mode, argv = sys.argv[1], sys.argv[2:]
if mode == "default":
    import mtcheck.models.signals as signals
    import mtcheck.models.threads as threads

    def torch_default(requested=None):
        threads._workers = None  # batches in series, torch's threads untouched
        return 1

    threads.configure = signals.configure_threads = torch_default
else:
    argv += ["--threads", mode]
from mtcheck.cli import main
sys.exit(main(argv))
"""

HOG = "while True: pass"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help=f"the first ~{QUICK_CHARS} characters of each article")
    parser.add_argument("--modes", default="default,auto,1", help="default, auto or a thread count, comma-separated")
    parser.add_argument("--loads", default="idle,free,pinned", help="idle, free (hog anywhere), pinned (hog on one CPU)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per row; the median is shown")
    args = parser.parse_args()
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    loads = [m.strip() for m in args.loads.split(",") if m.strip()]

    from mtcheck.models.threads import available_cpus, choose_workers

    with tempfile.TemporaryDirectory(prefix="mtcheck-threads-") as scratch:
        source, target = articles(Path(scratch), args.quick)
        run_once(Path(scratch), source, target, "1")  # warm the model cache and the file cache
        rows, reference = [], {}
        for load in loads:
            for mode in modes:
                seconds, digest = [], None
                for _ in range(args.repeat):
                    with competitor(load):
                        elapsed, digest = run_once(Path(scratch), source, target, mode)
                    seconds.append(elapsed)
                reference.setdefault(load, {})[mode] = digest
                rows.append((mode, load, seconds, digest))
        print(f"`mtcheck compare` on {'the start of ' if args.quick else ''}the seed pair "
              f"({len(source.read_text())} / {len(target.read_text())} characters); "
              f"{available_cpus()} CPUs available, auto = {choose_workers(None)} workers; "
              f"median of {args.repeat}\n")
        print("| threads | competing process | seconds | runs | scores identical to --threads 1 |")
        print("|---|---|---:|---|---|")
        for mode, load, seconds, digest in rows:
            same = reference[load].get("1")
            verdict = "-" if same is None or mode == "1" else ("yes" if digest == same else "**no**")
            label = "torch default" if mode == "default" else mode
            runs = ", ".join(f"{s:.1f}" for s in seconds)
            print(f"| {label} | {load} | {statistics.median(seconds):.1f} | {runs} | {verdict} |")


def articles(scratch: Path, quick: bool) -> tuple[Path, Path]:
    source, target = SEED / "source.en.txt", SEED / "target.txt"
    if not quick:
        return source, target
    cut = []
    for path in (source, target):
        text = path.read_text(encoding="utf-8")
        end = text.find("\n\n", QUICK_CHARS)
        short = scratch / path.name
        short.write_text(text if end < 0 else text[:end] + "\n", encoding="utf-8")
        cut.append(short)
    return cut[0], cut[1]


def run_once(scratch: Path, source: Path, target: Path, mode: str) -> tuple[float, str]:
    """Wall seconds of one `mtcheck compare` process, and a digest of its JSON report."""
    report = scratch / f"report-{mode}.json"
    command = [sys.executable, "-c", DRIVER, mode, "compare", str(source), str(target),
               "--format", "json", "--output", str(report)]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        sys.exit(f"threads benchmark: {mode} failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    return elapsed, hashlib.sha256(report.read_bytes()).hexdigest()


class competitor:
    """A CPU-bound process for the duration of a ``with`` block: none (idle), free or pinned."""

    def __init__(self, load: str) -> None:
        if load not in ("idle", "free", "pinned"):
            sys.exit(f"threads benchmark: unknown load '{load}' (idle, free, pinned)")
        self.load, self.process = load, None

    def __enter__(self) -> competitor:
        if self.load != "idle":
            self.process = subprocess.Popen([sys.executable, "-c", HOG])
            if self.load == "pinned":
                os.sched_setaffinity(self.process.pid, {max(os.sched_getaffinity(0))})
            time.sleep(0.5)  # let it take its CPU before the measured run starts
        return self

    def __exit__(self, *exc) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()


if __name__ == "__main__":
    main()
