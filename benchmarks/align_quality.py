"""Does the sentence embedder help alignment? Bead accuracy on real paraphrases.

Source documents are runs of DEMETR English references (`eng_sent`, from
`$MTCHECK_DATA/demetr/base_id35_reference.json`: benchmarks/data_sets.py); the
target is the independent machine translation of the same sentences
(`mt_sent`), so sides agree in meaning but not in wording, as after a round
trip. Known beads are injected on the target side: portal lines (0-1),
dropped sentences (1-0), sentences split at a comma (1-2) and neighbours
merged (2-1). Alignment runs with chrF + length alone and with embeddings
added; the script prints bead precision and recall for both.

    python benchmarks/align_quality.py [--sentences 400] [--documents 5] [--seed 7]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import data_sets  # noqa: E402

from mtcheck.align import align  # noqa: E402
from mtcheck.config import Config  # noqa: E402
from mtcheck.models.embedder import SentenceEmbedder  # noqa: E402
from mtcheck.report.build import ALIGN_PARAMS, ALIGN_PARAMS_WITH_EMBEDDINGS

DEMETR_FILE = "base_id35_reference.json"  # in DEMETR's folder under MTCHECK_DATA
PORTAL = ["Comments", "Share", "My news", "Read more", "Advertisement", "© dpa", "You may like",
          "Subscribe to our newsletter for free", "Latest news from the region", "Photo: Reuters"]


def split_at_comma(sentence: str) -> tuple[str, str] | None:
    middle = len(sentence) // 2
    commas = [i for i, ch in enumerate(sentence) if ch == "," and 0.25 * len(sentence) < i < 0.75 * len(sentence)]
    if not commas:
        return None
    cut = min(commas, key=lambda i: abs(i - middle))
    head, tail = sentence[:cut].strip() + ".", sentence[cut + 1 :].strip()
    return head, tail[:1].upper() + tail[1:]


def make_document(items: list[dict], rng: random.Random):
    sources = [item["eng_sent"] for item in items]
    targets: list[str] = []
    truth = []
    i = 0
    while i < len(items):
        roll, start = rng.random(), len(targets)
        if roll < 0.05:
            targets.append(rng.choice(PORTAL))
            truth.append(((), (start,)))
            continue
        if roll < 0.09:
            truth.append(((i,), ()))
            i += 1
            continue
        if roll < 0.17 and (halves := split_at_comma(items[i]["mt_sent"])):
            targets += list(halves)
            truth.append(((i,), (start, start + 1)))
            i += 1
            continue
        if roll < 0.23 and i + 1 < len(items):
            targets.append(items[i]["mt_sent"].rstrip(".") + ", and " + items[i + 1]["mt_sent"][:1].lower() + items[i + 1]["mt_sent"][1:])
            truth.append(((i, i + 1), (start,)))
            i += 2
            continue
        targets.append(items[i]["mt_sent"])
        truth.append(((i,), (start,)))
        i += 1
    return sources, targets, truth


def score(found, truth) -> tuple[int, int, int, dict[str, list[int]]]:
    found_set, truth_set = set(found), set(truth)
    by_kind: dict[str, list[int]] = {}
    for bead in truth:
        kind = f"{len(bead[0])}-{len(bead[1])}"
        by_kind.setdefault(kind, [0, 0])
        by_kind[kind][0] += bead in found_set
        by_kind[kind][1] += 1
    return len(found_set & truth_set), len(found_set), len(truth_set), by_kind


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=200, help="source sentences per document")
    parser.add_argument("--documents", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    references = data_sets.data_set("demetr") / DEMETR_FILE
    rows = json.loads(references.read_text(encoding="utf-8"))
    items = [item for item in rows if item["mt_sent"] and item["eng_sent"]]
    rng = random.Random(args.seed)
    embedder = SentenceEmbedder.load(Config().embedder, dtype=Config().dtype)
    totals = {"chrF + length": [0, 0, 0, {}], "chrF + length + embeddings": [0, 0, 0, {}]}
    seconds = {name: 0.0 for name in totals}
    for _ in range(args.documents):
        sources, targets, truth = make_document(rng.sample(items, args.sentences), rng)
        vectors = (embedder.encode(sources), embedder.encode(targets))
        for name, params, embeddings in (
            ("chrF + length", ALIGN_PARAMS, None),
            ("chrF + length + embeddings", ALIGN_PARAMS_WITH_EMBEDDINGS, vectors),
        ):
            started = time.perf_counter()
            found = align(sources, targets, params, embeddings)
            seconds[name] += time.perf_counter() - started
            correct, n_found, n_true, kinds = score(found, truth)
            total = totals[name]
            total[0] += correct
            total[1] += n_found
            total[2] += n_true
            for kind, (hit, count) in kinds.items():
                total[3].setdefault(kind, [0, 0])
                total[3][kind][0] += hit
                total[3][kind][1] += count
    print(f"DEMETR paraphrase documents: {args.documents} x {args.sentences} source sentences (seed {args.seed})")
    for name, (correct, n_found, n_true, kinds) in totals.items():
        per_kind = ", ".join(f"{k} {h}/{c}" for k, (h, c) in sorted(kinds.items()))
        print(
            f"{name:28} precision {correct / n_found:.3f}  recall {correct / n_true:.3f}"
            f"  ({seconds[name]:.2f} s align)  recall by kind: {per_kind}"
        )


if __name__ == "__main__":
    main()
