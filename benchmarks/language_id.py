"""Whole-document language identification (mtcheck.segment.language): accuracy and cost.

Accuracy, on pseudo-documents of 10 consecutive sentences read one sentence
per unit (as ``--pairs`` reads them): DEMETR's sources in 10 languages must be
judged foreign and named, English (DEMETR references and MT, WMT21 news
references and systems, TED talks) must stay under the target-language
check's 25% share, and English documents with 4 of 10 sentences swapped for
German must reach it. Cost, each in a fresh process: seconds and RSS growth of
``identify`` on the seed target, on a 10 MB English article, a 10 MB German
one and a 10 MB one-line Chinese one, each built from the seed/DEMETR text.

    .venv/bin/python benchmarks/language_id.py [--cost-only]

Both parts read the data sets under ``MTCHECK_DATA`` (benchmarks/data_sets.py;
the cost part builds its German and Chinese articles from DEMETR's sentences).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
import data_sets  # noqa: E402

DEMETR_FILE = "base_id35_reference.json"
SEED = ROOT / "corpora" / "seed"
SHARE = 0.25  # checks/target_language.py

COST = """
import sys, time, psutil
process = psutil.Process()
text = open(sys.argv[1], encoding="utf-8").read()
from mtcheck.segment.language import identify
from mtcheck.segment.sentences import segment
units = segment(text) if sys.argv[2] == "segments" else None
before = process.memory_info().rss
start = time.perf_counter()
profile = identify(text, units, ignore_below=0.25)
elapsed = time.perf_counter() - start
grown = (process.memory_info().rss - before) / 1e6
top = profile.shares()[0] if profile.shares() else None
print(f"{elapsed:.3f} s, +{grown:.1f} MB RSS, foreign {profile.foreign_share:.0%}, top {top}")
"""


def documents(sentences: list[str], size: int = 10) -> list[list[str]]:
    return [sentences[i : i + size] for i in range(0, len(sentences) - size + 1, size)]


def judge(doc: list[str]):
    from mtcheck.segment.documents import join_segments
    from mtcheck.segment.language import identify

    text, segments = join_segments(doc)
    return identify(text.text, segments, ignore_below=SHARE)


def accuracy() -> None:
    demetr = json.loads((data_sets.data_set("demetr") / DEMETR_FILE).read_text(encoding="utf-8"))
    by_language: dict[str, list[str]] = defaultdict(list)
    english: dict[str, list[str]] = defaultdict(list)
    for item in demetr:
        by_language[item["lang_tag"]].append(item["src_sent"])
        english["DEMETR references"].append(item["eng_sent"])
        english["DEMETR MT"].append(item["mt_sent"])
    news = data_sets.data_set("wmt21-news-zhen-mqm") / "wmt21_news_zhen_mqm_spans.tsv"
    with open(news, encoding="utf-8") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    # Whole articles: each system's translation of each document, in segment order.
    articles: dict[tuple[str, str], dict[int, str]] = defaultdict(dict)
    for system, doc, seg, _rater, _source, target, *_ in rows:
        if seg.isdigit():
            articles[system, doc][int(seg)] = target
    wmt: dict[str, list[list[str]]] = defaultdict(list)
    for (system, _doc), segments in sorted(articles.items()):
        kind = "WMT21 news ref.A" if system == "ref.A" else "WMT21 news systems" if system.startswith("hyp.") else None
        if kind:
            wmt[kind].append([segments[i] for i in sorted(segments)])
    with open(data_sets.data_set("wmt21-ted-zhen-mqm") / "ted_zhen_mqm_ted_zhen.tsv", encoding="utf-8") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))[1:]
    ted = dict.fromkeys(re.sub(r"</?v>", "", row[6]) for row in rows if len(row) > 6)
    english["TED talks"] = list(ted)[:5000]

    print("foreign documents (10 sentences): judged foreign / named as")
    for tag, sentences in sorted(by_language.items()):
        docs = documents(sentences)
        profiles = [judge(doc) for doc in docs]
        foreign = sum(p.foreign_share > 0.5 for p in profiles)
        names = sorted({p.main_foreign[0] for p in profiles if p.main_foreign})
        print(f"  {tag:>15}: {foreign}/{len(docs)}  {', '.join(names)}")
    print(f"English documents (10 sentences; WMT: whole articles): flagged at {SHARE:.0%} / judged, worst share")
    groups = {tag: documents(sentences) for tag, sentences in english.items()} | wmt
    for tag, docs in groups.items():
        profiles = [judge(doc) for doc in docs]
        flagged = sum(p.foreign_share >= SHARE for p in profiles)
        worst = max(p.foreign_share for p in profiles)
        print(f"  {tag:>20}: {flagged}/{sum(p.enough for p in profiles)}  worst {worst:.0%}")
    mixed = []
    german = by_language["german"]
    for i, doc in enumerate(documents(english["DEMETR references"])[: len(german) // 4]):
        mixed.append(doc[:3] + german[4 * i : 4 * i + 4] + doc[3:6])
    shares = sorted(judge(doc).foreign_share for doc in mixed)
    found = sum(share >= SHARE for share in shares)
    print(f"English with 4 of 10 sentences German: {found}/{len(mixed)} reach {SHARE:.0%}, median {shares[len(shares) // 2]:.0%}")


def cost(tmp: Path) -> None:
    seed = (SEED / "target.txt").read_text(encoding="utf-8")
    demetr = json.loads((data_sets.data_set("demetr") / DEMETR_FILE).read_text(encoding="utf-8"))
    german = "\n".join(item["src_sent"] for item in demetr if item["lang_tag"] == "german")
    chinese = "".join(item["src_sent"] for item in demetr if item["lang_tag"] == "chinese_simple")
    inputs = {
        "seed target": seed,
        "10 MB English": "\n\n".join([seed] * (10_000_000 // len(seed))),
        "10 MB German": "\n\n".join([german] * (10_000_000 // len(german))),
        "10 MB Chinese, one line": chinese * (10_000_000 // len(chinese)),
    }
    print("cost of identify() in a fresh process, reading lines or segment() output (segmenting not counted)")
    for label, text in inputs.items():
        path = tmp / "language_id_input.txt"
        path.write_text(text, encoding="utf-8")
        for units in ("lines", "segments"):
            result = subprocess.run(
                [sys.executable, "-c", COST, str(path), units], capture_output=True, text=True, check=True
            )
            print(f"  {label:>24} ({units}): {result.stdout.strip()}")
        path.unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cost-only", action="store_true", help="skip the accuracy part")
    args = parser.parse_args()
    if not args.cost_only:
        accuracy()
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        cost(Path(tmp))


if __name__ == "__main__":
    main()
