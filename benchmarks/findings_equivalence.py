"""Are the findings the same as a recorded baseline? (the refactor's equivalence check)

Runs `mtcheck compare` in a fresh process on the seed pair (corpora/seed) and
on the 3,000 DEMETR pairs of benchmarks/pairs_throughput.py, and reduces each
report to its findings: document, check, category, severity, confidence,
pair and the two spans. `--record` stores that as the baseline
(benchmarks/baselines/findings.jsonl.gz); without it, the run is compared to
the baseline and every difference is printed. Messages are compared too but
reported apart: a reworded message is not a changed finding.

    python benchmarks/findings_equivalence.py --record      # before a change
    python benchmarks/findings_equivalence.py               # after it: exit 1 on any difference
    python benchmarks/findings_equivalence.py --no-models   # rules only (faster; its own baseline)

It runs with `--judge off`: what it guards is the rule checks, and the learned
layer's confidences, filtering and word-error findings differ from any
baseline by design. The baselines in benchmarks/baselines/ were recorded from commit 33b1ec9, the
code before the architecture redesign (issue 10), on the 2-core development
machine: with models, the same code on another CPU differs in a few dozen
findings and in confidences by up to 0.05, so record a baseline on the machine
that compares against it.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import data_sets  # noqa: E402
from pairs_throughput import demetr_pairs  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpora" / "seed"
BASELINES = Path(__file__).resolve().parent / "baselines"


def run_report(arguments: list[str], folder: Path, models: bool) -> dict:
    output = folder / "report.json"
    command = [sys.executable, "-m", "mtcheck", "compare", *arguments, "--format", "json",
               "--output", str(output), "--max-critical", "1000000", "--threads", "1",
               # The rule checks' findings: the learned layer (issue 11) changes findings by design.
               "--judge", "off"]
    command += [] if models else ["--no-models"]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode not in (0, 1):
        sys.exit(result.stderr)
    return json.loads(output.read_text(encoding="utf-8"))


def span_key(span: dict | None) -> list | None:
    return None if span is None else [span["start"], span["end"], span["text"]]


def finding_rows(corpus: str, report: dict) -> list[dict]:
    rows = []
    for document in report["documents"]:
        for finding in document["findings"]:
            rows.append({
                "corpus": corpus, "doc": document["id"], "check": finding["check"],
                "category": finding["category"], "severity": finding["severity"],
                "confidence": finding["confidence"], "pair": finding["pair"],
                "target": span_key(finding["target_span"]), "source": span_key(finding["source_span"]),
                "message": finding["message"],
            })
    return rows


def current_rows(models: bool, pairs: int) -> list[dict]:
    demetr = data_sets.data_set("demetr")  # before any work: a one-line exit when MTCHECK_DATA lacks it
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        rows = finding_rows("seed", run_report([str(SEED / "source.en.txt"), str(SEED / "target.txt")], folder, models))
        pairs_file = folder / "pairs.jsonl"
        pairs_file.write_text("".join(json.dumps(row) + "\n" for row in demetr_pairs(pairs, demetr)), encoding="utf-8")
        rows += finding_rows("demetr", run_report(["--pairs", str(pairs_file)], folder, models))
    return rows


def identity(row: dict) -> str:
    return json.dumps({key: value for key, value in row.items() if key != "message"}, sort_keys=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--record", action="store_true", help="store this run as the baseline")
    parser.add_argument("--no-models", action="store_true")
    parser.add_argument("--pairs", type=int, default=3000)
    args = parser.parse_args()
    baseline = BASELINES / ("findings-no-models.jsonl.gz" if args.no_models else "findings.jsonl.gz")
    rows = current_rows(not args.no_models, args.pairs)
    if args.record:
        BASELINES.mkdir(exist_ok=True)
        with gzip.open(baseline, "wt", encoding="utf-8", compresslevel=9) as handle:
            handle.writelines(json.dumps(row, sort_keys=True) + "\n" for row in rows)
        print(f"recorded {len(rows)} findings in {baseline.relative_to(ROOT)}")
        return
    with gzip.open(baseline, "rt", encoding="utf-8") as handle:
        recorded = [json.loads(line) for line in handle]
    before, after = Counter(map(identity, recorded)), Counter(map(identity, rows))
    lost, gained = before - after, after - before
    messages_before = Counter(row["message"] for row in recorded)
    messages_after = Counter(row["message"] for row in rows)
    reworded = sum((messages_before - messages_after).values())
    for line in sorted(lost.elements()):
        print(f"- {line}")
    for line in sorted(gained.elements()):
        print(f"+ {line}")
    print(f"baseline {len(recorded)} findings, now {len(rows)}: {sum(lost.values())} lost, "
          f"{sum(gained.values())} new; {reworded} messages reworded")
    sys.exit(1 if lost or gained else 0)


if __name__ == "__main__":
    main()
