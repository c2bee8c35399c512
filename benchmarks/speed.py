"""Speed of the model path: embedder sentences/s by engine, and where a seed `compare`'s seconds go.

- Embedder: all-MiniLM-L6-v2 on ~200 seed sentences on torch float32 and
  CTranslate2 float32 and int8 (one worker), best of --repeat after a
  warm-up, with the lowest cosine to torch float32's vectors. The language
  model's engines are benchmarks/lm_speed.py's; the seed by engine from
  process start, benchmarks/engine_speed.py's.
- `mtcheck compare` on the seed pair on the default engine: cold (a new
  process, conversions cached), its seconds by stage, and warm (the same
  comparison again inside one process).

    python benchmarks/speed.py [--sentences 200] [--repeat 3]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lm_speed import cpu, sentences  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpora" / "seed"


def embedder(texts: list[str], repeat: int) -> None:
    from mtcheck.models.embedder import SentenceEmbedder

    from mtcheck.models.threads import configure

    vectors = {}
    for runtime, dtype in (("torch", "float32"), ("ctranslate2", "float32"), ("ctranslate2", "int8")):
        workers = configure(1, runtime)
        model = SentenceEmbedder.load(dtype=dtype, runtime=runtime, workers=workers)
        model.encode(texts[:16], workers)
        best = float("inf")
        for _ in range(repeat):
            started = time.perf_counter()
            vectors[runtime, dtype] = model.encode(texts, workers)
            best = min(best, time.perf_counter() - started)
        cosines = (vectors["torch", "float32"] * vectors[runtime, dtype]).sum(axis=1)
        print(f"embedder {model.name:44} {len(texts) / best:8.0f} sentences/s; cosine to torch float32: "
              f"min {cosines.min():.5f}, mean {cosines.mean():.5f}")


COLD_BREAKDOWN = """
import sys, time
from pathlib import Path
started = last = time.perf_counter()
parts = []
def lap(name):
    global last
    now = time.perf_counter(); parts.append(f"{name} {now - last:.2f} s"); last = now
import ctranslate2, tokenizers
lap("import ctranslate2+tokenizers")
from mtcheck.config import Config
from mtcheck.read.text import read_text
from mtcheck.models.embedder import SentenceEmbedder
from mtcheck.models.lm import LanguageModel
from mtcheck.pipeline import compare_texts
LanguageModel.load(); SentenceEmbedder.load()
lap("load both models")
seed = Path(sys.argv[1])
compare_texts(read_text(seed / "source.en.txt"), read_text(seed / "target.txt"), Config())
lap("compare (embed, align, read, check)")
print(", ".join(parts) + f"; total {time.perf_counter() - started:.2f} s")
"""


def compare_seconds() -> None:
    command = [str(ROOT / ".venv" / "bin" / "mtcheck"), "compare", str(SEED / "source.en.txt"),
               str(SEED / "target.txt"), "--format", "json", "--output", "/dev/null"]
    if not Path(command[0]).exists():
        command[:1] = [sys.executable, "-m", "mtcheck"]
    for mode, extra in (("models", []), ("--no-models", ["--no-models"])):
        started = time.perf_counter()
        subprocess.run(command + extra, check=False, capture_output=True)
        print(f"mtcheck compare seed pair, cold process ({mode}): {time.perf_counter() - started:.2f} s")
    # Where a cold run's seconds go, in a fresh process of its own.
    breakdown = subprocess.run([sys.executable, "-c", COLD_BREAKDOWN, str(SEED)], capture_output=True, text=True)
    print("  cold, by stage: " + (breakdown.stdout.strip() or breakdown.stderr.strip().splitlines()[-1]))

    from mtcheck.config import Config
    from mtcheck.read.text import read_text
    from mtcheck.pipeline import compare_texts

    source, target = read_text(SEED / "source.en.txt"), read_text(SEED / "target.txt")
    compare_texts(source, target, Config())
    started = time.perf_counter()
    document = compare_texts(source, target, Config())
    print(
        f"mtcheck compare seed pair, warm (same process, models loaded): {time.perf_counter() - started:.2f} s"
        f" for {len(document.source_segments)} + {len(document.target_segments)} segments"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    texts = sentences(args.sentences)
    print(f"CPU: {cpu()}; {len(texts)} seed sentences, one worker")
    embedder(texts, args.repeat)
    compare_seconds()


if __name__ == "__main__":
    main()
