"""Segment-level Kendall tau of mtcheck's scores with human MQM (WMT21 TED zh->en).

Every TED item (see ``benchmarks/ted.py``: the English of system ``ref`` as
source, one of the other 14 systems as target) goes through mtcheck's Python
API in ``--pairs`` style (``compare_records``, one document per system and
talk). Printed: Kendall tau-b with the items' average MQM score, global (all
items pooled) and grouped by segment (within the 14 systems of each seg_id,
averaged; WMT's "group-by-item"), for mtcheck's pair ``quality`` and, from the
same run, sentence chrF and BLEU (mtcheck's pair scores are sacrebleu's
``sentence_chrf`` / ``sentence_bleu`` with effective order, rounded to 2
decimals), plus the other per-pair signals. Lower-is-better signals (TER,
contrast, bits given source, finding penalty) are negated so every tau reads
"higher agrees". The target's length in words is printed as a baseline: MQM
sums errors per segment, so longer segments score worse, and a global tau
partly measures length; the grouped tau compares translations of one segment.

    python benchmarks/mqm_correlation.py [--split dev|test|all] [--no-models]
        [--limit N] [--cache FILE] [--fit] [--dtype auto|float32|bfloat16]
        [--against-float32]

``--fit`` fits combinations of the per-item features on the DEV split only
(see ``ted_fit.py``) and prints each one's dev and test tau side by side, for
a human to choose from. The test split is never fitted on.

``--against-float32`` also runs the models in float32 on the chosen split and
prints each score's tau on both paths and the largest difference, so the fast
path does not cost accuracy silently.

``--cache FILE`` keeps the per-item features as JSON (one section per dtype
with models, one without), so fitting experiments do not rerun the models;
delete it after changing mtcheck.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Sequence

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ted import TedItem, default_root, grouped_tau, kendall_tau, load_ted, split  # noqa: E402

CACHE_FORMAT = "mtcheck-ted-features/2"
# Per-item features: the pair's scores, then what its findings add up to.
SCORE_FEATURES = ("chrf", "bleu", "ter", "similarity", "fluency", "contrast", "given_source", "quality")
FINDING_FEATURES = ("penalty", "minor", "major", "critical")
# +1: higher is better; -1: higher is worse (negated before correlating).
ORIENTATION = {"chrf": 1, "bleu": 1, "ter": -1, "similarity": 1, "fluency": 1, "contrast": -1, "quality": 1,
               "given_source": -1, "penalty": -1, "minor": -1, "major": -1, "critical": -1, "words": -1}
LABELS = {"chrf": "chrF", "bleu": "BLEU", "ter": "TER", "similarity": "similarity", "fluency": "fluency",
          "contrast": "contrast", "given_source": "bits given source", "quality": "quality", "penalty": "penalty",
          "minor": "minor findings", "major": "major findings", "critical": "critical findings",
          "words": "target words (length baseline)"}


# --------------------------------------------------------------------------- features


def make_config(models: bool, dtype: str = "auto"):
    from mtcheck.config import Config

    return dataclasses.replace(Config(), models=models, dtype=dtype)


def compute_features(items: Sequence[TedItem], models: bool, dtype: str = "auto") -> tuple[dict[str, dict], str]:
    """Per-item features by item id, and mtcheck's signature, from one compare_records run."""
    from mtcheck.read.pairs import PairRecord
    from mtcheck.pipeline import compare_records
    from mtcheck.report.build import build_report
    from mtcheck.grade.quality import WORD, mqm_penalty

    config = make_config(models, dtype)
    records = [
        PairRecord(id=item.id, source=item.source, target=item.target, doc=f"{item.system}:{item.doc}")
        for item in items
    ]
    documents = compare_records(records, config, default_id="ted")
    features: dict[str, dict] = {}
    for document in documents:
        by_pair = defaultdict(list)
        for finding in document.findings:
            by_pair[finding.pair].append(finding)
        for pair in document.pairs:
            findings = by_pair.get(pair.index, [])
            target = " ".join(document.target.text[s.start : s.end] for s in
                              (document.target_segments[j] for j in pair.target))
            row = {name: getattr(pair.scores, name, None) for name in SCORE_FEATURES}
            severities = Counter(finding.severity.value for finding in findings)
            row["penalty"] = mqm_penalty(findings, target)
            row.update({name: severities.get(name, 0) for name in ("minor", "major", "critical")})
            row["checks"] = dict(Counter(finding.check for finding in findings))
            row["words"] = len(WORD.findall(target))
            row["tokens_read"] = pair.scores.given_source_tokens or 0
            features[pair.id] = row
    return features, build_report(documents, config, pre_aligned=True).signature


