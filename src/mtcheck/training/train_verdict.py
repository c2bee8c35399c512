"""Fit the article verdict's defaults on WMT21 news: ``python -m mtcheck.training.train_verdict``.

    .venv/bin/python -m mtcheck.training.train_verdict read --variant rules
    .venv/bin/python -m mtcheck.training.train_verdict read --variant models --split calibrate
    .venv/bin/python -m mtcheck.training.train_verdict read --variant models --split test --systems-every 2
    .venv/bin/python -m mtcheck.training.train_verdict fit [--check]

``read`` checks every (system, document) article of the ``calibrate`` and ``test`` documents
(training.article_data) under the default settings and keeps what the verdict reads of each in
``training/data/verdict-readings-VARIANT.jsonl`` (322 articles: 9 calibrate and 12 test documents,
each by 13 systems and ref.B; rules only, some 10 minutes on two quiet cores). The shipped models
variant was fitted on every system's calibrate articles and tested on every other system's test
articles (91), as its readings cost 10-100 s an article on two shared cores. A killed ``read`` goes on
where it stopped. ``fit`` chooses the verdict's cut points on the ``calibrate`` articles
alone (training.verdict_fit) and writes them into the shipped judge file; the ``test`` articles are only
reported (benchmarks/verdict.py). The ``fit`` documents are left out: the judge's word and finding
models were fitted on them, so their readings are better than an unseen article's.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mtcheck.training.mqm_data import NEWS_DATA

READINGS = Path(__file__).parent / "data"  # beside the news set they are read from


def readings_path(variant: str) -> Path:
    return READINGS / f"verdict-readings-{variant}.jsonl"


def read(data: Path, variant: str, every: int = 1, log=print, splits: tuple[str, ...] = ("calibrate", "test")) -> None:
    from mtcheck.config import Config
    from mtcheck.grade.judge import gate_threshold
    from mtcheck.training.article_data import articles, load_readings, read_article, write_readings
    from mtcheck.training.mqm_data import load_news
    from mtcheck.pipeline import compare_texts
    from mtcheck.types import Text

    config = Config(models=variant == "models")
    path = readings_path(variant)
    done = {reading.id for reading in load_readings(path)} if path.exists() else set()
    # The calibrate articles first: the cut points can be fitted while the test articles are read.
    found = [a for a in articles(load_news(data)) if a.split in splits]
    # Every ``every``-th system (by name), all documents: the models' readings cost some 20 s an article
    # on two busy cores, and half the systems still give every document's spread of quality.
    systems = sorted({a.system for a in found})[::every]
    todo = sorted((a for a in found if a.id not in done and a.system in systems), key=lambda a: a.split)
    log(f"{variant}: {len(done)} articles read before, {len(todo)} to read")
    floor = gate_threshold(config, models=config.models)

    def check(source: str, target: str):
        return compare_texts(Text(source), Text(target), config, doc_id="article")

    for k, reading in enumerate(write_readings(path, (read_article(a, check, floor) for a in todo)), 1):
        log(f"{k}/{len(todo)} {reading.id} {reading.seconds:.1f}s quality {reading.quality:.1f} "
            f"human {reading.human_per_100_words:.1f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mtcheck.training.train_verdict", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    reading = commands.add_parser("read", help="check the calibrate and test articles, keep their readings")
    reading.add_argument("--data", type=Path, default=NEWS_DATA, help="the news MQM set (default: the project's copy)")
    reading.add_argument("--variant", choices=("models", "rules"), default="rules")
    reading.add_argument("--systems-every", type=int, default=1, metavar="N",
                         help="read every N-th system only (by name; default 1, all of them)")
    reading.add_argument("--split", action="append", choices=("calibrate", "test"),
                         help="read only this split's documents (repeatable; default: both)")
    fitting = commands.add_parser("fit", help="fit the cut points on the calibrate readings, into the judge file")
    fitting.add_argument("--check", action="store_true", help="compare with the shipped judge file, write nothing")
    fitting.add_argument("--variant", action="append", choices=("models", "rules"),
                         help="fit only this variant's cuts (repeatable; default: both)")
    args = parser.parse_args(argv)
    if args.command == "read":
        read(args.data, args.variant, args.systems_every, log=lambda line: print(line, file=sys.stderr, flush=True),
             splits=tuple(args.split or ("calibrate", "test")))
        return 0
    from mtcheck.training.verdict_fit import fit_shipped

    return fit_shipped(check=args.check, variants=args.variant or ("rules", "models"))


if __name__ == "__main__":
    sys.exit(main())
