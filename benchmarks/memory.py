"""Peak memory of `mtcheck compare` on big and pathological articles.

Each row runs the installed `mtcheck` in a fresh process on generated files
and reads the process's peak resident set size from the kernel (wait4's
ru_maxrss), so imports, the models (with --models) and every stage count.
The shapes, all built from the seed pair in corpora/seed:

- article: the seed source and its translation repeated to the size, paragraphs kept;
- one-line: the same translation with every newline made a space (one line of N MB);
- no-punctuation: the translation's words only, no punctuation, no newline
  (one huge "sentence", which the segmenter must split);
- lopsided: the seed source (10 KB) against the N MB translation.

The target for --no-models is at most 300 MB for a 10 MB article.

    python benchmarks/memory.py                      # article at 1, 10, 49 MB; other shapes at 10 MB
    python benchmarks/memory.py --sizes 1 --shapes article one-line
    python benchmarks/memory.py --models --sizes 1   # with the language model and embedder
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpora" / "seed"
MTCHECK = Path(sys.executable).parent / "mtcheck"
MIB = 1024 * 1024
SHAPES = ("article", "one-line", "no-punctuation", "lopsided")


def repeated(text: str, size: int, separator: str = "\n\n") -> str:
    unit = text.strip() + separator
    return (unit * (size // len(unit.encode("utf-8")) + 1)).encode("utf-8")[:size].decode("utf-8", "ignore")


def make_pair(shape: str, megabytes: float, folder: Path) -> tuple[Path, Path]:
    source_text = (SEED / "source.en.txt").read_text(encoding="utf-8")
    target_text = (SEED / "target.txt").read_text(encoding="utf-8")
    size = int(megabytes * MIB)
    if shape == "article":
        source, target = repeated(source_text, size), repeated(target_text, size)
    elif shape == "one-line":
        source = repeated(source_text, size)
        target = repeated(" ".join(target_text.split()), size, separator=" ")
    elif shape == "no-punctuation":
        source = repeated(source_text, size)
        target = repeated(" ".join(re.findall(r"\w+", target_text)), size, separator=" ")
    elif shape == "lopsided":
        source, target = source_text, repeated(target_text, size)
    else:
        raise ValueError(shape)
    paths = folder / f"{shape}-{megabytes}.source.txt", folder / f"{shape}-{megabytes}.target.txt"
    for path, text in zip(paths, (source, target)):
        path.write_text(text, encoding="utf-8")
    return paths


def measure(source: Path, target: Path, models: bool, output: Path) -> tuple[float, float, int]:
    """(peak RSS in MB, wall seconds, exit code) of one compare run."""
    command = [str(MTCHECK), "compare", str(source), str(target), "--format", "json", "--output", str(output)]
    if not models:
        command.append("--no-models")
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    error = process.stderr.read().decode("utf-8", "replace").strip()
    process.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        print(f"  exit {code}: {error.splitlines()[-1] if error else ''}", file=sys.stderr)
    return usage.ru_maxrss / 1024, seconds, code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=float, nargs="+", help="MB per target (default: 1 10 49 for article, 10 for the rest)")
    parser.add_argument("--shapes", nargs="+", choices=SHAPES, default=list(SHAPES))
    parser.add_argument("--models", action="store_true", help="with the language model and embedder")
    args = parser.parse_args()
    print(f"| shape | target MB | mode | peak RSS MB | wall s | exit |")
    print("|---|---:|---|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        for shape in args.shapes:
            sizes = args.sizes or ([1, 10, 49] if shape == "article" else [10])
            for megabytes in sizes:
                source, target = make_pair(shape, megabytes, folder)
                peak, seconds, code = measure(source, target, args.models, folder / "report.json")
                mode = "models" if args.models else "--no-models"
                print(f"| {shape} | {megabytes:g} | {mode} | {peak:.0f} | {seconds:.1f} | {code} |", flush=True)
                for path in (source, target, folder / "report.json"):
                    path.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
