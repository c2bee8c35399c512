"""What every model needs from torch and transformers, imported on first use."""

from __future__ import annotations

import os
from functools import lru_cache

DTYPES = ("auto", "float32", "bfloat16")


@lru_cache(maxsize=1)
def transformers_quietly():
    """transformers without progress bars or advice on stderr: reports own stderr."""
    import transformers
    from transformers.utils import logging

    logging.disable_progress_bar()
    logging.set_verbosity_error()
    return transformers


def check_dtype(name: str) -> str:
    """Refuse an unknown dtype before any model file is touched."""
    from mtcheck.errors import InputError

    if name not in DTYPES:
        raise InputError(f"unknown dtype '{name}': use one of {', '.join(DTYPES)}")
    return name


def resolve_dtype(name: str):
    """``auto`` is bfloat16 where the CPU computes it natively, else float32."""
    import torch

    if check_dtype(name) == "auto":
        return torch.bfloat16 if cpu_has_bf16() else torch.float32
    return getattr(torch, name)


@lru_cache(maxsize=1)
def cpu_has_bf16() -> bool:
    # avx512_bf16 / amx_bf16 make bf16 matmuls 2-3x faster than fp32 here;
    # without them torch emulates bf16 and is slower than fp32.
    if os.environ.get("MTCHECK_DTYPE") in DTYPES[1:]:
        return os.environ["MTCHECK_DTYPE"] == "bfloat16"
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="ignore") as handle:
            flags = handle.read()
    except OSError:
        return False
    return "avx512_bf16" in flags or "amx_bf16" in flags


def length_batches(lengths: list[int], budget: int) -> list[list[int]]:
    """Indices grouped by similar length, each batch at most ``budget`` padded tokens.

    Sorting by length keeps padding waste small; small batches keep the
    activations in the CPU cache, which measured faster here than big ones.
    """
    order = sorted(range(len(lengths)), key=lengths.__getitem__)
    batches: list[list[int]] = []
    for index in order:
        # Sorted ascending, so this length is the batch's padded width.
        if batches and (len(batches[-1]) + 1) * lengths[index] <= budget:
            batches[-1].append(index)
        else:
            batches.append([index])
    return batches
