"""Rebuild the shipped judge from WMT21 news MQM: ``python -m mtcheck.training.train``.

    .venv/bin/python -m mtcheck.training.train [--data FILE] [--out FILE] [--check [--variants rules]]

The data is the copy of WMT21 news zh-en MQM inside the project
(training/data/, gzipped, with its licence and source), so a clone rebuilds
the shipped file. Documents are split by the hash of their names (training.mqm_data): the word
and finding models are fitted on the ``fit`` documents, calibrated and given
their operating points on the ``calibrate`` documents, and the ``test``
documents are left for benchmarks/judgement.py. Each item is one pair: its
``ref.A`` English as the source, a system's output as the target.

The ``models`` variant needs the models' readings of every item; they are
kept in a store in the cache (training.signal_store), so only the first run
reads them: about 20 minutes on two cores with bf16, two hours in float32,
or half that with the store filled first by two processes,
``python -m mtcheck.training.signal_store --shard 0/2`` and ``--shard 1/2``
at once. The two variants are fitted in two processes at once. ``--check`` rebuilds and
compares with the shipped file instead of writing it: the same data gives
the same file, byte for byte; ``--check --variants rules`` rebuilds the
rules variant alone (minutes, no models) and compares its part. The models
variant is the same byte for byte only from the same readings: a CPU whose
kernels sum in another order reads other last bits (on an AMD EPYC with
avx512_bf16 neither bfloat16 nor float32 readings rebuilt the shipped
models variant exactly; the judge they made gave the seed the same verdict,
quality 58.99 against 58.92, 93 of its 97 findings, confidences within 0.12). The article verdict's cut points are kept from
the shipped file: refit them after a retrain with
``python -m mtcheck.training.train_verdict read`` and ``fit``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Sequence

import numpy as np

from mtcheck.training import fit
from mtcheck.grade.judge.judging import finding_features, measured, under, word_findings
from mtcheck.grade.quality_v3 import WordStats, findings_weight, pair_features
from mtcheck.grade.judge.model import CheckRate, Logistic, Variant, VerdictCuts, to_json
from mtcheck.training.mqm_data import NEWS_DATA, NEWS_FILE, SPLITS, assign_splits, load_news, news_bytes
from mtcheck.grade.judge.word_features import is_model_feature
from mtcheck.training.examples import Example, examples
from mtcheck.training.synthetic import EVERY, flipped, kinds_of
from mtcheck.config import Config
from mtcheck.models.compute import DTYPES, RUNTIMES
from mtcheck.models.signals import models_signature

SHIPPED = Path(__file__).resolve().parents[1] / "grade" / "judge" / "data" / "judge.json"
CALIBRATION = "calibration.json"  # next to the judge file


def fit_variant(fitting: Sequence[Example], calibrating: Sequence[Example], models: bool,
                synthetic: Sequence[Example] = ()) -> Variant:
    """The word model, the finding model, their calibration, the check rates and the operating points.

    ``synthetic`` (training.synthetic's flipped copies) adds to the word model's rows only: all else is
    fitted and measured on the raters' items."""
    def word_rows(examples):
        rows = [row.features for e in examples for row in e.rows]
        return rows if models else [{k: v for k, v in r.items() if not is_model_feature(k)} for r in rows]

    learning = [*fitting, *synthetic]
    word = fit.fit_forest(word_rows(learning), [y for e in learning for y in e.word_labels])
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


def _variant(fitting_items, calibrating_items, models: bool, store: Path | None,
             dtype: str, engine: str, synthetic_items=()) -> tuple[Variant, list[list]]:
    """One variant fitted, and its calibration rows (in a worker process)."""
    fitting = examples(fitting_items, models, store, dtype=dtype, engine=engine)
    calibrating = examples(calibrating_items, models, store, dtype=dtype, engine=engine)
    synthetic = examples(synthetic_items, models, store, dtype=dtype, engine=engine)
    variant = fit_variant(fitting, calibrating, models, synthetic)
    return variant, calibration_rows(calibrating, variant)


VARIANTS = (("rules", False), ("models", True))


def build(data: Path, store: Path | None = None, log=print, only: Sequence[str] = ("rules", "models"),
          dtype: str = "auto", engine: str = "ctranslate2", with_synthetic: bool = True) -> tuple[str, str]:
    """The judge file's text and the calibration rows' (one finding a line), of the named variants."""
    items = load_news(data)
    split = assign_splits(item.doc for item in items)
    parts = {name: [item for item in items if split[item.doc] == name] for name, _ in SPLITS}
    synthetic = flipped(parts["fit"]) if with_synthetic else []
    log(f"synthetic flips for the word model: {len(synthetic)} {dict(sorted(Counter(kinds_of(synthetic)).items()))}")
    variants, rows = {}, {}
    names = tuple((name, models) for name, models in VARIANTS if name in only)
    for name, _ in names:
        log(f"{name}: reading {len(parts['fit']) + len(parts['calibrate'])} items")
    # The two variants share nothing but the items: one process each halves the wall time on two
    # cores (each process is single-threaded). Spawned, so neither inherits the other's state.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=len(names), mp_context=context) as pool:
        futures = [pool.submit(_variant, parts["fit"], parts["calibrate"], models, store, dtype, engine, synthetic)
                   for _, models in names]
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
    digest = hashlib.sha256(news_bytes(data)).hexdigest()
    about = {
        "data": f"{NEWS_FILE} sha256:{digest[:16]}",
        "documents": {name: sum(1 for doc in split if split[doc] == name) for name, _ in SPLITS},
        "items": {name: len(members) for name, members in parts.items()},
        "command": "python -m mtcheck.training.train" + ("" if with_synthetic else " --no-synthetic"),
        # The word model's extra rows: flipped copies of fit items (training.synthetic).
        "synthetic": {"every": EVERY, "copies": len(synthetic), "kinds": dict(sorted(Counter(kinds_of(synthetic)).items()))},
        # Whose readings the models variant learnt from: another engine or type reads slightly differently.
        "readings": models_signature(Config(engine=engine, dtype=dtype).model_engine()),
        **({"verdict": shipped["about"]["verdict"]} if "verdict" in shipped.get("about", {}) else {}),
    }
    packed = "{\n" + ",\n".join(
        f"{json.dumps(name)}: [\n" + ",\n".join(json.dumps(row) for row in values) + "\n]" for name, values in rows.items()
    ) + "\n}\n"
    return to_json(variants, about), packed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mtcheck.training.train", description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=NEWS_DATA,
                        help="the news MQM set: a file (.tsv or .tsv.gz) or a folder holding " + NEWS_FILE
                        + " (default: the copy in mtcheck/training/data)")
    parser.add_argument("--out", type=Path, default=SHIPPED, help="where to write the judge file")
    parser.add_argument("--store", type=Path, help="the models' readings store (default: in the mtcheck cache)")
    parser.add_argument("--check", action="store_true", help="compare with --out instead of writing it")
    parser.add_argument("--engine", choices=RUNTIMES, default="ctranslate2",
                        help="what runs the models (the store keeps each engine's and type's readings apart)")
    parser.add_argument("--dtype", choices=DTYPES, default="auto",
                        help="the models' number type (their readings differ between types)")
    parser.add_argument("--no-synthetic", dest="synthetic", action="store_false",
                        help="fit the word model on the raters' items alone, without flipped copies (training.synthetic)")
    parser.add_argument("--variants", choices=("both", "rules", "models"), default="both",
                        help="with --check, rebuild one variant and compare it alone (rules: minutes, no models)")
    args = parser.parse_args(argv)
    variants = [name for name, _ in VARIANTS] if args.variants == "both" else [args.variants]
    if len(variants) == 1 and not args.check:
        parser.error("--variants rules|models goes with --check: the judge file holds both")
    text, rows = build(args.data, args.store, log=lambda line: print(line, file=sys.stderr), only=variants,
                       dtype=args.dtype, engine=args.engine, with_synthetic=args.synthetic)
    rows_path = args.out.with_name(CALIBRATION)
    if args.check:
        same = _same_variants(args.out, text, variants) and _same_variants(rows_path, rows, variants, rows=True)
        print("identical" if same else f"differs from {args.out} or {rows_path}")
        return 0 if same else 1
    from mtcheck.report.output import write_file

    write_file(args.out, text)
    write_file(rows_path, rows)
    print(f"wrote {args.out} and {rows_path}")
    return 0


def _same_variants(path: Path, text: str, variants: Sequence[str], rows: bool = False) -> bool:
    """Whether ``path`` holds ``text``: byte for byte when both variants were rebuilt, else the rebuilt
    variants' parts (the judge file's ``variants.NAME``, the calibration file's ``NAME`` rows) equal."""
    if not path.is_file():
        return False
    shipped = path.read_text(encoding="utf-8")
    if len(variants) == len(VARIANTS):
        return shipped == text
    old, new = json.loads(shipped), json.loads(text)
    if not rows:
        old, new = old["variants"], new["variants"]
    return all(old.get(name) == new.get(name) for name in variants)


if __name__ == "__main__":
    sys.exit(main())
