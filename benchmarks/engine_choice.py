"""Which engine, number type or judge ships: each candidate judged on the same items, with its own judge.

    python benchmarks/engine_choice.py --candidate ctranslate2:float32:JUDGE_A --candidate ctranslate2:int8:JUDGE_B
        [--baseline 0] [--demetr-per-type 15] [--resamples 1000] [--news-every 1] [--read-only]

Each candidate is ENGINE:DTYPE:JUDGE[:-CHECK,...], JUDGE a judge file trained on that
engine's readings (``python -m mtcheck.training.train --dtype ... --out ...``) or
``packaged``, and ``:-antonym`` runs it without that check (what a check adds). Every candidate reads the same items (the models' readings kept
in the training stores, keyed by the models' signature, so each engine's are
its own), and the first candidate (``--baseline``) is what the others are compared with:

- news: segment Kendall tau of quality v3 against the raters' MQM, span MCC
  at the review point, and the share of error-free segments flagged at the
  gate point, on the judge's held-back ``test`` documents;
- DEMETR: critical and major perturbations detected at the review point, the
  antonym and negation perturbations apart, and the share of clean
  ``mt_sent`` pairs with a finding as confident as the gate point.

Two candidates on one engine and type compare two judges on the same
readings (``python -m mtcheck.training.train --no-synthetic`` against the
default, which mixes synthetic meaning flips into the word model's rows).

Noise is a paired bootstrap over documents (news) and over source sentences
(DEMETR): ``--resamples`` times the same resampled documents are scored for
both candidates, and the 95% interval of the difference is reported. A
candidate is "within noise" of the baseline on a metric when that interval
holds 0 or lies on its better side.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))

import demetr  # noqa: E402
import ted  # noqa: E402
from judgement import Item, documents, news_items, scored  # noqa: E402
from lm_speed import cpu  # noqa: E402
from span_metrics import document_flags  # noqa: E402

from mtcheck.config import Config  # noqa: E402
from mtcheck.grade.judge.model import load  # noqa: E402
from mtcheck.pipeline import evaluate  # noqa: E402

HIGHER_IS_BETTER = {"news tau": True, "span MCC (review)": True, "error-free flagged (gate)": False,
                    "DEMETR critical detected": True, "DEMETR major detected": True,
                    "DEMETR antonym detected": True, "DEMETR negation detected": True,
                    "DEMETR clean flagged (gate)": False}


def read(items, runtime: str, dtype: str, store: str):
    return documents(items, True, store, runtime, dtype)


def news_parts(items, docs, config: Config, judge_file: str) -> dict:
    """Per news document: (quality values, human values, span confusion counts, error-free flags)."""
    graded = [evaluate(d, replace(config, min_confidence=0.0)) for d in docs]
    points = dict(load(judge_file).variant(True).operating_points)
    review, gate = scored(items, graded, points["review"]), scored(items, graded, points["gate"])
    parts: dict = {}
    for item, document, at_review, at_gate in zip(items, graded, review, gate):
        doc = item.group[0]
        flagged, gold = at_review.char_scores >= points["review"], at_review.gold
        counts = np.array([(flagged & gold).sum(), (flagged & ~gold).sum(), (~flagged & gold).sum(),
                           (~flagged & ~gold).sum()], dtype=np.int64)
        entry = parts.setdefault(doc, {"quality": [], "human": [], "counts": np.zeros(4, np.int64), "clean": []})
        entry["quality"].append(document.scores.quality)
        entry["human"].append(item.mqm)
        entry["counts"] += counts
        if at_gate.error_free:
            entry["clean"].append(at_gate.top >= points["gate"])
    return parts


def news_metrics(parts: dict, docs: list) -> dict[str, float]:
    quality = [q for d in docs for q in parts[d]["quality"]]
    human = [h for d in docs for h in parts[d]["human"]]
    tp, fp, fn, tn = (float(x) for x in sum(parts[d]["counts"] for d in docs))
    denominator = np.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn))
    clean = [c for d in docs for c in parts[d]["clean"]]
    return {"news tau": ted.kendall_tau(quality, human),
            "span MCC (review)": (tp * tn - fp * fn) / denominator if denominator else 0.0,
            "error-free flagged (gate)": sum(clean) / len(clean) if clean else 0.0}


def demetr_parts(items, pairs, docs, config: Config, gate: float) -> dict:
    """Per DEMETR source sentence: [(severity, perturbation, caught)] of its perturbed items at the review point,
    and [flagged] of its clean mt_sent pairs at the gate point (any finding that confident)."""
    graded = [evaluate(d, config) for d in docs]
    flags = document_flags(graded)
    top = {pair: max((f.confidence for f in document.findings), default=0.0) for pair, document in zip(pairs, graded)}
    by_pair = {pair: flags.get(str(k), []) for k, pair in enumerate(pairs)}
    parts: dict = {}
    for item in demetr.detection_items(items):
        if item.severity in ("critical", "major") and item.injection is not None:
            caught = any(item.injection.caught_by(flag) for flag in by_pair[(item.source, item.perturbed)])
            parts.setdefault(item.source, {"perturbed": [], "clean": {}})["perturbed"].append(
                (item.severity, item.perturbation, caught))
        parts.setdefault(item.source, {"perturbed": [], "clean": {}})["clean"][item.clean] = top[(item.source, item.clean)] >= gate
    return parts


def demetr_metrics(parts: dict, sources: list) -> dict[str, float]:
    out = {}
    for name, keep in (("critical", lambda sev, kind: sev == "critical"), ("major", lambda sev, kind: sev == "major"),
                       ("antonym", lambda sev, kind: kind.endswith("antonym")),
                       ("negation", lambda sev, kind: kind.endswith("negation"))):
        hits = [caught for s in sources for sev, kind, caught in parts[s]["perturbed"] if keep(sev, kind)]
        out[f"DEMETR {name} detected"] = sum(hits) / len(hits) if hits else 0.0
    clean = [flagged for s in sources for flagged in parts[s]["clean"].values()]
    out["DEMETR clean flagged (gate)"] = sum(clean) / len(clean) if clean else 0.0
    return out


def _candidate(spec: str) -> tuple[str, str, str, tuple[str, ...]]:
    """ENGINE:DTYPE:JUDGE[:-CHECK,-CHECK]: the last part names checks the candidate runs without."""
    runtime, dtype, rest = spec.split(":", 2)
    judge, _, skipped = rest.partition(":-")
    return runtime, dtype, judge, tuple(name.lstrip("-") for name in skipped.split(",") if name)


def _named(candidate) -> str:
    runtime, dtype, judge, skipped = candidate
    return f"{runtime} {dtype} ({judge})" + "".join(f" without {name}" for name in skipped)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidate", action="append", required=True, metavar="ENGINE:DTYPE:JUDGE[:-CHECK,...]")
    parser.add_argument("--baseline", type=int, default=0, help="which candidate the others are compared with")
    parser.add_argument("--demetr-per-type", type=int, default=15)
    parser.add_argument("--resamples", type=int, default=1000)
    parser.add_argument("--news-every", type=int, default=1,
                        help="every N-th news test item of each document (a fixed subset: less reading)")
    parser.add_argument("--read-only", action="store_true",
                        help="only fill the stores with the candidates' readings (run one per engine in parallel)")
    args = parser.parse_args()
    started = time.perf_counter()
    candidates = [_candidate(c) for c in args.candidate]
    news = news_items()[:: args.news_every]
    items = demetr.load_demetr(per_type=args.demetr_per_type)
    pairs = list(dict.fromkeys((i.source, t) for i in items for t in (i.clean, i.perturbed)))
    as_items = [Item(str(k), s, t, (), 0.0, k) for k, (s, t) in enumerate(pairs)]
    if args.read_only:
        for runtime, dtype, _, _ in candidates:
            read(news, runtime, dtype, "wmt21-news")
            read(as_items, runtime, dtype, "demetr")
        return
    news_by, demetr_by = [], []
    for runtime, dtype, judge, skipped in candidates:
        config = Config(engine=runtime, dtype=dtype, judge=judge, skip_checks=skipped)
        news_by.append(news_parts(news, read(news, runtime, dtype, "wmt21-news"), config, judge))
        gate = dict(load(judge).variant(True).operating_points)["gate"]
        demetr_by.append(demetr_parts(items, pairs, read(as_items, runtime, dtype, "demetr"), config, gate))
    documents, sources = sorted(news_by[0]), sorted(demetr_by[0])
    measured = [{**news_metrics(n, documents), **demetr_metrics(d, sources)} for n, d in zip(news_by, demetr_by)]
    rng = np.random.default_rng(20261208)
    resampled = [[] for _ in candidates]
    for _ in range(args.resamples):
        docs = list(rng.choice(documents, len(documents)))
        picked = list(rng.choice(sources, len(sources)))
        for k, (n, d) in enumerate(zip(news_by, demetr_by)):
            resampled[k].append({**news_metrics(n, docs), **demetr_metrics(d, picked)})
    base = args.baseline
    print(f"CPU: {cpu()}")
    print(f"{len(news)} news test items in {len(documents)} documents; DEMETR {len(sources)} source sentences "
          f"({args.demetr_per_type} items per perturbation); paired bootstrap, {args.resamples} resamples")
    print("| metric | " + " | ".join(_named(c) for c in candidates) + " | difference (95% interval) | |")
    print("|---|" + "---:|" * len(candidates) + "---|---|")
    for metric, higher in HIGHER_IS_BETTER.items():
        values = " | ".join(f"{m[metric]:.3f}" for m in measured)
        for k in range(len(candidates)):
            if k == base:
                continue
            diffs = np.array([resampled[k][i][metric] - resampled[base][i][metric] for i in range(args.resamples)])
            low, high = np.nanpercentile(diffs, [2.5, 97.5])
            ok = (low <= 0 <= high) or (low > 0 if higher else high < 0)
            name = _named(candidates[k])
            print(f"| {metric} | {values} | {name}: {measured[k][metric] - measured[base][metric]:+.3f} "
                  f"[{low:+.3f}, {high:+.3f}] | {'within noise' if ok else 'worse'} |")
    print(f"\n{time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
