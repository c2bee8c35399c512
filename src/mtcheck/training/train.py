"""Rebuild the shipped judge from WMT21 news MQM: ``python -m mtcheck.training.train``.

    .venv/bin/python -m mtcheck.training.train [--data ../shared/data] [--out FILE] [--check]

Documents are split by the hash of their names (judge.mqm_data): the word
and finding models are fitted on the ``fit`` documents, calibrated and given
their operating points on the ``calibrate`` documents, and the ``test``
documents are left for benchmarks/judgement.py. Each item is one pair: its
``ref.A`` English as the source, a system's output as the target.

The ``models`` variant needs the models' readings of every item; they are
kept in a store in the cache (judge.signal_store), so only the first run
reads them: about 20 minutes on two cores with bf16, two hours in float32,
or half that with the store filled first by two processes,
``python -m mtcheck.training.signal_store --shard 0/2`` and ``--shard 1/2``
at once. The two variants are fitted in two processes at once. ``--check`` rebuilds and
compares with the shipped file instead of writing it: the same data gives
the same file, byte for byte. The article verdict's cut points are kept from
the shipped file: refit them after a retrain with
``python -m mtcheck.training.train_verdict read`` and ``fit``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Sequence

import numpy as np

from mtcheck.config import Config
from mtcheck.segment.documents import parallel_document
from mtcheck.training import fit
from mtcheck.grade.judge.judging import NEEDS, finding_features, measured, under, word_findings
from mtcheck.grade.quality_v3 import WordStats, findings_weight, pair_features
from mtcheck.grade.judge.model import CheckRate, Logistic, Variant, VerdictCuts, to_json
from mtcheck.training.mqm_data import NEWS_FILE, SPLITS, MqmItem, assign_splits, load_news
from mtcheck.grade.judge.word_features import WordRow, document_rows, is_model_feature
from mtcheck.grade.merging import by_pair, merged
from mtcheck.types import Document, Finding, Scores

SHIPPED = Path(__file__).resolve().parents[1] / "grade" / "judge" / "data" / "judge.json"
CALIBRATION = "calibration.json"  # next to the judge file
DEFAULT_DATA = Path(__file__).resolve().parents[4] / "shared" / "data"


@dataclass
class Example:
    """One item's facts for fitting: its word rows and labels, its findings and their labels."""

    item: MqmItem
    rows: list[WordRow]
    word_labels: list[int]
    findings: list[Finding]
    finding_labels: list[int]
    scores: Scores  # the pair's (chrF, BLEU, TER and, with the models, the model scores)


def item_document(item: MqmItem) -> Document:
    """One item as a single-pair document: its ref.A English as the source, the system's output as the target."""
    return parallel_document(item.id, [item.source], [item.target], pair_ids=[item.id])


def default_store() -> Path:
    from mtcheck.models.cache import cache_root

    return cache_root() / "training" / "wmt21-news-signals.sqlite"


def examples(items: Sequence[MqmItem], models: bool, store: Path | None = None, progress=None) -> list[Example]:
    """Run the pipeline up to detect on every item (one single-pair document each) and label what it saw."""
    from mtcheck.analyses import analyse
    from mtcheck.pipeline import built_checks, detect
    from mtcheck.score.scoring import score

    config = Config(models=models, judge="off", threads=1)
    documents = [item_document(item) for item in items]
    if models:
        from mtcheck.training.signal_store import cached_signals

        signals = cached_signals(documents, config, store or default_store(), progress)
        documents = [replace(d, signals=s) for d, s in zip(documents, signals)]
    checks = built_checks(config)
    needs = frozenset().union(NEEDS, *(check.needs for check in checks))
    out = []
    for item, document in zip(items, documents):
        scored_document = score(document)
        view = analyse(scored_document, needs)
        found = merged(detect(view, checks))
        rows = [row for pair_rows in document_rows(view, by_pair(found)) for row in pair_rows]
        gold = item.spans
        out.append(Example(
            item, rows, [int(_overlaps(gold, row.start, row.end)) for row in rows], found,
            [int(_overlaps(gold, f.target_span.start, f.target_span.end) if f.target_span else bool(gold))
             for f in found],
            scored_document.pairs[0].scores,
        ))
    return out


