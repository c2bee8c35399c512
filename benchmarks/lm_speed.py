"""Language-model speed, float32 against bfloat16, on real news sentences.

Scores ~200 non-empty lines of corpora/seed/target.txt (repeated to reach the
count) with the packaged SmolLM2 and prints scored tokens per second for each
dtype (best of --repeat runs, after one warm-up), then how far bfloat16
surprisals stray from float32 ones: max and mean absolute difference in bits
and the Pearson correlation over all tokens. --sweep also times batch sizes
and attention implementations (the choices behind lm.BATCH_TOKENS and
lm.ATTENTION). --int8 also times torch's dynamic int8 quantisation of the
transformer's linear layers (per tensor and per channel, the output layer
kept in float32) against float32, with the same accuracy numbers: int8 is
only worth shipping if its surprisals stay as close as bfloat16's.
--ctranslate2 (issue 29's engine; needs ``pip install ctranslate2``) converts
the same model with CTranslate2's TransformersConverter and times its
``Generator.score_batch`` in float32 and int8 against torch float32, every
engine on one thread, with the same accuracy numbers and each engine's load
time.

    python benchmarks/lm_speed.py [--sentences 200] [--repeat 3] [--sweep] [--int8] [--ctranslate2]
"""

from __future__ import annotations

import argparse
import math
import time
from pathlib import Path

from mtcheck.models import lm as lm_module
from mtcheck.models.lm import LanguageModel

# Tokens per CTranslate2 batch, as torch reads them (lm.BATCH_TOKENS): one padded batch of all texts is slower.
BATCH_TOKENS = lm_module.BATCH_TOKENS
SEED = Path(__file__).resolve().parent.parent / "corpora" / "seed" / "target.txt"


