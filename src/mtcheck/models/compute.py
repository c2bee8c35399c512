"""Which engine runs the models, and in which number type: chosen by name, resolved by measurement.

Two engines (``--engine``):

- ``ctranslate2`` (the default): the models converted once into CTranslate2's
  format (models.ct2_convert) and run by its CPU kernels; neither torch nor
  transformers is imported once the conversion is cached.
- ``torch``: transformers' own models, for a Hub model CTranslate2 cannot convert.

``--dtype`` auto means, per engine:

- ctranslate2: ``CT2_AUTO``, per model (float32: see there why not int8, measured);
- torch: bfloat16 only where a short matmul probe on this machine finds it
  faster than float32. The CPU flag is not enough: without AMX, avx512_bf16
  machines ran SmolLM2 at 234 tokens/s in bfloat16 against 379 in float32.
  The probe's answer is cached per machine (CPU model, flags, torch version).
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from functools import lru_cache

from mtcheck.errors import InputError

RUNTIMES = ("ctranslate2", "torch")
DTYPES = ("auto", "float32", "bfloat16", "int8")
# Per model: float32 for both, chosen by benchmarks/engine_choice.py (README, "The models and their engine").
# With a judge trained on its own readings, int8 caught fewer DEMETR critical errors (80.0% against 83.8%,
# 95% interval -7.0 to -0.7 points) and flagged more error-free news segments at the gate (4.1% against
# 2.6%); its readings also depend on the CPU's instructions and on a batch's other sentences. CTranslate2
# float32 is within 1e-4 bits of torch float32.
CT2_AUTO = {"lm": "float32", "embedder": "float32"}
PROBE_SHAPE = (384, 576, 1536)  # one batch of SmolLM2's MLP: tokens x hidden x intermediate
PROBE_ROUNDS = 7
# bfloat16 is chosen only when clearly faster: its readings are less exact (0.11 bits from float32).
PROBE_MARGIN = 0.8


def check_runtime(name: str) -> str:
    if name not in RUNTIMES:
        raise InputError(f"unknown engine '{name}': use one of {', '.join(RUNTIMES)}")
    return name


def check_dtype(name: str, runtime: str = "ctranslate2") -> str:
    """Refuse an unknown dtype, or one the engine cannot run, before any model file is touched."""
    if name not in DTYPES:
        raise InputError(f"unknown dtype '{name}': use one of {', '.join(DTYPES)}")
    if check_runtime(runtime) == "torch" and name == "int8":
        raise InputError("dtype int8 needs the ctranslate2 engine (--engine ctranslate2)")
    return name


def compute_type(runtime: str, dtype: str, model: str = "lm") -> str:
    """The number type ``dtype`` resolves to on ``runtime`` for ``model`` (lm, embedder), by name: what the
    signature records."""
    check_dtype(dtype, runtime)
    if runtime == "torch":
        return torch_auto_dtype() if dtype == "auto" else dtype
    chosen = CT2_AUTO[model] if dtype == "auto" else dtype
    if chosen not in ct2_compute_types():
        raise InputError(f"CTranslate2 cannot compute {chosen} on this CPU (it would quietly run another type); "
                         f"use one of: {', '.join(sorted(ct2_compute_types()))}")
    return chosen


def signature_suffix(runtime: str, dtype: str, model: str = "lm") -> str:
    """``@ctranslate2-int8``, ``@torch-float32``: which engine read, in which type."""
    return f"@{runtime}-{compute_type(runtime, dtype, model)}"


@lru_cache(maxsize=1)
def ct2_compute_types() -> frozenset[str]:
    import ctranslate2

    return frozenset(ctranslate2.get_supported_compute_types("cpu"))


@lru_cache(maxsize=1)
def torch_auto_dtype() -> str:
    """bfloat16 where this machine's probe found it faster than float32, else float32; cached per machine."""
    forced = os.environ.get("MTCHECK_DTYPE")
    if forced in ("float32", "bfloat16"):
        return forced
    from mtcheck.models.cache import cache_root, write_atomically

    path = cache_root() / "probes" / f"torch-dtype-{_machine_key()}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))["dtype"]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    timings = probe_matmul()
    chosen = "bfloat16" if timings["bfloat16"] < PROBE_MARGIN * timings["float32"] else "float32"
    try:
        write_atomically(path, json.dumps({"dtype": chosen, "seconds": timings, "shape": PROBE_SHAPE}) + "\n")
    except OSError:
        pass  # an unwritable cache: probe again next time
    return chosen


def probe_matmul(rounds: int = PROBE_ROUNDS) -> dict[str, float]:
    """Best-of-``rounds`` seconds of one single-threaded ``PROBE_SHAPE`` matmul per type, the types interleaved."""
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # the models run every operation on one thread (models.threads)
    try:
        rows, inner, cols = PROBE_SHAPE
        generator = torch.Generator().manual_seed(0)
        left, right = torch.randn(rows, inner, generator=generator), torch.randn(inner, cols, generator=generator)
        pairs = {"float32": (left, right), "bfloat16": (left.bfloat16(), right.bfloat16())}
        best = {name: float("inf") for name in pairs}
        for done in range(1, rounds + 1):
            for name, (a, b) in pairs.items():
                start = time.perf_counter()
                a @ b
                best[name] = min(best[name], time.perf_counter() - start)
            # Emulated bfloat16 is many times slower (0.8 s against 8 ms here): no need to time it 7 times.
            if done >= 2 and best["bfloat16"] > 2 * best["float32"]:
                break
        return best
    finally:
        torch.set_num_threads(threads)


def _machine_key() -> str:
    """The CPU's model name and flags and torch's version: what the probe's answer depends on."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="ignore") as handle:
            lines = [line for line in handle if line.startswith(("model name", "flags"))][:2]
    except OSError:
        lines = []
    try:
        torch_version = version("torch")
    except PackageNotFoundError:
        torch_version = "none"
    return hashlib.sha256("".join(lines + [torch_version]).encode("utf-8")).hexdigest()[:16]
