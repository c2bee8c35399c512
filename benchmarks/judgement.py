"""The judge measured: quality, spans, calibration, DEMETR and speed, before and after, in one run.

    .venv/bin/python benchmarks/judgement.py [--ted-limit N] [--demetr-per-type N] [--speed-items N] [--no-models]

Rows, side by side on the same items:

- held-back WMT21 news documents (the judge's ``test`` split, never fitted
  on) and the TED test talks: segment Kendall tau, global and grouped by
  segment, of quality v3, chrF, BLEU, TER, quality v2 and target length;
  character-span precision, recall, F1 and MCC against the raters' spans at
  each operating point, with the two naive baselines; the share of error-free
  segments with a finding at the gate point; a reliability table and the
  expected calibration error of every finding's confidence;
- DEMETR detection by severity class at the review point, before (judge off)
  and after;
- speed: pairs/s of the whole pipeline with judge off and on, interleaved.

The models' readings are kept in stores in the mtcheck cache (training.signal_store),
so a rerun reads each item once. Output: markdown on stdout, for results.md.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Sequence

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))

import data_sets  # noqa: E402
import demetr  # noqa: E402
import ted  # noqa: E402
from span_metrics import BASELINES, Flag, document_flags, markdown_table  # noqa: E402

from mtcheck.config import Config  # noqa: E402
from mtcheck.segment.documents import parallel_document  # noqa: E402
from mtcheck.training import fit  # noqa: E402
from mtcheck.grade.judge.model import load  # noqa: E402
from mtcheck.training.mqm_data import in_split, load_news  # noqa: E402
from mtcheck.models.cache import cache_root  # noqa: E402
from mtcheck.pipeline import evaluate  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results.md"
BEGIN, END = "<!-- judgement: written by benchmarks/judgement.py -->", "<!-- end of judgement -->"
STORES = cache_root() / "training"


class Item:
    """What every corpus gives: a source, a target, gold spans, a human score and a segment key."""

    def __init__(self, id, source, target, spans, mqm, group):
        self.id, self.source, self.target, self.spans, self.mqm, self.group = id, source, target, spans, mqm, group


def news_root() -> Path:
    """The folder ``load_news`` reads: MTCHECK_DATA, once it holds the WMT21 news set (data_sets.py)."""
    return data_sets.data_set("wmt21-news-zhen-mqm").parent


def news_items() -> list[Item]:
    return [Item(i.id, i.source, i.target, tuple((a, b) for a, b, _ in i.spans), i.mqm, (i.doc, i.segment))
            for i in in_split(load_news(news_root()), "test")]


def ted_items(limit: int | None) -> list[Item]:
    _, test = ted.split(ted.load_ted())
    test = test[:limit] if limit else test
    return [Item(i.id, i.source, i.target, tuple((a, b) for a, b, *_ in i.errors), i.mqm, i.seg_id) for i in test]


def documents(items: Sequence[Item], models: bool, store: str, engine: str = "ctranslate2", dtype: str = "auto"):
    """One single-pair document per item; with ``models``, with that engine's readings (kept in the store)."""
    docs = [parallel_document(item.id, [item.source], [item.target], pair_ids=[item.id]) for item in items]
    if not models:
        return docs
    from mtcheck.training.signal_store import cached_signals

    config = Config(threads=1, judge="off", engine=engine, dtype=dtype)
    signals = cached_signals(docs, config, STORES / f"{store}-signals.sqlite")
    return [replace(d, signals=s) for d, s in zip(docs, signals)]


def run(docs, config: Config):
    return [evaluate(d, config) for d in docs]


def taus(rows: dict[str, Sequence[float]], items: Sequence[Item]) -> list[list[str]]:
    human = [item.mqm for item in items]
    groups = [item.group for item in items]
    return [[name, f"{ted.kendall_tau(values, human):.3f}", f"{ted.grouped_tau(values, human, groups):.3f}"]
            for name, values in rows.items()]