def features_for(
    items: Sequence[TedItem], models: bool, cache: Path | None, dtype: str = "auto"
) -> tuple[dict[str, dict], str, float]:
    """Features of ``items``, from the cache where it has them; seconds spent in mtcheck."""
    section = f"models-{dtype}" if models else "no-models"
    stored: dict = {"format": CACHE_FORMAT, "sections": {}}
    if cache is not None and cache.is_file():
        stored = json.loads(cache.read_text(encoding="utf-8"))
        if stored.get("format") != CACHE_FORMAT:
            sys.exit(f"{cache}: not a {CACHE_FORMAT} cache; delete it or choose another file")
    part = stored["sections"].setdefault(section, {"signature": None, "features": {}})
    missing = [item for item in items if item.id not in part["features"]]
    elapsed = 0.0
    if missing:
        started = time.perf_counter()
        computed, signature = compute_features(missing, models, dtype)
        elapsed = time.perf_counter() - started
        if part["signature"] not in (None, signature):
            print(f"note: cache section '{section}' was made by {part['signature']}; now {signature}",
                  file=sys.stderr)
        part["features"].update(computed)
        part["signature"] = signature
        if cache is not None:
            cache.write_text(json.dumps(stored, separators=(",", ":")), encoding="utf-8")
    return {item.id: part["features"][item.id] for item in items}, part["signature"] or "?", elapsed


def limited(items: Sequence[TedItem], limit: int | None) -> list[TedItem]:
    """The first segments' items, whole segments (so grouped tau keeps its groups), until ``limit`` is reached."""
    if limit is None:
        return list(items)
    chosen: list[TedItem] = []
    for index, item in enumerate(items):
        if len(chosen) >= limit and item.seg_id != items[index - 1].seg_id:
            break
        chosen.append(item)
    return chosen


# --------------------------------------------------------------------------- correlations


def column(features: dict[str, dict], items: Sequence[TedItem], name: str) -> np.ndarray | None:
    """A feature over ``items`` as floats (None -> NaN); None where no item has it."""
    values = np.array([_float(features[item.id].get(name)) for item in items])
    return None if np.isnan(values).all() else values


def _float(value) -> float:
    return math.nan if value is None else float(value)


def taus(metric: np.ndarray, items: Sequence[TedItem]) -> tuple[float, float]:
    human = np.array([item.mqm for item in items])
    return kendall_tau(metric, human), grouped_tau(metric, human, [item.seg_id for item in items])


def report(items: Sequence[TedItem], features: dict[str, dict], split_name: str) -> None:
    print(f"\nsegment-level Kendall tau-b with MQM, {split_name} split: {len(items)} items, "
          f"{len({i.seg_id for i in items})} segments, {len({i.system for i in items})} systems")
    print(f"  {'metric':<22}{'global':>8}{'grouped':>9}{'items':>7}")
    for name in ("quality", "chrf", "bleu", "ter", "similarity", "fluency", "contrast", "given_source", "penalty",
                 "words"):
        values = column(features, items, name)
        if values is None:
            continue
        shown = LABELS[name] if ORIENTATION[name] > 0 else f"-{LABELS[name]}"
        global_tau, group_tau = taus(ORIENTATION[name] * values, items)
        print(f"  {shown:<22}{global_tau:>8.4f}{group_tau:>9.4f}{int(np.isfinite(values).sum()):>7}")
    flagged = sum(1 for item in items if features[item.id]["penalty"] > 0)
    annotated = sum(1 for item in items if item.errors or item.unspanned)
    by_check = Counter()
    for item in items:
        by_check.update(features[item.id].get("checks", {}))
    print(f"  items with mtcheck findings: {flagged} ({_share(flagged, items)}); "
          f"with human-annotated errors: {annotated} ({_share(annotated, items)})")
    if by_check:
        print("  findings by check: " + ", ".join(f"{name} {count}" for name, count in by_check.most_common()))


