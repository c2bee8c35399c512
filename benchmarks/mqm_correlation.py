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
contrast, finding penalty) are negated so every tau reads "higher agrees".

    python benchmarks/mqm_correlation.py [--split dev|test|all] [--no-models]
        [--limit N] [--cache FILE] [--fit]

``--fit`` fits combinations of the per-item features on the DEV split only
(least squares against MQM, and a grid over weights of the features' dev
percentiles maximising dev global tau) and prints each one's dev and test tau
side by side, for a human to choose from. The test split is never fitted on.

``--cache FILE`` keeps the per-item features as JSON (one section for runs
with models, one without), so fitting experiments do not rerun the models;
delete it after changing mtcheck.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import math
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ted import DEFAULT_ROOT, TEST_DOCS, TedItem, grouped_tau, kendall_tau, load_ted, split  # noqa: E402

CACHE_FORMAT = "mtcheck-ted-features/1"
# Per-item features: the pair's scores, then what its findings add up to.
SCORE_FEATURES = ("chrf", "bleu", "ter", "similarity", "fluency", "contrast", "quality")
FINDING_FEATURES = ("penalty", "minor", "major", "critical")
# +1: higher is better; -1: higher is worse (negated before correlating).
ORIENTATION = {"chrf": 1, "bleu": 1, "ter": -1, "similarity": 1, "fluency": 1, "contrast": -1, "quality": 1,
               "penalty": -1, "minor": -1, "major": -1, "critical": -1}
LABELS = {"chrf": "chrF", "bleu": "BLEU", "ter": "TER", "similarity": "similarity", "fluency": "fluency",
          "contrast": "contrast", "quality": "quality", "penalty": "penalty", "minor": "minor findings",
          "major": "major findings", "critical": "critical findings"}
# Feature sets tried by --fit, each also with the finding penalty added.
COMBINATIONS = (
    ("chrf",),
    ("bleu",),
    ("chrf", "bleu"),
    ("similarity",),
    ("chrf", "similarity"),
    ("chrf", "similarity", "fluency"),
    ("chrf", "similarity", "fluency", "contrast"),
    ("chrf", "similarity", "contrast"),
)
GRID = (0.0, 0.25, 0.5, 1.0, 2.0, 4.0)  # weights of the other features; the first one's weight is 1


# --------------------------------------------------------------------------- features


def make_config(models: bool):
    from mtcheck.config import Config

    config = Config()
    if any(field.name == "models" for field in dataclasses.fields(Config)):
        config = dataclasses.replace(config, models=models)
    elif models:
        print("note: this mtcheck has no models yet; running rules and sacrebleu only", file=sys.stderr)
    return config


def compute_features(items: Sequence[TedItem], models: bool) -> tuple[dict[str, dict], str]:
    """Per-item features by item id, and mtcheck's signature, from one compare_records run."""
    from mtcheck.io import PairRecord
    from mtcheck.pipeline import build_report, compare_records
    from mtcheck.quality import mqm_penalty

    config = make_config(models)
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
            features[pair.id] = row
    return features, build_report(documents, config, pre_aligned=True).signature


def features_for(items: Sequence[TedItem], models: bool, cache: Path | None) -> tuple[dict[str, dict], str, float]:
    """Features of ``items``, from the cache where it has them; seconds spent in mtcheck."""
    section = "models" if models else "no-models"
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
        computed, signature = compute_features(missing, models)
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
    for name in ("quality", "chrf", "bleu", "ter", "similarity", "fluency", "contrast", "penalty"):
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


def _share(count: int, items: Sequence) -> str:
    return f"{100 * count / max(len(items), 1):.1f}%"


# --------------------------------------------------------------------------- fitting


@dataclasses.dataclass
class Fit:
    label: str
    method: str
    predict: Callable[[Sequence[TedItem]], np.ndarray]
    weights: str


def fit_least_squares(names: Sequence[str], dev: Sequence[TedItem], features: dict[str, dict]) -> Fit:
    """MQM ~ b0 + sum b_k * feature_k, ordinary least squares on dev."""
    def design(items):
        return np.column_stack([np.ones(len(items))] + [column(features, items, n) for n in names])

    x, y = design(dev), np.array([item.mqm for item in dev])
    keep = np.isfinite(x).all(axis=1)
    coefficients, *_ = np.linalg.lstsq(x[keep], y[keep], rcond=None)
    weights = f"{coefficients[0]:+.3g} " + " ".join(f"{c:+.3g}*{LABELS[n]}" for c, n in zip(coefficients[1:], names))
    return Fit("+".join(LABELS[n] for n in names), "lstsq", lambda items: design(items) @ coefficients, weights)


