"""Throughput of ``mtcheck batch`` on a synthetic feed built from corpora/, and where the time goes.

The feed: ``--articles`` (default 40) seed-sized pairs. Each is the seed's
source with a translation made from the seed's own machine translation, cut
and perturbed the way a feed's articles differ (a dropped paragraph, spun
words, a changed number, a flipped negation, portal furniture lines), from a
fixed random seed, so every article has its own store key.

Rows (each configuration in a fresh process, models loaded once per worker):

- models at 1 and 2 workers, rules only (``--no-models``) at 1 and 2, the Ray
  engine (local, 2 CPUs) rules only, and with ``--ray-models`` with models;
- a rerun with nothing changed (the whole CLI process, store warm);
- peak RSS of the biggest worker (``getrusage(RUSAGE_CHILDREN)``);
- with ``--big``, one 3,000-pair document against the same pairs as 30
  documents (``compare --pairs``, rules only; DEMETR pairs from ``$MTCHECK_DATA/demetr``).

    python benchmarks/feed_throughput.py [--articles 40] [--model-articles 6] [--skip-models] [--big] [--repeat 3]
        [--skip-rules] [--model-engines ctranslate2:auto torch:float32 ...]

Models rows check ``--model-articles`` articles of the feed (default 6): on a
CPU without bf16 one seed article takes most of a minute, and the rate is what
is measured, not the total.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpora" / "seed"
FURNITURE = ("Advertisement", "Read also: Experts fear rapid spread", "Share this article", "Photo: dpa",
             "More on this topic", "Subscribe to our newsletter")
SPINS = (("Iran", "Persia"), ("attacks", "assaults"), ("soldiers", "troopers"), ("officials", "functionaries"),
         ("government", "administration"), ("said", "stated"), ("country", "nation"))


def synthetic_feed(folder: Path, count: int) -> None:
    source = (SEED / "source.en.txt").read_text(encoding="utf-8")
    paragraphs = (SEED / "target.txt").read_text(encoding="utf-8").split("\n\n")
    rng = random.Random(20261202)
    for i in range(count):
        kept = [p for p in paragraphs if rng.random() > 0.08]  # a dropped paragraph or two
        text = "\n\n".join(kept)
        for old, new in rng.sample(SPINS, 2):
            text = text.replace(old, new, 1)
        if rng.random() < 0.5:
            text = text.replace(" not ", " ", 1)
        for _ in range(rng.randint(1, 4)):
            cut = text.split("\n\n")
            cut.insert(rng.randrange(len(cut) + 1), rng.choice(FURNITURE))
            text = "\n\n".join(cut)
        text += f"\n\nArticle {i} of the feed."
        article = folder / f"article-{i:03d}"
        article.mkdir(parents=True)
        (article / "source.en.txt").write_text(source, encoding="utf-8")
        (article / "target.txt").write_text(text, encoding="utf-8")


def one_run(feed: str, store: str, workers: int, engine: str, models, limit: int | None) -> dict:
    """In this process: the feed (its first ``limit`` articles) through run_batch; seconds and peak RSS.
    ``models``: False, or [the models' engine, its dtype]."""
    from dataclasses import replace

    from mtcheck.batch.inputs import feed_from_directory
    from mtcheck.batch.local_engine import Limits, LocalEngine
    from mtcheck.batch.progress import NoProgress
    from mtcheck.batch.run import run_batch
    from mtcheck.batch.store import ResultStore
    from mtcheck.config import Config
    from mtcheck.report.build import expected_signature

    config = Config(models=False) if not models else Config(engine=models[0], dtype=models[1])
    articles = feed_from_directory(feed)
    if limit:
        articles = replace(articles, articles=articles.articles[:limit])
    signature = expected_signature(config)
    if engine == "ray":
        from mtcheck.batch.ray_engine import RayEngine

        runner = RayEngine(config, signature, workers, Limits())
    else:
        runner = LocalEngine(config, signature, workers, Limits())
    started = time.perf_counter()
    with ResultStore(store) as results:
        result = run_batch(articles, signature, results, runner, NoProgress(), max_bytes=5 << 20)
    seconds = time.perf_counter() - started
    assert not result.errors, result.errors
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KiB on Linux
    return {"articles": result.checked, "seconds": seconds, "per_min": result.checked * 60 / seconds,
            "peak_worker_mib": peak}


def _child(feed: Path, store: Path, workers: int, engine: str, models, limit: int | None) -> dict:
    command = [sys.executable, __file__, "--one", json.dumps([str(feed), str(store), workers, engine, models, limit])]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.splitlines()[-1])


