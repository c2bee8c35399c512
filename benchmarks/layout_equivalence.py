"""Are the JSON reports byte-identical to a recorded baseline? (issue 28's behaviour-preserving check)

Four reports, each from ``mtcheck`` in a fresh process, run in a scratch
folder with relative file names so that no path differs between runs:

- the seed article (corpora/seed) rules only, and with the models;
- 300 DEMETR pairs in 30 documents of 10 (``compare --pairs``, rules only);
- a 40-article feed of 10 DEMETR pairs each (``batch --sources --targets``, rules only).

    python benchmarks/layout_equivalence.py --record   # before a change
    python benchmarks/layout_equivalence.py            # after it: exit 1 on any byte that differs

The baseline (benchmarks/baselines/layout/, gzip) is machine-specific where
the models run: record it on the machine that compares against it. DEMETR is
read through MTCHECK_DATA (benchmarks/data_sets.py).
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from data_sets import data_set  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
BASELINE = Path(__file__).resolve().parent / "baselines" / "layout"
SEED = ROOT / "corpora" / "seed"
PAIRS, PER_DOCUMENT, ARTICLES = 300, 10, 40


def demetr_rows(count: int) -> list[dict]:
    """DEMETR items in a fixed order that mixes the kinds of error: English reference, perturbed translation."""
    rows = []
    for path in sorted(data_set("demetr").glob("*.json")):
        for item in json.loads(path.read_text(encoding="utf-8")):
            rows.append({"id": f"{path.stem}:{item['id']}", "source": item["eng_sent"], "target": item["pert_sent"]})
    rows.sort(key=lambda row: (int(row["id"].rsplit(":", 1)[1]), row["id"]))
    return rows[:count]


def prepare(folder: Path) -> None:
    """The inputs, under fixed relative names."""
    for name in ("source.en.txt", "target.txt"):
        shutil.copy(SEED / name, folder / name)
    rows = demetr_rows(PAIRS + ARTICLES * PER_DOCUMENT)
    pairs = [dict(row, doc=f"doc{i // PER_DOCUMENT:02d}") for i, row in enumerate(rows[:PAIRS])]
    (folder / "pairs.jsonl").write_text("".join(json.dumps(row) + "\n" for row in pairs), encoding="utf-8")
    for side in ("sources", "targets"):
        (folder / side).mkdir()
    for article in range(ARTICLES):
        chunk = rows[PAIRS + article * PER_DOCUMENT : PAIRS + (article + 1) * PER_DOCUMENT]
        name = f"article{article:02d}.txt"
        (folder / "sources" / name).write_text(" ".join(row["source"] for row in chunk) + "\n", encoding="utf-8")
        (folder / "targets" / name).write_text(" ".join(row["target"] for row in chunk) + "\n", encoding="utf-8")


RUNS = {
    "seed-rules": ["compare", "source.en.txt", "target.txt", "--no-models", "--threads", "1"],
    "seed-models": ["compare", "source.en.txt", "target.txt", "--threads", "1"],
    "demetr-pairs": ["compare", "--pairs", "pairs.jsonl", "--no-models", "--threads", "1"],
    "batch-40": ["batch", "--sources", "sources", "--targets", "targets", "--no-models", "--no-store", "--quiet"],
}


def reports() -> dict[str, bytes]:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        prepare(folder)
        made = {}
        for name, arguments in RUNS.items():
            command = [sys.executable, "-m", "mtcheck", *arguments, "--format", "json", "--output", f"{name}.json"]
            result = subprocess.run(command, cwd=folder, capture_output=True, text=True)
            if result.returncode not in (0, 1):
                sys.exit(f"{name}: exit {result.returncode}: {result.stderr.strip()}")
            made[name] = (folder / f"{name}.json").read_bytes()
            print(f"{name}: {len(made[name]):,} bytes", file=sys.stderr)
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--record", action="store_true", help="store this run as the baseline")
    args = parser.parse_args()
    made = reports()
    if args.record:
        BASELINE.mkdir(parents=True, exist_ok=True)
        for name, data in made.items():
            (BASELINE / f"{name}.json.gz").write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
        print(f"recorded {len(made)} reports in {BASELINE.relative_to(ROOT)}")
        return
    differing = 0
    for name, data in made.items():
        recorded = gzip.decompress((BASELINE / f"{name}.json.gz").read_bytes())
        if recorded == data:
            print(f"{name}: identical ({len(data):,} bytes)")
            continue
        differing += 1
        before, after = recorded.decode().splitlines(), data.decode().splitlines()
        diff = list(difflib.unified_diff(before, after, "baseline", "now", lineterm="", n=1))
        print(f"{name}: DIFFERS ({len(diff)} diff lines)\n" + "\n".join(diff[:40]))
    sys.exit(1 if differing else 0)


if __name__ == "__main__":
    main()
