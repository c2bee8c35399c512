"""How often the structural checks fire on real translated articles, and that they fire on wrecks of them.

An article is one (system, document) of WMT21 news zh->en MQM (``training/mqm_data.load_news``): ref.A's
English is its source, the system's segments, in order and one paragraph each, its target. The
structural checks (sentence-order, mass-duplication, truncation, wrong-article) are critical and must
be silent on all of them; each wreck of tests/wrecks.py, made from each document's ref.B (a human
translation), must make its check fire.

    .venv/bin/python benchmarks/structural_checks.py [--data DIR] [--limit N] [--wrecks-only]

The news set is read from ``MTCHECK_DATA`` (benchmarks/data_sets.py), or from ``--data DIR``, a folder
holding ``wmt21-news-zhen-mqm/``.

Rules only and without the judge or the scores: a structural finding is the document's, which the
judge passes through untouched, and these checks read no model signal and no score.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import data_sets  # noqa: E402
import wrecks  # noqa: E402

from mtcheck.config import Config  # noqa: E402
from mtcheck.training.mqm_data import load_news  # noqa: E402
from mtcheck.analyses import analysed_view  # noqa: E402
from mtcheck.checks import detect  # noqa: E402
from mtcheck.pipeline import aligned_document, built_checks  # noqa: E402
from mtcheck.types import Text  # noqa: E402

STRUCTURAL = ("sentence-order", "mass-duplication", "truncation", "wrong-article", "target-language")
CONFIG = Config(models=False, judge="off", checks=STRUCTURAL)
WRECKS = {
    "reversed": (lambda text, other: wrecks.reversed_order(text), "sentence-order"),
    "shuffled": (lambda text, other: wrecks.shuffled(text, 7), "sentence-order"),
    "duplicated each": (lambda text, other: wrecks.duplicated_each(text), "mass-duplication"),
    "one sentence x200": (lambda text, other: wrecks.one_sentence_repeated(text, 200), "mass-duplication"),
    "truncated half": (lambda text, other: wrecks.truncated_half(text), "truncation"),
    "other article": (lambda text, other: other, "wrong-article"),
}


def articles(root: Path) -> dict[tuple[str, str], tuple[str, str]]:
    """(system, document) -> (source, target), each the document's segments in order, one paragraph each."""
    grouped = defaultdict(list)
    for item in load_news(root):
        grouped[(item.system, item.doc)].append(item)
    return {
        key: tuple("\n\n".join(getattr(item, side) for item in sorted(items, key=lambda i: i.segment)) + "\n"
                   for side in ("source", "target"))
        for key, items in sorted(grouped.items())
    }


def fired(source: str, target: str) -> list:
    """The structural checks' findings, from the aligned document: they read no score, so TER's minutes on
    these long segments are skipped (compare_texts runs the same stages, scoring included)."""
    document = aligned_document(Text(source), Text(target), CONFIG)
    checks = built_checks(CONFIG)
    return detect(analysed_view(document, checks, dict(CONFIG.check_params)), checks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="a folder holding wmt21-news-zhen-mqm/ (default: MTCHECK_DATA)")
    parser.add_argument("--limit", type=int, default=None, help="articles read (default: all)")
    parser.add_argument("--wrecks-only", action="store_true")
    args = parser.parse_args()
    every = articles(args.data if args.data else data_sets.data_set("wmt21-news-zhen-mqm").parent)
    keys = list(every)[: args.limit]
    started = time.perf_counter()
    if not args.wrecks_only:
        fires: Counter[str] = Counter()
        for key in keys:
            for finding in fired(*every[key]):
                fires[finding.check] += 1
                print(f"  fired on {key[0]} {key[1]}: {finding.check}: {finding.message}")
        print(f"clean articles: {len(keys)}; fired: " + ", ".join(f"{c} {fires[c]}" for c in STRUCTURAL))
    docs = sorted({doc for system, doc in keys if system == "ref.B"})
    caught: Counter[str] = Counter()
    for k, doc in enumerate(docs):
        source, target = every[("ref.B", doc)]
        other = every[("ref.B", docs[(k + len(docs) // 2) % len(docs)])][1]
        for name, (make, check) in WRECKS.items():
            found = fired(source, make(target, other))
            caught[name] += any(f.check == check for f in found)
            if not any(f.check == check for f in found):
                print(f"  missed {name} of {doc}: {[f.check for f in found]}")
    print(f"wrecks of {len(docs)} ref.B documents, caught by their check: "
          + ", ".join(f"{name} {caught[name]}/{len(docs)}" for name in WRECKS))
    print(f"({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