def _overlaps(spans, start: int, end: int) -> bool:
    return any(a < end and b > start for a, b, _ in spans)


def fit_variant(fitting: Sequence[Example], calibrating: Sequence[Example], models: bool) -> Variant:
    """The word model, the finding model, their calibration, the check rates and the operating points."""
    def word_rows(examples):
        rows = [row.features for e in examples for row in e.rows]
        return rows if models else [{k: v for k, v in r.items() if not is_model_feature(k)} for r in rows]

    word = fit.fit_forest(word_rows(fitting), [y for e in fitting for y in e.word_labels])
    word_calibration = fit.fit_platt(word.logits(word_rows(calibrating)),
                                     [y for e in calibrating for y in e.word_labels])
    base = Variant(word, Logistic((), (), (), (), 0.0), word_calibration, fit.Platt(), {}, {"review": 0.5, "gate": 0.5})

    def finding_rows(examples):
        rows, labels = [], []
        for e in examples:
            probabilities = word_probabilities(e, base)
            for finding, label in zip(e.findings, e.finding_labels):
                rows.append(finding_features(finding, under(finding, e.rows, probabilities)))
                labels.append(label)
        return rows, labels

    rows, labels = finding_rows(fitting)
    finding = fit.fit_logistic(rows, labels)
    held_rows, held_labels = finding_rows(calibrating)
    finding_calibration = fit.fit_platt([finding.logit(r) for r in held_rows], held_labels)
    variant = replace(base, finding=finding, finding_calibration=finding_calibration,
                      checks=check_rates(fitting))
    variant = replace(variant, operating_points=fit.operating_points([scored(e, variant) for e in calibrating]))
    rows = [quality_features(e, variant, models) for e in fitting]
    return replace(variant, quality=fit.fit_linear(rows, [e.item.mqm for e in fitting]))


def quality_features(example: Example, variant: Variant, models: bool) -> dict[str, float]:
    """Quality v3's inputs for an item, as the pipeline makes them (judge.judging, grading)."""
    probabilities = word_probabilities(example, variant)
    findings = [measured(f, variant, under(f, example.rows, probabilities)) for f in example.findings]
    floor = min(variant.operating_points.values())
    findings += word_findings(example.item.target, example.rows, probabilities, findings, floor)
    return pair_features(example.scores, WordStats.of(probabilities), findings_weight(findings), models)


def word_probabilities(example: Example, variant: Variant) -> list[float]:
    return variant.word_probabilities([row.features for row in example.rows])


def check_rates(examples: Sequence[Example]) -> dict[str, CheckRate]:
    """Per check: the segments it fired in, and the mean over them of the share of its findings confirmed."""
    by_segment: dict[str, dict[tuple[str, int], list[int]]] = {}
    for e in examples:
        for finding, label in zip(e.findings, e.finding_labels):
            for check in (finding.check, *finding.also):
                by_segment.setdefault(check, {}).setdefault((e.item.doc, e.item.segment), []).append(label)
    return {check: CheckRate(len(segments), round(sum(sum(s) / len(s) for s in segments.values()) / len(segments), 4))
            for check, segments in by_segment.items()}


def judged_flags(example: Example, variant: Variant) -> tuple[list[tuple[int, int, float]], float]:
    """What the judge would flag on an item, at any threshold: (start, end, confidence) per target
    flag (findings, and every word at its own probability), and the highest confidence of any flag."""
    probabilities = word_probabilities(example, variant)
    flags, top = [], 0.0
    for finding in example.findings:
        judged = measured(finding, variant, under(finding, example.rows, probabilities))
        top = max(top, judged.confidence)
        if judged.target_span is not None:
            flags.append((judged.target_span.start, judged.target_span.end, judged.confidence))
    for row, p in zip(example.rows, probabilities):
        flags.append((row.start, row.end, p))
        top = max(top, p)
    return flags, top


def scored(example: Example, variant: Variant) -> fit.ScoredItem:
    flags, top = judged_flags(example, variant)
    text = example.item.target
    visible = np.array([not c.isspace() for c in text], dtype=bool)
    scores = np.full(len(text), -1.0)
    gold = np.zeros(len(text), dtype=bool)
    for start, end, confidence in flags:
        scores[start:end] = np.maximum(scores[start:end], confidence)
    for start, end, _ in example.item.spans:
        gold[start:end] = True
    return fit.ScoredItem(scores[visible], gold[visible], top, not example.item.spans)


