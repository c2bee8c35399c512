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
from span_metrics import (  # noqa: E402
    ALL_FLAGS, BASELINES, EVERYTHING, Flag, SpanItem, baseline_flags, document_flags, markdown_table, percent,
    span_scores,
)
from ted import DEFAULT_ROOT as TED_ROOT  # noqa: E402
from ted import TEST_DOCS, load_ted, split  # noqa: E402

DEFAULT_OUTPUT = Path(__file__).resolve().parent / "results.md"
CACHE_FORMAT = "mtcheck-checks-eval/1"
SPEED_PAIRS = 500


# --------------------------------------------------------------------------- running mtcheck


def run_mtcheck(records: Sequence, models: bool) -> tuple[dict[str, list[Flag]], str]:
    """Flags per record id, offsets into the record's own texts, and mtcheck's signature."""
    from mtcheck.pipeline import build_report, compare_records

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


def evaluate_demetr(items: list[demetr.DemetrItem], models: bool, cache: Path | None) -> dict:
    from mtcheck.checks import all_checks
    from mtcheck.io import PairRecord

    pairs = list(dict.fromkeys((i.source, t) for i in items for t in (i.clean, i.perturbed)))
    records = [PairRecord(demetr_key(s, t), s, t, demetr_key(s, t)) for s, t in pairs]
    flags, signature, seconds = cached_flags(records, models, cache)

    def mtcheck_flags(source: str, target: str) -> list[Flag]:
        return flags[demetr_key(source, target)]

    rows = demetr.type_rows(items, mtcheck_flags)
    baselines = {name: demetr.type_rows(items, lambda s, t, n=name: baseline_flags(n, s, t)) for name in BASELINES}
    clean = demetr.clean_pairs(items)
    return {
        "rows": rows, "baselines": baselines, "signature": signature, "seconds": seconds, "pairs": len(pairs),
        "tallies": demetr.check_tallies(items, mtcheck_flags, sorted(all_checks())),
        "clean": len(clean), "clean_flagged": sum(bool(mtcheck_flags(s, t)) for s, t in clean),
        "baseline_clean_flagged": {n: sum(bool(baseline_flags(n, s, t)) for s, t in clean) for n in BASELINES},
    }


def evaluate_ted(limit: int | None, models: bool, cache: Path | None) -> dict:
    from mtcheck.checks import all_checks
    from mtcheck.io import PairRecord

    _, test = split(load_ted())
    test = limited(test, limit)
    records = [PairRecord(f"ted:{i.id}", i.source, i.target, f"{i.system}:{i.doc}") for i in test]
    flags, signature, seconds = cached_flags(records, models, cache)
    scored = [SpanItem(i.source, i.target, tuple(e[:3] for e in i.errors), tuple(flags[f"ted:{i.id}"])) for i in test]
    return {"scores": span_scores(scored, sorted(all_checks())), "signature": signature,
            "seconds": seconds, "items": len(test), "segments": len({i.seg_id for i in test})}


# --------------------------------------------------------------------------- speed


def measure_speed(items: list[demetr.DemetrItem], models: bool) -> dict:
    """Pairs per second of the whole suite on the first SPEED_PAIRS perturbed pairs, interleaved by id."""
    from mtcheck.io import PairRecord
    from mtcheck.pipeline import compare_records

    chosen = sorted(items, key=lambda item: (item.id, item.perturbation))[:SPEED_PAIRS]
    records = [PairRecord(str(n), item.source, item.perturbed, None) for n, item in enumerate(chosen)]
    config = make_config(models)
    started = time.perf_counter()
    if models:
        from mtcheck.models.embedder import SentenceEmbedder
        from mtcheck.models.lm import LanguageModel

        LanguageModel.load(config.lm, dtype=config.dtype)
        SentenceEmbedder.load(config.embedder, dtype=config.dtype)
    compare_records(records[:4], config, "warm-up")
    loading = time.perf_counter() - started
    started, cpu_started, load_before = time.perf_counter(), time.process_time(), os.getloadavg()[0]
    compare_records(records, config, "speed")
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    return {"models": models, "pairs": len(records), "seconds": elapsed, "cpu": cpu, "loading": loading,
            "load": (load_before, os.getloadavg()[0])}


