"""Throughput of ``mtcheck compare --pairs`` on 3,000 real sentence pairs.

Pairs come from DEMETR (``$MTCHECK_DATA/demetr``: English reference as source,
perturbed machine translation as target). The whole CLI runs once, in a new
process, so the figure includes start-up, reading, every check, scoring and
the JSON report.

    python benchmarks/pairs_throughput.py [--pairs 3000] [--no-models]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import data_sets  # noqa: E402


def demetr_pairs(limit: int, root: Path | None = None) -> list[dict]:
    """The first ``limit`` DEMETR pairs interleaved by id (``root``: DEMETR's folder, else MTCHECK_DATA's)."""
    root = data_sets.data_set("demetr") if root is None else root
    rows = []
    for path in sorted(root.glob("*.json")):
        for item in json.loads(path.read_text(encoding="utf-8")):
            rows.append({"id": f"{path.stem}:{item['id']}", "source": item["eng_sent"], "target": item["pert_sent"]})
    # Interleave perturbation types so any prefix is a fair mix.
    rows.sort(key=lambda row: (int(row["id"].rsplit(":", 1)[1]), row["id"]))
    return rows[:limit]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=3000)
    parser.add_argument("--no-models", action="store_true", help="rules and sacrebleu only")
    args = parser.parse_args()
    rows = demetr_pairs(args.pairs)
    with tempfile.TemporaryDirectory() as tmp:
        pairs_file = Path(tmp) / "pairs.jsonl"
        pairs_file.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
        command = [sys.executable, "-m", "mtcheck", "compare", "--pairs", str(pairs_file), "--format", "json",
                   "--output", str(Path(tmp) / "report.json"), "--max-critical", "1000000"]
        command += ["--no-models"] if args.no_models else []
        started = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True)
        elapsed = time.perf_counter() - started
        if result.returncode not in (0, 1):
            sys.exit(result.stderr)
        report = json.loads((Path(tmp) / "report.json").read_text(encoding="utf-8"))
    findings = sum(len(doc["findings"]) for doc in report["documents"])
    print(f"pairs: {len(rows)}  findings: {findings}")
    mode = "rules + sacrebleu" if args.no_models else "with models"
    print(f"mtcheck compare --pairs ({mode}) wall time: {elapsed:.2f} s ({len(rows) / elapsed:.0f} pairs/s, process start included)")


if __name__ == "__main__":
    main()