def calibration_rows(examples: Sequence[Example], variant: Variant) -> list[list]:
    """(checks, confidence, label) of each finding on held-back items: what `mtcheck calibrate` refits on."""
    rows = []
    for e in examples:
        probabilities = word_probabilities(e, variant)
        for finding, label in zip(e.findings, e.finding_labels):
            judged = measured(finding, variant, under(finding, e.rows, probabilities))
            rows.append([[finding.check, *finding.also], judged.confidence, label])
    return rows


def _variant(fitting_items, calibrating_items, models: bool, store: Path | None) -> tuple[Variant, list[list]]:
    """One variant fitted, and its calibration rows (in a worker process)."""
    fitting = examples(fitting_items, models, store)
    calibrating = examples(calibrating_items, models, store)
    variant = fit_variant(fitting, calibrating, models)
    return variant, calibration_rows(calibrating, variant)


def build(data: Path, store: Path | None = None, log=print) -> tuple[str, str]:
    """The judge file's text and the calibration rows' (one finding a line)."""
    items = load_news(data)
    split = assign_splits(item.doc for item in items)
    parts = {name: [item for item in items if split[item.doc] == name] for name, _ in SPLITS}
    variants, rows = {}, {}
    names = (("rules", False), ("models", True))
    for name, _ in names:
        log(f"{name}: reading {len(parts['fit']) + len(parts['calibrate'])} items")
    # The two variants share nothing but the items: one process each halves the wall time on two
    # cores (each process is single-threaded). Spawned, so neither inherits the other's state.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=len(names), mp_context=context) as pool:
        futures = [pool.submit(_variant, parts["fit"], parts["calibrate"], models, store) for _, models in names]
        for (name, _), future in zip(names, futures):
            variants[name], rows[name] = future.result()
            log(f"{name}: operating points {dict(variants[name].operating_points)}")
    # The verdict's cut points are fitted after this, on articles the judge checks
    # (``python -m mtcheck.training.train_verdict``): the shipped ones are kept, to be refitted.
    shipped = json.loads(SHIPPED.read_text(encoding="utf-8")) if SHIPPED.exists() else {}
    for name, variant in variants.items():
        cuts = shipped.get("variants", {}).get(name, {}).get("verdict")
        if cuts is not None:
            variants[name] = replace(variant, verdict=VerdictCuts.from_json(cuts))
    digest = hashlib.sha256((data / NEWS_FILE).read_bytes()).hexdigest()
    about = {
        "data": f"{NEWS_FILE} sha256:{digest[:16]}",
        "documents": {name: sum(1 for doc in split if split[doc] == name) for name, _ in SPLITS},
        "items": {name: len(members) for name, members in parts.items()},
        "command": "python -m mtcheck.training.train",
        **({"verdict": shipped["about"]["verdict"]} if "verdict" in shipped.get("about", {}) else {}),
    }
    packed = "{\n" + ",\n".join(
        f"{json.dumps(name)}: [\n" + ",\n".join(json.dumps(row) for row in values) + "\n]" for name, values in rows.items()
    ) + "\n}\n"
    return to_json(variants, about), packed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mtcheck.training.train", description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder (default: ../shared/data)")
    parser.add_argument("--out", type=Path, default=SHIPPED, help="where to write the judge file")
    parser.add_argument("--store", type=Path, help="the models' readings store (default: in the mtcheck cache)")
    parser.add_argument("--check", action="store_true", help="compare with --out instead of writing it")
    args = parser.parse_args(argv)
    text, rows = build(args.data, args.store, log=lambda line: print(line, file=sys.stderr))
    rows_path = args.out.with_name(CALIBRATION)
    if args.check:
        same = (args.out.is_file() and args.out.read_text(encoding="utf-8") == text
                and rows_path.is_file() and rows_path.read_text(encoding="utf-8") == rows)
        print("identical" if same else f"differs from {args.out} or {rows_path}")
        return 0 if same else 1
    from mtcheck.report.output import write_file

    write_file(args.out, text)
    write_file(rows_path, rows)
    print(f"wrote {args.out} and {rows_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