# --------------------------------------------------------------------------- results.md

BASELINE_LABELS = dict(zip(BASELINES, ("word absent", "capitalised")))


def render(results: dict) -> str:
    lines = _header(results)
    if "demetr" in results:
        d = results["demetr"]
        lines += demetr.markdown(d["rows"], {BASELINE_LABELS[name]: rows for name, rows in d["baselines"].items()})
    if "demetr" in results or "ted" in results:
        lines += _targets(results)
    if "ted" in results:
        lines += _ted_section(results["ted"])
    if "demetr" in results or "ted" in results:
        lines += _check_section(results)
    if "speed" in results:
        lines += _speed_section(results["speed"])
    return "\n".join(lines).rstrip() + "\n"


def _header(results: dict) -> list[str]:
    args = results["args"]
    command = " ".join([".venv/bin/python", "benchmarks/checks_eval.py", *sys.argv[1:]])
    lines = ["# mtcheck checks: measured results", "",
             f"Written by `{command}` on {results['date']} (UTC); rerun it to regenerate this file.",
             f"Models: {'on' if args.models else 'off (--no-models)'}. Parts: {', '.join(results['parts'])}.", ""]
    signatures = dict.fromkeys(results[part]["signature"] for part in ("demetr", "ted") if part in results)
    lines += [f"- mtcheck signature: `{signature}`" for signature in signatures]
    if "demetr" in results:
        d = results["demetr"]
        lines.append(f"- DEMETR: the first {args.per_type} `pert_check` items of each of {len(d['rows'])} perturbation "
                     f"files ({sum(r.n + r.unchanged for r in d['rows'])} items), {d['clean']} distinct clean pairs; "
                     f"{d['pairs']} distinct pairs through mtcheck, each its own document.")
    if "ted" in results:
        t = results["ted"]
        lines.append(f"- TED: test split (talks {', '.join(sorted(TEST_DOCS))}): {t['items']} items, {t['segments']} "
                     f"segments{' (--limit)' if args.limit else ''}; one document per system and talk.")
    return lines


def _targets(results: dict) -> list[str]:
    lines = ["", "## Targets", ""]
    if "demetr" in results:
        d = results["demetr"]
        totals = {severity: (n, caught) for severity, n, caught, _ in demetr.class_totals(d["rows"])}
        for severity, goal in (("critical", 0.9), ("major", 0.7)):
            n, caught = totals.get(severity, (0, 0))
            met = "met" if n and caught / n >= goal else "not met"
            shown = percent(caught, n)
            lines.append(f"- DEMETR detection on {severity} perturbations ≥ {goal:.0%}: {shown} — **{met}**")
        rate = d["clean_flagged"] / d["clean"] if d["clean"] else 1.0
        baselines = ", ".join(f"{BASELINE_LABELS[name]} {percent(count, d['clean'])}"
                              for name, count in d["baseline_clean_flagged"].items())
        lines.append(f"- False positives on clean `mt_sent` ≤ 5%: {percent(d['clean_flagged'], d['clean'])} of "
                     f"{d['clean']} distinct clean pairs (baselines: {baselines}) — "
                     f"**{'met' if rate <= 0.05 else 'not met'}**")
    if "ted" in results:
        systems = results["ted"]["scores"].systems
        ours, best = systems[ALL_FLAGS].mcc, max(systems[name].mcc for name in BASELINES)
        met = ours >= 2 * best and ours >= best + 0.05
        lines.append(f"- TED span MCC well above the naive rules (here: at least twice the better baseline and "
                     f"0.05 above it): {ours:.3f} against {best:.3f} — **{'met' if met else 'not met'}**")
    return lines


