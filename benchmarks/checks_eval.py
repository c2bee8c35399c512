"""Measure mtcheck's checks on DEMETR and WMT21 TED MQM spans, and write benchmarks/results.md.

    .venv/bin/python benchmarks/checks_eval.py                 # everything, with models
    .venv/bin/python benchmarks/checks_eval.py --no-models --only ted --limit 500 --output /tmp/r.md

DEMETR (demetr.py has the injected-span rule): per perturbation, the share of
perturbed items where a finding catches the injected span, and the share of
the same items' clean ``mt_sent`` with any finding; ``eng_sent`` is the source.
Each distinct pair is its own document, so no check reads unrelated sentences
as context. TED zh-en MQM (ted.py's held-out TEST_DOCS, ``ref`` as source, one
document per system and talk): character P/R/F1/MCC against the raters' spans
(span_metrics.py), overall, per MQM category and per check, beside two naive
baselines. Speed: the whole suite on 500 DEMETR pairs, models loaded first.
``--cache FILE`` keeps per-item findings as JSON under the models mode and a
hash of mtcheck's source (any code change recomputes).
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import inspect
import json
import os
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Sequence

sys.path.insert(0, str(Path(__file__).resolve().parent))
import demetr  # noqa: E402
from mqm_correlation import limited, make_config  # noqa: E402
from results_markdown import render  # noqa: E402
from span_metrics import BASELINES, Flag, SpanItem, baseline_flags, document_flags, span_scores  # noqa: E402
import ted  # noqa: E402
from ted import load_ted, split  # noqa: E402

DEFAULT_OUTPUT = Path(__file__).resolve().parent / "results.md"
CACHE_FORMAT = "mtcheck-checks-eval/1"
SPEED_PAIRS = 500


# --------------------------------------------------------------------------- running mtcheck


def run_mtcheck(records: Sequence, models: bool) -> tuple[dict[str, list[Flag]], str]:
    """Flags per record id, offsets into the record's own texts, and mtcheck's signature."""
    from mtcheck.pipeline import compare_records
    from mtcheck.report.build import build_report

    config = make_config(models)
    documents = compare_records(records, config, default_id="eval")
    flags: dict[str, list[Flag]] = {record.id: [] for record in records}
    flags.update(document_flags(documents))
    return flags, build_report(documents, config, pre_aligned=True).signature


@functools.cache
def code_fingerprint() -> str:
    """A hash of mtcheck's source and of every registered check's module (plugins included)."""
    import mtcheck
    from mtcheck.checks import all_checks

    files = set(Path(mtcheck.__file__).parent.rglob("*.py"))
    files.update(Path(inspect.getsourcefile(cls)) for cls in all_checks().values())
    digest = hashlib.sha1()
    for path in sorted(files):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def cached_flags(records: Sequence, models: bool, cache: Path | None) -> tuple[dict[str, list[Flag]], str, float]:
    """Flags of ``records``, from the cache where it has them; seconds spent in mtcheck."""
    section = f"{'models' if models else 'no-models'}|src:{code_fingerprint()}"
    stored = {"format": CACHE_FORMAT, "sections": {}}
    if cache is not None and cache.is_file():
        stored = json.loads(cache.read_text(encoding="utf-8"))
        if stored.get("format") != CACHE_FORMAT:
            sys.exit(f"{cache}: not a {CACHE_FORMAT} cache; delete it or choose another file")
    mode = section.split("|")[0]
    # Sections for the same mode from older code are stale: drop them so the file does not grow.
    stored["sections"] = {k: v for k, v in stored["sections"].items() if k == section or not k.startswith(mode + "|")}
    part = stored["sections"].setdefault(section, {"signature": None, "flags": {}})
    missing = [record for record in records if record.id not in part["flags"]]
    elapsed = 0.0
    if missing:
        started = time.perf_counter()
        computed, part["signature"] = run_mtcheck(missing, models)
        elapsed = time.perf_counter() - started
        part["flags"].update({key: [flag.to_json() for flag in flags] for key, flags in computed.items()})
        if cache is not None:
            cache.write_text(json.dumps(stored, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    flags = {record.id: [Flag.from_json(row) for row in part["flags"][record.id]] for record in records}
    return flags, part["signature"] or "?", elapsed


# --------------------------------------------------------------------------- the two data sets


def demetr_key(source: str, target: str) -> str:
    return "demetr:" + hashlib.sha1(json.dumps([source, target]).encode()).hexdigest()[:20]


def demetr_records(items: Sequence[demetr.DemetrItem]) -> list:
    """One record per distinct (source, clean or perturbed) pair, each its own document, keyed by demetr_key."""
    from mtcheck.read.pairs import PairRecord

    pairs = dict.fromkeys((i.source, t) for i in items for t in (i.clean, i.perturbed))
    return [PairRecord(demetr_key(s, t), s, t, demetr_key(s, t)) for s, t in pairs]


def ted_records(items: Sequence) -> list:
    """One record per TED item (id ``ted:<id>``), one document per system and talk."""
    from mtcheck.read.pairs import PairRecord

    return [PairRecord(f"ted:{i.id}", i.source, i.target, f"{i.system}:{i.doc}") for i in items]


def evaluate_demetr(items: list[demetr.DemetrItem], models: bool, cache: Path | None) -> dict:
    from mtcheck.checks import all_checks

    records = demetr_records(items)
    flags, signature, seconds = cached_flags(records, models, cache)

    def mtcheck_flags(source: str, target: str) -> list[Flag]:
        return flags[demetr_key(source, target)]

    rows = demetr.type_rows(items, mtcheck_flags)
    baselines = {name: demetr.type_rows(items, lambda s, t, n=name: baseline_flags(n, s, t)) for name in BASELINES}
    clean = demetr.clean_pairs(items)
    return {
        "rows": rows, "baselines": baselines, "signature": signature, "seconds": seconds, "pairs": len(records),
        "tallies": demetr.check_tallies(items, mtcheck_flags, sorted(all_checks())),
        "clean": len(clean), "clean_flagged": sum(bool(mtcheck_flags(s, t)) for s, t in clean),
        "baseline_clean_flagged": {n: sum(bool(baseline_flags(n, s, t)) for s, t in clean) for n in BASELINES},
    }


def evaluate_ted(limit: int | None, models: bool, cache: Path | None) -> dict:
    from mtcheck.checks import all_checks

    _, test = split(load_ted())
    test = limited(test, limit)
    flags, signature, seconds = cached_flags(ted_records(test), models, cache)
    scored = [SpanItem(i.source, i.target, tuple(e[:3] for e in i.errors), tuple(flags[f"ted:{i.id}"])) for i in test]
    # Segments every rater left without an error: a false-positive rate free of
    # the real errors that DEMETR's clean machine translations still carry.
    error_free = [i for i in test if not i.errors]
    flagged = {
        who: (sum(bool(flags[f"ted:{i.id}"]) for i in group), len(group))
        for who, group in (("all systems", error_free), ("refB (human)", [i for i in error_free if i.system == "refB"]))
    }
    return {"scores": span_scores(scored, sorted(all_checks())), "signature": signature, "error_free": flagged,
            "seconds": seconds, "items": len(test), "segments": len({i.seg_id for i in test})}


# --------------------------------------------------------------------------- speed


def measure_speed(items: list[demetr.DemetrItem], models: bool) -> dict:
    """Pairs per second of the whole suite on the first SPEED_PAIRS perturbed pairs, interleaved by id."""
    from mtcheck.read.pairs import PairRecord
    from mtcheck.pipeline import compare_records

    chosen = sorted(items, key=lambda item: (item.id, item.perturbation))[:SPEED_PAIRS]
    records = [PairRecord(str(n), item.source, item.perturbed, None) for n, item in enumerate(chosen)]
    config = make_config(models)
    started = time.perf_counter()
    if models:
        from mtcheck.models.signals import load_models

        load_models(config.model_engine())
    compare_records(records[:4], config, "warm-up")
    loading = time.perf_counter() - started
    started, cpu_started, load_before = time.perf_counter(), time.process_time(), os.getloadavg()[0]
    compare_records(records, config, "speed")
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    return {"models": models, "first": SPEED_PAIRS, "pairs": len(records), "seconds": elapsed, "cpu": cpu,
            "loading": loading, "load": (load_before, os.getloadavg()[0])}


# --------------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-type", type=int, default=100, help="first N pert_check items of each DEMETR file")
    parser.add_argument("--no-models", dest="models", action="store_false", help="rules and sacrebleu only")
    parser.add_argument("--only", choices=("demetr", "ted", "speed"), help="run one part only")
    parser.add_argument("--limit", type=int, help="about N TED test items (whole segments), for quick runs")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="markdown file to write")
    parser.add_argument("--cache", type=Path, help="JSON file keeping per-item findings between runs")
    args = parser.parse_args()
    parts = [args.only] if args.only else ["demetr", "ted", "speed"]
    # Each part's data set under MTCHECK_DATA (data_sets.py): a one-line exit before any work when one is missing.
    roots = {"demetr": demetr.default_root, "ted": ted.default_root, "speed": demetr.default_root}
    for find in dict.fromkeys(roots[part] for part in parts):
        find()

    started = time.perf_counter()
    results: dict = {"args": args, "parts": parts, "date": datetime.now(timezone.utc).strftime("%Y-%m-%d")}
    items = demetr.load_demetr(per_type=args.per_type) if args.only != "ted" else []
    if "demetr" in parts:
        results["demetr"] = evaluate_demetr(items, args.models, args.cache)
        _progress("DEMETR", results["demetr"]["seconds"], started)
    if "ted" in parts:
        results["ted"] = evaluate_ted(args.limit, args.models, args.cache)
        _progress("TED", results["ted"]["seconds"], started)
    if "speed" in parts:
        modes = [True, False] if args.models else [False]
        results["speed"] = [measure_speed(items, models) for models in modes]
        _progress("speed", sum(s["seconds"] + s["loading"] for s in results["speed"]), started)
    args.output.write_text(render(results) + kept_section(args.output), encoding="utf-8")
    print(f"wrote {args.output} in {time.perf_counter() - started:.0f} s")


def kept_section(path: Path) -> str:
    """The section benchmarks/judgement.py wrote into the file, kept across a rewrite of the rest."""
    from judgement import BEGIN, END

    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    if BEGIN in text and END in text:
        return "\n" + text[text.index(BEGIN) : text.index(END) + len(END)] + "\n"
    return ""


def _progress(part: str, seconds: float, started: float) -> None:
    spent = f"mtcheck {seconds:.0f} s" if seconds else "from cache"
    print(f"{part}: {spent}, {time.perf_counter() - started:.0f} s so far", file=sys.stderr)


if __name__ == "__main__":
    main()