def rerun_seconds(feed: Path, store: Path) -> float:
    command = [sys.executable, "-m", "mtcheck", "batch", str(feed), "--no-models", "-q", "--store", str(store),
               "--max-failed", "1000"]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    assert "0 checked" in done.stderr, done.stderr
    return seconds


def demetr_root() -> Path:
    """DEMETR's folder under MTCHECK_DATA (benchmarks/data_sets.py), for the --big rows."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import data_sets

    return data_sets.data_set("demetr")


def big_document(work: Path, demetr: Path) -> list[tuple[str, float, float]]:
    from pairs_throughput import demetr_pairs

    rows = demetr_pairs(3000, demetr)
    results = []
    for label, docs in (("one 3,000-pair document", 1), ("the same pairs as 30 documents", 30)):
        path = work / f"pairs-{docs}.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for i, row in enumerate(rows):
                handle.write(json.dumps({**row, "doc": f"d{i * docs // len(rows)}"}) + "\n")
        command = ["/usr/bin/time", "-f", "%M", sys.executable, "-m", "mtcheck", "compare", "--pairs", str(path),
                   "--no-models", "--format", "json", "--output", str(work / f"r{docs}.json"), "--max-critical", "100000"]
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True)
        seconds = time.perf_counter() - started
        results.append((label, seconds, int(done.stderr.strip().splitlines()[-1]) / 1024))
    return results


def row_line(label: str, runs: list[dict]) -> str:
    """One table row; several runs of a configuration give their median, then every run's rate in order."""
    middle = sorted(runs, key=lambda run: run["seconds"])[len(runs) // 2]
    rates = "" if len(runs) == 1 else " (" + ", ".join(f"{run['per_min']:.1f}" for run in runs) + ")"
    return (f"| {label} | {middle['articles']} | {middle['seconds']:.1f} | {middle['per_min']:.1f}{rates} | "
            f"{max(run['peak_worker_mib'] for run in runs):.0f} MiB |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--model-articles", type=int, default=6)
    parser.add_argument("--skip-models", action="store_true")
    parser.add_argument("--skip-rules", action="store_true", help="only the models rows")
    parser.add_argument("--model-workers", type=int, nargs="+", default=[1, 2], help="the models rows' worker counts")
    parser.add_argument("--model-engines", nargs="+", default=["ctranslate2:auto"], metavar="ENGINE:DTYPE",
                        help="the models rows' engines, e.g. ctranslate2:float32 ctranslate2:int8 torch:float32")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run each rules-only configuration this many times (a shared machine is noisy): "
                             "the row gives the median run and every run's rate")
    parser.add_argument("--ray-models", action="store_true", help="also the Ray engine with models")
    parser.add_argument("--big", action="store_true",
                        help="also the 3,000-pair document rows (needs DEMETR under MTCHECK_DATA)")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one_run(*json.loads(args.one))))
        return
    demetr = demetr_root() if args.big else None  # a missing data set stops the run before it starts
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        synthetic_feed(work / "feed", args.articles)
        configurations = [("rules only, 1 worker", 1, "local", False, None),
                          ("rules only, 2 workers", 2, "local", False, None),
                          ("rules only, Ray (local, 2 CPUs)", 2, "ray", False, None)]
        if args.skip_rules:
            configurations = []
        if not args.skip_models:
            for model_engine in args.model_engines:
                runtime, dtype = model_engine.split(":")
                configurations += [(f"models on {runtime} {dtype}, {w} worker{'s' * (w > 1)}", w, "local",
                                    [runtime, dtype], args.model_articles) for w in args.model_workers]
        if args.ray_models:
            configurations.append(("models, Ray (local, 2 CPUs)", 2, "ray", ["ctranslate2", "auto"], args.model_articles))
        print("| run | articles | seconds | articles/min | peak RSS of a worker |\n|---|---:|---:|---:|---:|")
        for k, (label, workers, engine, models, limit) in enumerate(configurations):
            runs = [_child(work / "feed", work / f"store-{k}-{r}.sqlite", workers, engine, models, limit)
                    for r in range(args.repeat if not models else 1)]
            print(row_line(label, runs), flush=True)
        if not args.skip_rules:
            print(f"| rerun, nothing changed ({args.articles} articles, whole CLI) | 0 | "
                  f"{rerun_seconds(work / 'feed', work / 'store-0-0.sqlite'):.2f} | — | — |")
        if args.big:
            for label, seconds, peak in big_document(work, demetr):
                print(f"| compare --pairs, {label}, rules only | 3000 pairs | {seconds:.1f} | — | {peak:.0f} MiB (process) |")


if __name__ == "__main__":
    main()