class Percentiles:
    """A feature's mid-rank percentile in the dev distribution, oriented so higher agrees with MQM.

    Between distinct dev values the percentile is interpolated linearly, and
    beyond the dev range it keeps a tiny slope, so the transform is strictly
    increasing: it adds no ties to test items that fall between dev values.
    """

    def __init__(self, name: str, dev: Sequence[TedItem], features: dict[str, dict]):
        values = column(features, dev, name)
        finite = np.sort(values[np.isfinite(values)])
        self.name = name
        self.points = np.unique(finite)
        below = np.searchsorted(finite, self.points, side="left")
        upto = np.searchsorted(finite, self.points, side="right")
        self.percentiles = (below + upto) / (2.0 * len(finite))
        self.slope = 1e-6 / max(float(self.points[-1] - self.points[0]), 1e-12)
        self.sign = 1.0 if kendall_tau(values, [item.mqm for item in dev]) >= 0 else -1.0

    def __call__(self, items: Sequence[TedItem], features: dict[str, dict]) -> np.ndarray:
        values = column(features, items, self.name)
        result = np.interp(values, self.points, self.percentiles)
        result += self.slope * (np.minimum(values - self.points[0], 0) + np.maximum(values - self.points[-1], 0))
        return self.sign * result


def fit_rank_grid(names: Sequence[str], dev: Sequence[TedItem], features: dict[str, dict]) -> Fit:
    """Weights (first feature 1, others from GRID) of dev percentiles that maximise dev global tau."""
    scalers = [Percentiles(name, dev, features) for name in names]
    dev_columns = np.column_stack([scale(dev, features) for scale in scalers])
    human = np.array([item.mqm for item in dev])
    best, best_tau = None, -math.inf
    for rest in itertools.product(GRID, repeat=len(names) - 1):
        weights = np.array((1.0, *rest))
        tau = kendall_tau(dev_columns @ weights, human)
        if tau > best_tau + 1e-12:
            best, best_tau = weights, tau
    shown = " ".join(f"{(w * s.sign) or 0.0:+g}*{LABELS[s.name]}" for w, s in zip(best, scalers))

    def predict(items):
        return np.column_stack([scale(items, features) for scale in scalers]) @ best

    return Fit("+".join(LABELS[n] for n in names), "rank-grid", predict, f"{shown} (dev percentiles)")


def run_fit(dev: Sequence[TedItem], test: Sequence[TedItem], features: dict[str, dict]) -> None:
    available = {name for name in SCORE_FEATURES + FINDING_FEATURES
                 if column(features, dev, name) is not None and column(features, test, name) is not None}
    combinations = []
    for names in COMBINATIONS:
        for extended in (names, names + ("penalty",)):
            if all(name in available for name in extended) and extended not in combinations:
                combinations.append(extended)
    skipped = [n for n in ("similarity", "fluency", "contrast") if n not in available]
    print(f"\nfit on DEV ({len(dev)} items, {len({i.seg_id for i in dev})} segments), "
          f"evaluated on TEST ({len(test)} items, {len({i.seg_id for i in test})} segments; talks "
          f"{', '.join(sorted(TEST_DOCS))}); tau-b with MQM, global / grouped by segment")
    if skipped:
        print(f"  (no {', '.join(skipped)} in these features: combinations with them skipped)")
    header = f"  {'features':<44}{'method':<10}{'dev glob':>9}{'dev grp':>8}{'test glob':>10}{'test grp':>9}  weights"
    print(header)
    print("  " + "-" * (len(header) + 20))
    fits = [Fit("quality (mtcheck now)", "as is", lambda items: column(features, items, "quality"), "-")]
    for names in combinations:
        fits.append(fit_least_squares(names, dev, features))
        if len(names) > 1:
            fits.append(fit_rank_grid(names, dev, features))
    for fit in fits:
        dev_tau, test_tau = taus(fit.predict(dev), dev), taus(fit.predict(test), test)
        print(f"  {fit.label:<44}{fit.method:<10}{dev_tau[0]:>9.4f}{dev_tau[1]:>8.4f}"
              f"{test_tau[0]:>10.4f}{test_tau[1]:>9.4f}  {fit.weights}")


# --------------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test", "all"), default="test")
    parser.add_argument("--no-models", dest="models", action="store_false",
                        help="rules and sacrebleu only (Config.models=False)")
    parser.add_argument("--limit", type=int, help="about N items per split (whole segments), for quick runs")
    parser.add_argument("--cache", type=Path, help="JSON file to keep the per-item features in")
    parser.add_argument("--fit", action="store_true", help="fit feature combinations on dev, show dev and test tau")
    parser.add_argument("--data", type=Path, default=DEFAULT_ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not args.data.is_dir():
        sys.exit(f"needs {args.data}")

    started = time.perf_counter()
    items = load_ted(args.data)
    dev, test = split(items)
    dev, test = limited(dev, args.limit), limited(test, args.limit)
    loaded = time.perf_counter() - started
    chosen = {"dev": dev, "test": test, "all": dev + test}[args.split]
    needed = dev + test if args.fit else chosen
    features, signature, mtcheck_seconds = features_for(needed, args.models, args.cache)
    print(f"TED zh->en MQM: dev {len(dev)} items, test {len(test)} items"
          f"{' (limited)' if args.limit else ''}; models {'on' if args.models else 'off'}")
    print(f"mtcheck: {signature}")
    if not args.fit:
        report(chosen, features, args.split)
    else:
        run_fit(dev, test, features)
    total = time.perf_counter() - started
    source = f"mtcheck {mtcheck_seconds:.1f} s for {len(needed)} items" if mtcheck_seconds else "features from cache"
    print(f"\ntime: load {loaded:.1f} s, {source}, total {total:.1f} s")


if __name__ == "__main__":
    main()