def compare_dtypes(items: Sequence[TedItem], fast: dict[str, dict], exact: dict[str, dict], split_name: str) -> None:
    """Tau of each score on the fast path and in float32, and how far the fast path's values stray."""
    print(f"fast path vs float32 on the {split_name} split ({len(items)} items): tau global / grouped, max |difference|")
    for name in ("quality", "given_source", "similarity", "fluency", "contrast"):
        a, b = column(fast, items, name), column(exact, items, name)
        if a is None or b is None:
            continue
        fast_tau, exact_tau = taus(ORIENTATION[name] * a, items), taus(ORIENTATION[name] * b, items)
        both = np.isfinite(a) & np.isfinite(b)
        print(f"  {LABELS[name]:<22} fast {fast_tau[0]:.4f} / {fast_tau[1]:.4f}   float32 {exact_tau[0]:.4f} / "
              f"{exact_tau[1]:.4f}   max diff {np.abs(a[both] - b[both]).max():.4f}, "
              f"mean {np.abs(a[both] - b[both]).mean():.4f}")


def _share(count: int, items: Sequence) -> str:
    return f"{100 * count / max(len(items), 1):.1f}%"


# --------------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test", "all"), default="test")
    parser.add_argument("--no-models", dest="models", action="store_false",
                        help="rules and sacrebleu only (Config.models=False)")
    parser.add_argument("--limit", type=int, help="about N items per split (whole segments), for quick runs")
    parser.add_argument("--cache", type=Path, help="JSON file to keep the per-item features in")
    parser.add_argument("--fit", action="store_true", help="fit feature combinations on dev, show dev and test tau")
    parser.add_argument("--dtype", choices=("auto", "float32", "bfloat16"), default="auto",
                        help="model dtype (auto: bfloat16 where the CPU has it)")
    parser.add_argument("--against-float32", action="store_true",
                        help="also run the models in float32 and compare the fast path with it")
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)  # default: $MTCHECK_DATA/wmt21-ted-zhen-mqm
    args = parser.parse_args()
    if args.data is None:
        args.data = default_root()
    elif not args.data.is_dir():
        sys.exit(f"needs {args.data}")

    started = time.perf_counter()
    items = load_ted(args.data)
    dev, test = split(items)
    dev, test = limited(dev, args.limit), limited(test, args.limit)
    loaded = time.perf_counter() - started
    chosen = {"dev": dev, "test": test, "all": dev + test}[args.split]
    needed = dev + test if args.fit else chosen
    features, signature, mtcheck_seconds = features_for(needed, args.models, args.cache, args.dtype)
    print(f"TED zh->en MQM: dev {len(dev)} items, test {len(test)} items"
          f"{' (limited)' if args.limit else ''}; models {'on' if args.models else 'off'}")
    print(f"mtcheck: {signature}")
    if args.fit:
        from ted_fit import run_fit

        run_fit(dev, test, features)
    else:
        report(chosen, features, args.split)
    if args.against_float32:
        reference, reference_signature, seconds = features_for(chosen, args.models, args.cache, "float32")
        mtcheck_seconds += seconds
        print(f"\nfloat32 reference: {reference_signature}")
        compare_dtypes(chosen, features, reference, args.split)
    total = time.perf_counter() - started
    source = f"mtcheck {mtcheck_seconds:.1f} s for {len(needed)} items" if mtcheck_seconds else "features from cache"
    print(f"\ntime: load {loaded:.1f} s, {source}, total {total:.1f} s")


if __name__ == "__main__":
    main()