def scored(items: Sequence[Item], graded, threshold: float) -> list[fit.ScoredItem]:
    out = []
    for item, document in zip(items, graded):
        visible = np.array([not c.isspace() for c in item.target], dtype=bool)
        scores, gold = np.full(len(item.target), -1.0), np.zeros(len(item.target), dtype=bool)
        top = -1.0
        for finding in document.findings:
            if finding.confidence < threshold:
                continue
            top = max(top, finding.confidence)
            if finding.target_span is not None:
                span = finding.target_span
                scores[span.start : span.end] = np.maximum(scores[span.start : span.end], finding.confidence)
        for start, end in item.spans:
            gold[start:end] = True
        out.append(fit.ScoredItem(scores[visible], gold[visible], top, not item.spans))
    return out


def span_rows(items, graded, before, points: dict[str, float]) -> list[list[str]]:
    rows = []
    # Judge off: every finding counts, whatever its confidence (0 included; -1 marks "no flag").
    for name, threshold, docs in (*((f"mtcheck, {p} ({t:.2f})", t, graded) for p, t in points.items()),
                                  ("mtcheck before (judge off)", -0.5, before)):
        scored_items = scored(items, docs, threshold)
        rows.append(_span_row(name, fit.span_counts(scored_items, threshold), fit.error_free_flagged(scored_items, threshold)))
    for name, rule in BASELINES.items():
        baseline = [fit.ScoredItem(*_baseline(item, rule), False) for item in items]
        rows.append(_span_row(name, fit.span_counts(baseline, 0.5), None))
    return rows


def _baseline(item, rule):
    visible = np.array([not c.isspace() for c in item.target], dtype=bool)
    scores, gold = np.full(len(item.target), -1.0), np.zeros(len(item.target), dtype=bool)
    for start, end in rule(item.source, item.target):
        scores[start:end] = 1.0
    for start, end in item.spans:
        gold[start:end] = True
    return scores[visible], gold[visible], 1.0


def _span_row(name, counts, error_free) -> list[str]:
    shown = "—" if error_free is None else f"{100 * error_free:.1f}%"
    return [name, f"{counts.precision:.3f}", f"{counts.recall:.3f}", f"{counts.f1:.3f}", f"{counts.mcc:.3f}", shown]


def calibration(items, graded) -> tuple[list[list[str]], float, int]:
    confidences, labels = [], []
    for item, document in zip(items, graded):
        for finding in document.findings:
            if dict(finding.evidence).get("confidence_basis") == "asserted":
                continue
            span = finding.target_span
            hit = any(a < span.end and b > span.start for a, b in item.spans) if span else bool(item.spans)
            confidences.append(finding.confidence)
            labels.append(int(hit))
    table, ece = fit.reliability(confidences, labels)
    rows = [[f"{low:.1f}–{high:.1f}", str(n), "—" if c is None else f"{c:.3f}", "—" if r is None else f"{r:.3f}"]
            for low, high, n, c, r in table]
    return rows, ece, len(confidences)


MEASURED: dict[str, float] = {}  # what the targets table reads, filled by the sections