def sentences(count: int) -> list[str]:
    lines = [line for line in SEED.read_text(encoding="utf-8").split("\n") if line.strip()]
    return (lines * (count // len(lines) + 1))[:count]


def timed(lm: LanguageModel, texts: list[str], repeat: int) -> tuple[float, list]:
    scores = lm.token_surprisals(texts)  # warm-up: first calls allocate and pick kernels
    tokens = sum(len(s.tokens) for s in scores)
    best = math.inf
    for _ in range(repeat):
        started = time.perf_counter()
        lm.token_surprisals(texts)
        best = min(best, time.perf_counter() - started)
    return tokens / best, scores


def pearson(xs: list[float], ys: list[float]) -> float:
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    cov = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    return cov / math.sqrt(sum((x - mx) ** 2 for x in xs) * sum((y - my) ** 2 for y in ys))


def compare_dtypes(texts: list[str], repeat: int, dtypes: tuple[str, str]) -> None:
    """Tokens/s for each dtype, then how far the second one's surprisals stray from the first's."""
    results = {}
    for dtype in dtypes:
        lm = LanguageModel.load(dtype=dtype)
        rate, scores = timed(lm, texts, repeat)
        results[dtype] = [bits for s in scores for _, _, bits in s.tokens]
        print(f"{lm.name:32} {rate:8.0f} tokens/s  ({len(results[dtype])} tokens)")
    full, fast = (results[d] for d in dtypes)
    diffs = [abs(a - b) for a, b in zip(full, fast)]
    print(
        f"{dtypes[1]} vs {dtypes[0]}: max |diff| {max(diffs):.3f} bits, mean |diff| {sum(diffs) / len(diffs):.3f} bits,"
        f" Pearson r {pearson(full, fast):.5f}"
    )


def compare_int8(texts: list[str], repeat: int) -> None:
    """float32 against dynamic int8 (fbgemm/oneDNN kernels: VNNI or AMX-INT8 where the CPU has them)."""
    import copy

    import torch
    from torch.ao.quantization import default_dynamic_qconfig, per_channel_dynamic_qconfig, quantize_dynamic

    lm = LanguageModel.load(dtype="float32")
    rate, scores = timed(lm, texts, repeat)
    full = [bits for s in scores for _, _, bits in s.tokens]
    print(f"float32 {rate:8.0f} tokens/s")
    for name, qconfig in (("int8 per tensor", default_dynamic_qconfig), ("int8 per channel", per_channel_dynamic_qconfig)):
        model = copy.deepcopy(lm.model)
        # The output layer stays float32: it decides every surprisal, and it runs on scored positions only.
        spec = {n: qconfig for n, m in model.named_modules() if isinstance(m, torch.nn.Linear) and "lm_head" not in n}
        quantised = LanguageModel(lm.name, lm.tokenizer, quantize_dynamic(model, spec, dtype=torch.qint8))
        fast_rate, fast_scores = timed(quantised, texts, repeat)
        fast = [bits for s in fast_scores for _, _, bits in s.tokens]
        diffs = [abs(a - b) for a, b in zip(full, fast)]
        print(f"{name:17} {fast_rate:8.0f} tokens/s ({fast_rate / rate:.2f}x float32): max |diff| {max(diffs):.3f} bits,"
              f" mean |diff| {sum(diffs) / len(diffs):.3f} bits, Pearson r {pearson(full, fast):.5f}")


def compare_ctranslate2(texts: list[str], repeat: int) -> None:
    """torch float32 against CTranslate2 float32 and int8, all on one thread, on the same token ids."""
    import tempfile

    import ctranslate2
    from ctranslate2.converters import TransformersConverter

    from mtcheck.models._lm_loading import packaged_folder
    from mtcheck.models.threads import configure

    configure(1)  # torch on one thread, as mtcheck runs it per worker
    lm = LanguageModel.load(dtype="float32")
    rate, scores = timed(lm, texts, repeat)
    print(f"torch float32       {rate:8.0f} tokens/s (1 thread)")
    ids = lm.tokenizer(texts, add_special_tokens=False)["input_ids"]
    # mtcheck reads every text after its start token (lm.windows); score_batch adds none of its own.
    prefix = [] if lm.start_id is None else [lm.start_id]
    batch = [lm.tokenizer.convert_ids_to_tokens(prefix + list(row)) for row in ids]
    with tempfile.TemporaryDirectory() as scratch:
        for compute in ("float32", "int8"):
            folder = Path(scratch) / compute
            started = time.perf_counter()
            TransformersConverter(str(packaged_folder())).convert(
                str(folder), quantization=None if compute == "float32" else compute)
            converted = time.perf_counter() - started
            started = time.perf_counter()
            generator = ctranslate2.Generator(str(folder), device="cpu", compute_type=compute, intra_threads=1)
            loaded = time.perf_counter() - started
            generator.score_batch(batch, max_batch_size=BATCH_TOKENS, batch_type="tokens")  # warm-up
            best = math.inf
            for _ in range(repeat):
                started = time.perf_counter()
                results = generator.score_batch(batch, max_batch_size=BATCH_TOKENS, batch_type="tokens")
                best = min(best, time.perf_counter() - started)
            tokens = sum(len(r.log_probs) for r in results)
            full, fast = [], []
            for torch_scores, result in zip(scores, results):
                bits = [-value / math.log(2) for value in result.log_probs]
                if len(bits) == len(torch_scores.tokens):  # a text torch read in windows is left out
                    full += [b for *_, b in torch_scores.tokens]
                    fast += bits
            diffs = [abs(a - b) for a, b in zip(full, fast)]
            over = sum(d > 1.0 for d in diffs) / len(diffs)
            print(f"ctranslate2 {compute:7} {tokens / best:8.0f} tokens/s ({tokens / best / rate:.2f}x torch float32;"
                  f" convert {converted:.1f} s, load {loaded:.2f} s): mean |diff| {sum(diffs) / len(diffs):.4f} bits,"
                  f" max {max(diffs):.3f}, Pearson r {pearson(full, fast):.5f}, {over:.1%} of {len(diffs)} tokens"
                  " over 1 bit off")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sweep", action="store_true", help="also time batch sizes and attention kinds")
    parser.add_argument("--int8", action="store_true", help="also time dynamic int8 against float32")
    parser.add_argument("--ctranslate2", action="store_true",
                        help="also time CTranslate2 float32 and int8 against torch float32, on one thread each")
    args = parser.parse_args()

    import torch

    texts = sentences(args.sentences)
    started = time.perf_counter()
    LanguageModel.load(dtype="float32")
    print(f"load (first in this process, cache present or built now): {time.perf_counter() - started:.2f} s")
    print(f"{len(texts)} sentences, torch threads {torch.get_num_threads()}, batch {lm_module.BATCH_TOKENS} tokens")

    compare_dtypes(texts, args.repeat, ("float32", "bfloat16"))
    if args.ctranslate2:
        compare_ctranslate2(texts, args.repeat)
    if args.int8:
        compare_int8(texts, args.repeat)

    if args.sweep:
        for attention in ("eager", "sdpa"):
            lm_module.ATTENTION = attention
            lm_module._load.cache_clear()
            lm = LanguageModel.load(dtype="bfloat16")
            for batch in (128, 256, 384, 512, 1024, 4096):
                lm_module.BATCH_TOKENS = batch
                rate, _ = timed(lm, texts, args.repeat)
                print(f"bfloat16 attention={attention:5} batch={batch:5} {rate:8.0f} tokens/s")


if __name__ == "__main__":
    main()
