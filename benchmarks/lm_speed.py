"""Language-model readings per second on each engine and number type, against torch float32, in one run.

Reads ~200 non-empty lines of corpora/seed/target.txt (repeated to reach the
count) through mtcheck's own ``LanguageModel`` (the same windows, batches and
worker threads as ``compare``), once per engine and type: torch float32 (the
baseline), torch bfloat16, CTranslate2 float32 and CTranslate2 int8. The
engines take turns in each round, so a busy neighbour slows them alike; the
median of ``--repeat`` rounds is reported. Accuracy is against torch float32's
bits for the same tokens: mean and max |difference|, Pearson r and the share
of tokens more than 1 bit off. The CPU's model name and flags are printed first.

    python benchmarks/lm_speed.py [--sentences 200] [--repeat 3] [--workers 1] [--skip torch-bfloat16]
        [--batch-invariance]
"""

from __future__ import annotations

import argparse
import math
import statistics
import time
from pathlib import Path

from mtcheck.models.lm import LanguageModel
from mtcheck.models.threads import configure

SEED = Path(__file__).resolve().parent.parent / "corpora" / "seed" / "target.txt"
ENGINES = (("torch", "float32"), ("torch", "bfloat16"), ("ctranslate2", "float32"), ("ctranslate2", "int8"))


def sentences(count: int) -> list[str]:
    lines = [line for line in SEED.read_text(encoding="utf-8").split("\n") if line.strip()]
    return (lines * (count // len(lines) + 1))[:count]


def cpu() -> str:
    """The CPU's model name and the flags that decide the kernels (bf16, AMX, VNNI, AVX-512)."""
    name, flags = "unknown CPU", []
    try:
        for line in open("/proc/cpuinfo", encoding="ascii", errors="ignore"):
            if line.startswith("model name") and name == "unknown CPU":
                name = line.split(":", 1)[1].strip()
            elif line.startswith("flags") and not flags:
                flags = [f for f in line.split(":", 1)[1].split() if f.startswith(("avx", "amx")) or "vnni" in f]
    except OSError:
        pass
    return f"{name}; flags: {' '.join(flags) or 'none of avx/amx'}"


def pearson(xs: list[float], ys: list[float]) -> float:
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    cov = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    return cov / math.sqrt(sum((x - mx) ** 2 for x in xs) * sum((y - my) ** 2 for y in ys))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workers", type=int, default=1, help="model worker threads, as --threads (default 1)")
    parser.add_argument("--skip", nargs="*", default=[], help="engines to leave out, e.g. torch-bfloat16")
    parser.add_argument("--batch-invariance", action="store_true",
                        help="also read each sentence alone and say how far each engine's batched bits are from those")
    args = parser.parse_args()

    texts = sentences(args.sentences)
    print(f"CPU: {cpu()}")
    chosen = [(r, d) for r, d in ENGINES if f"{r}-{d}" not in args.skip]
    models, loads = {}, {}
    for runtime, dtype in chosen:
        workers = configure(args.workers, runtime)
        started = time.perf_counter()
        models[runtime, dtype] = LanguageModel.load(dtype=dtype, runtime=runtime, workers=workers)
        loads[runtime, dtype] = time.perf_counter() - started
        models[runtime, dtype].token_surprisals(texts[:20], workers=workers)  # warm-up: kernels, allocations
    seconds = {key: [] for key in models}
    scores = {}
    for _ in range(args.repeat):
        for key, lm in models.items():
            started = time.perf_counter()
            scores[key] = lm.token_surprisals(texts, workers=args.workers)
            seconds[key].append(time.perf_counter() - started)
    baseline = [bits for s in scores[ENGINES[0]] for *_, bits in s.tokens] if ENGINES[0] in scores else None
    tokens = sum(len(s.tokens) for s in next(iter(scores.values())))
    base_rate = tokens / statistics.median(seconds[ENGINES[0]]) if baseline else None
    print(f"{len(texts)} sentences, {tokens} scored tokens, {args.workers} worker(s), median of {args.repeat} rounds")
    print("| engine | tokens/s | × torch float32 | load s | mean |Δ| bits | max |Δ| | r | tokens > 1 bit off |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for key, lm in models.items():
        rate = tokens / statistics.median(seconds[key])
        row = [lm.name, f"{rate:.0f}", f"{rate / base_rate:.2f}" if base_rate else "–", f"{loads[key]:.2f}"]
        if baseline:
            bits = [b for s in scores[key] for *_, b in s.tokens]
            diffs = [abs(a - b) for a, b in zip(baseline, bits)]
            row += [f"{sum(diffs) / len(diffs):.4f}", f"{max(diffs):.3f}", f"{pearson(baseline, bits):.4f}",
                    f"{sum(d > 1 for d in diffs) / len(diffs):.1%}"]
        print("| " + " | ".join(row) + " |")
    if args.batch_invariance:
        print("\nbatched against one sentence at a time (same engine): does a reading depend on its batch?")
        print("| engine | mean |Δ| bits | max |Δ| | tokens > 0.5 bit off |\n|---|---:|---:|---:|")
        for key, lm in models.items():
            batched = [b for s in scores[key] for *_, b in s.tokens]
            alone = [b for text in texts for *_, b in lm.token_surprisals([text], workers=args.workers)[0].tokens]
            diffs = [abs(a - b) for a, b in zip(batched, alone)]
            print(f"| {lm.name} | {sum(diffs) / len(diffs):.4f} | {max(diffs):.3f} | "
                  f"{sum(d > 0.5 for d in diffs) / len(diffs):.2%} |")


if __name__ == "__main__":
    main()