def corpus_section(title: str, items, store: str, models: bool, key: str) -> list[str]:
    docs = documents(items, models, store)
    before = run(docs, Config(models=models, judge="off"))
    graded = run(docs, Config(models=models, min_confidence=0.0))
    variant = load().variant(models)
    lengths = [float(len(item.target)) for item in items]
    tau_rows = taus({
        "quality v3": [d.scores.quality for d in graded],
        "chrF": [d.scores.chrf for d in graded],
        "BLEU": [d.scores.bleu for d in graded],
        "TER (negated)": [-d.scores.ter for d in graded],
        "quality v2 (judge off)": [d.scores.quality for d in before],
        "target length (negated)": [-n for n in lengths],
    }, items)
    human, groups = [i.mqm for i in items], [i.group for i in items]
    for name, values in (("v3", [d.scores.quality for d in graded]), ("chrf", [d.scores.chrf for d in graded])):
        MEASURED[f"{key} {name} global"] = ted.kendall_tau(values, human)
        MEASURED[f"{key} {name} grouped"] = ted.grouped_tau(values, human, groups)
    for point, threshold in variant.operating_points.items():
        scored_items = scored(items, graded, threshold)
        MEASURED[f"{key} mcc {point}"] = fit.span_counts(scored_items, threshold).mcc
        MEASURED[f"{key} error-free {point}"] = fit.error_free_flagged(scored_items, threshold)
    lines = [f"", f"### {title}: {len(items)} items, {len({i.group for i in items})} segments", ""]
    lines += ["Segment Kendall tau against the raters' MQM score:"]
    lines += markdown_table(["metric", "global tau", "grouped tau"], tau_rows)
    lines += ["Character spans against the raters' (non-space characters, pooled):"]
    lines += markdown_table(["flags", "precision", "recall", "F1", "MCC", "error-free segments flagged"],
                            span_rows(items, graded, before, dict(variant.operating_points)))
    rows, ece, count = calibration(items, graded)
    lines += [f"Calibration of the {count} findings with a measured confidence (ECE {ece:.3f}):"]
    lines += markdown_table(["confidence", "findings", "mean confidence", "rater-marked rate"], rows)
    return lines


def demetr_section(per_type: int, models: bool) -> list[str]:
    items = demetr.load_demetr(per_type=per_type)
    pairs = list(dict.fromkeys((i.source, t) for i in items for t in (i.clean, i.perturbed)))
    as_items = [Item(str(k), s, t, (), 0.0, k) for k, (s, t) in enumerate(pairs)]
    docs = documents(as_items, models, "demetr")
    lines = ["", f"### DEMETR: {per_type} items per perturbation, at the review point (and the gate's)", ""]
    rows = []
    for name, config in (("before (judge off)", Config(models=models, judge="off")),
                         ("after (review point)", Config(models=models)),
                         ("after (gate point)", Config(models=models, operating_point="gate"))):
        flags = document_flags(run(docs, config))
        by_pair = {pair: flags.get(str(k), []) for k, pair in enumerate(pairs)}
        totals = demetr.class_totals(demetr.type_rows(items, lambda s, t: by_pair[(s, t)]))
        rows += [[name, severity, str(n), f"{100 * caught / n:.1f}%", f"{100 * clean / n:.1f}%"]
                 for severity, n, caught, clean in totals]
        MEASURED.update({f"demetr {name} {severity}": caught / n for severity, n, caught, _ in totals})
    lines += markdown_table(["judge", "severity", "items", "detected", "clean mt_sent flagged"], rows)
    return lines


def speed_section(items: Sequence[Item], models: bool) -> list[str]:
    from mtcheck.pipeline import compare_records
    from mtcheck.read.pairs import PairRecord

    records = [PairRecord(item.id, item.source, item.target, item.id) for item in items]
    times = {"judge off": [], "judge on": []}
    for _ in range(2):  # interleaved: the machine's load changes within a run
        for name, config in (("judge off", Config(models=models, judge="off")), ("judge on", Config(models=models))):
            started = time.perf_counter()
            compare_records(records, config, default_id="speed")
            times[name].append(time.perf_counter() - started)
    best = {name: min(values) for name, values in times.items()}
    rows = [[name, f"{len(items) / seconds:.1f}", f"{seconds:.1f}"] for name, seconds in best.items()]
    extra = best["judge on"] / best["judge off"] - 1
    MEASURED["speed extra"] = extra
    return ["", f"### Speed: {len(items)} news pairs, whole pipeline{' with the models' if models else ''}, "
            f"best of 2 (judge on costs {100 * extra:+.1f}%)", *markdown_table(["run", "pairs/s", "seconds"], rows)]


