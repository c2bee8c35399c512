"""Alignment speed and accuracy on two synthetic 2,000-sentence documents.

The target is a noisy rewrite of the source with known beads: word swaps and
drops in every sentence, and, at random, split sentences (1-2), merged
sentences (2-1), inserted junk lines (0-1) and dropped sentences (1-0).
Prints wall time of ``mtcheck.align.align`` and bead precision/recall
against the known truth.

    python benchmarks/align_speed.py [--sentences 2000] [--seed 1] [--repeat 3]
"""

from __future__ import annotations

import argparse
import itertools
import random
import string
import time

from mtcheck.align import align

JUNK = ["Comments", "Share", "Read more", "Advertisement", "My news", "Print", "Latest"]


def vocabulary(rng: random.Random, size: int = 5000) -> list[str]:
    words = set()
    while len(words) < size:
        length = rng.choice([2, 3, 3, 4, 5, 5, 6, 7, 8, 9, 10])
        words.add("".join(rng.choice(string.ascii_lowercase) for _ in range(length)))
    return sorted(words)


def sentence(rng: random.Random, words: list[str], weights: list[float]) -> list[str]:
    # Zipf-distributed words, as in real text: a few recur in every sentence.
    tokens = rng.choices(words, cum_weights=weights, k=rng.randint(8, 30))
    tokens[0] = tokens[0].capitalize()
    return tokens


def rewrite(rng: random.Random, tokens: list[str], words: list[str]) -> list[str]:
    out = []
    for token in tokens:
        roll = rng.random()
        if roll < 0.12:
            out.append(rng.choice(words))
        elif roll > 0.95:
            continue
        else:
            out.append(token)
    return out or tokens[:1]


def make_documents(n: int, seed: int):
    rng = random.Random(seed)
    words = vocabulary(rng)
    weights = list(itertools.accumulate(1 / rank for rank in range(1, len(words) + 1)))
    sources = [sentence(rng, words, weights) for _ in range(n)]
    targets: list[str] = []
    truth: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    i = 0
    while i < n:
        roll = rng.random()
        start = len(targets)
        if roll < 0.03:
            targets.append(rng.choice(JUNK))
            truth.append(((), (start,)))
            continue
        if roll < 0.06:
            truth.append(((i,), ()))
            i += 1
            continue
        if roll < 0.11 and len(sources[i]) > 12:
            words_out = rewrite(rng, sources[i], words)
            cut = len(words_out) // 2
            targets += [" ".join(words_out[:cut]) + ".", " ".join(words_out[cut:]).capitalize() + "."]
            truth.append(((i,), (start, start + 1)))
            i += 1
            continue
        if roll < 0.16 and i + 1 < n:
            merged = rewrite(rng, sources[i], words) + rewrite(rng, sources[i + 1], words)
            targets.append(" ".join(merged) + ".")
            truth.append(((i, i + 1), (start,)))
            i += 2
            continue
        targets.append(" ".join(rewrite(rng, sources[i], words)) + ".")
        truth.append(((i,), (start,)))
        i += 1
    return [" ".join(s) + "." for s in sources], targets, truth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sources, targets, truth = make_documents(args.sentences, args.seed)
    timings = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        beads = align(sources, targets)
        timings.append(time.perf_counter() - started)
    found, expected = set(beads), set(truth)
    correct = len(found & expected)
    print(f"source sentences: {len(sources)}  target segments: {len(targets)}")
    print(f"align wall time: best {min(timings):.2f} s, median {sorted(timings)[len(timings) // 2]:.2f} s over {args.repeat} runs")
    print(f"beads: {len(found)} found, {len(expected)} true; precision {correct / len(found):.3f}, recall {correct / len(expected):.3f}")
    by_kind: dict[str, list[int]] = {}
    for bead in expected:
        kind = f"{len(bead[0])}-{len(bead[1])}"
        by_kind.setdefault(kind, [0, 0])[1] += 1
        by_kind[kind][0] += bead in found
    print("recall by true bead kind: " + ", ".join(f"{k} {c}/{t}" for k, (c, t) in sorted(by_kind.items())))


if __name__ == "__main__":
    main()