def _ted_section(t: dict) -> list[str]:
    scores = t["scores"]
    gold = scores.systems[EVERYTHING]
    lines = ["", "## TED zh-en MQM: character spans against the raters'", "",
             "Gold: the union of every rater's error spans; predicted: the union of the findings' target spans. "
             "Counted over non-space characters, pooled across items (long items weigh more). "
             f"Gold covers {percent(gold.gold, gold.tp + gold.fp)} of the {gold.tp + gold.fp} counted characters, "
             "so flagging everything already scores a fair F1; MCC is 0 for it and for random flags."]

    def row(label: str, c) -> list:
        precision = f"{c.precision:.3f}" if c.predicted else "—"
        return [label, c.predicted, precision, f"{c.recall:.3f}", f"{c.f1:.3f}", f"{c.mcc:.3f}"]

    rows = [row(name, scores.systems[name]) for name in (ALL_FLAGS, *BASELINES, EVERYTHING)]
    rows += [row(f"check: {name}", c) for name, c in scores.checks.items()]
    lines += markdown_table(["predictor", "flagged chars", "precision", "recall", "F1", "MCC"], rows)
    lines += ["### Per MQM category", "", "Gold restricted to the category's spans, predictions to the findings "
              "whose category starts with it."]
    rows = [[name, c.gold, *row(name, c)[1:]] for name, c in scores.categories.items()]
    return lines + markdown_table(["category", "gold chars", "flagged chars", "precision", "recall", "F1", "MCC"], rows)


def _check_section(results: dict) -> list[str]:
    from mtcheck.checks import all_checks

    tallies = results.get("demetr", {}).get("tallies", {})
    scores = results["ted"]["scores"] if "ted" in results else None
    rows = []
    for name, cls in sorted(all_checks().items()):
        row = [name, cls.category, cls.severity.value]
        tally = tallies.get(name)
        fp = percent(tally.clean_flagged, tally.clean_items) if tally else "—"
        row += [tally.findings, tally.catching, fp] if tally else ["—"] * 3
        if scores is None:
            row += ["—", "—"]
        else:
            on_ted = scores.checks[name]
            row += [scores.finding_counts[name], f"{on_ted.precision:.3f}" if on_ted.predicted else "—"]
        rows.append(row)
    headers = ["check", "category", "severity", "DEMETR findings (perturbed)", "catching the injection",
               "fires on clean mt_sent", "TED findings", "TED char precision"]
    return ["", "## Per check", "", "Every registered check, whether it fired or not."] + markdown_table(headers, rows)


def _speed_section(speeds: list[dict]) -> list[str]:
    rows = [["with models" if s["models"] else "without models (--no-models)", s["pairs"], f"{s['seconds']:.1f}",
             f"{s['pairs'] / s['seconds']:.1f}", f"{s['cpu']:.1f}", "{:.1f} / {:.1f}".format(*s["load"]),
             f"{s['loading']:.1f}"] for s in speeds]
    return ["", "## Speed", "",
            f"The whole check suite (scores, model signals, every check) through `compare_records` on the first "
            f"{SPEED_PAIRS} perturbed DEMETR pairs interleaved by id, as one document. Models were loaded and "
            f"warmed up on 4 pairs before the clock started; that time is shown apart. On a shared 2-core machine "
            f"the wall clock depends on what else runs: CPU seconds (all threads of this process) and the 1-minute "
            f"load average before / after say how much."
            ] + markdown_table(["mode", "pairs", "seconds", "pairs/s", "CPU s", "load avg", "load + warm-up s"], rows)


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
    roots = {"demetr": demetr.DEFAULT_ROOT, "ted": TED_ROOT, "speed": demetr.DEFAULT_ROOT}
    for folder in dict.fromkeys(roots[part] for part in parts):
        if not folder.is_dir():
            sys.exit(f"checks_eval: needs {folder} (the shared data folder beside the checkout); not found")

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
    args.output.write_text(render(results), encoding="utf-8")
    print(f"wrote {args.output} in {time.perf_counter() - started:.0f} s")


def _progress(part: str, seconds: float, started: float) -> None:
    spent = f"mtcheck {seconds:.0f} s" if seconds else "from cache"
    print(f"{part}: {spent}, {time.perf_counter() - started:.0f} s so far", file=sys.stderr)


if __name__ == "__main__":
    main()