def targets_section() -> list[str]:
    m = MEASURED
    rows = []
    for key, corpus in (("news", "news"), ("ted", "TED")):
        for kind, goal in (("global", 1.8), ("grouped", 1.5)):
            v3, chrf = m[f"{key} v3 {kind}"], m[f"{key} chrf {kind}"]
            ratio = v3 / chrf if chrf > 0 else float("nan")
            rows.append([f"{corpus}: {kind} tau ≥ {goal}× chrF's", f"{v3:.3f} = {ratio:.2f}× {chrf:.3f}",
                         "met" if ratio >= goal else f"missed by {goal - ratio:.2f}×"])
        for point in ("review", "gate"):
            mcc = m[f"{key} mcc {point}"]
            rows.append([f"{corpus}: span MCC ≥ 0.25 at {point}", f"{mcc:.3f}",
                         "met" if mcc >= 0.25 else f"missed by {0.25 - mcc:.3f}"])
        share = m[f"{key} error-free gate"]
        rows.append([f"{corpus}: error-free segments flagged at gate ≤ 5%", f"{100 * share:.1f}%",
                     "met" if share <= 0.05 else f"missed by {100 * (share - 0.05):.1f} points"])
    for severity, goal in (("critical", 0.9), ("major", 0.7)):
        rate = m.get(f"demetr after (review point) {severity}", float("nan"))
        rows.append([f"DEMETR {severity} detected at review ≥ {goal:.0%}", f"{100 * rate:.1f}%",
                     "met" if rate >= goal else f"missed by {100 * (goal - rate):.1f} points"])
    extra = m["speed extra"]
    rows.append(["judge costs ≤ 30% more time (models path)", f"{100 * extra:+.1f}%",
                 "met" if extra <= 0.3 else f"missed by {100 * (extra - 0.3):.1f} points"])
    return ["", "### Targets", *markdown_table(["target", "measured", ""], rows)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ted-limit", type=int, help="the first N TED test items (default: all)")
    parser.add_argument("--demetr-per-type", type=int, default=100)
    parser.add_argument("--speed-items", type=int, default=200)
    parser.add_argument("--no-models", dest="models", action="store_false")
    parser.add_argument("--write", action="store_true", help="also put the section into benchmarks/results.md")
    args = parser.parse_args()
    started = time.perf_counter()
    news = news_items()
    lines = ["## Judgement: the learned layer (benchmarks/judgement.py)", "",
             f"Judge: `{load().signature}`; models {'on' if args.models else 'off'}."]
    lines += corpus_section("WMT21 news, held-back documents", news, "wmt21-news", args.models, "news")
    lines += corpus_section("WMT21 TED, test talks", ted_items(args.ted_limit), "ted", args.models, "ted")
    lines += demetr_section(args.demetr_per_type, args.models)
    lines += speed_section(news[: args.speed_items], args.models)
    lines += targets_section()
    options = "".join(f" {arg}" for arg in sys.argv[1:] if arg != "--write")
    lines += ["", f"Command: `.venv/bin/python benchmarks/judgement.py{options}` "
              f"({time.perf_counter() - started:.0f} s on the 2-core machine, with the models' readings in the cache)."]
    text = "\n".join(lines)
    print(text)
    if args.write:
        write_section(text)


def write_section(text: str) -> None:
    """Replace the marked section of results.md (or append it), leaving checks_eval.py's part alone."""
    old = RESULTS.read_text(encoding="utf-8")
    block = f"{BEGIN}\n{text}\n{END}"
    if BEGIN in old and END in old:
        new = old[: old.index(BEGIN)] + block + old[old.index(END) + len(END) :]
    else:
        new = old.rstrip("\n") + "\n\n" + block + "\n"
    RESULTS.write_text(new, encoding="utf-8")


if __name__ == "__main__":
    main()
