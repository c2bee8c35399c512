"""What every model needs from transformers and the Hub, imported on first use."""

from __future__ import annotations

import os
from functools import lru_cache

from mtcheck.errors import InputError

@lru_cache(maxsize=1)
def transformers_quietly():
    """transformers without progress bars or advice on stderr: reports own stderr."""
    import transformers
    from transformers.utils import logging

    logging.disable_progress_bar()
    logging.set_verbosity_error()
    return transformers


def torch_dtype(name: str):
    """The torch type ``name`` resolves to on the torch engine (models.compute: auto is measured)."""
    import torch

    from mtcheck.models.compute import compute_type

    return getattr(torch, compute_type("torch", name))


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


# Long enough for a slow network, short enough that an offline machine fails
# at once: transformers itself retries for ~50 s before giving up.
HUB_PROBE_SECONDS = 2.5


def model_source(spec: str, what: str) -> tuple[str, dict]:
    """Where ``from_pretrained`` should read ``spec`` from: (folder or Hub id, extra arguments).

    A folder is read as it is. A Hub id is fetched as usual when the Hub
    answers; when it does not (or HF_HUB_OFFLINE is set), it is read from the
    local Hugging Face cache, and a model that is not there is a one-line
    input error instead of a minute of retries.
    """
    from huggingface_hub import is_offline_mode
    from huggingface_hub.errors import HFValidationError
    from huggingface_hub.utils import validate_repo_id

    folder = os.path.expanduser(spec)
    if os.path.isdir(folder):
        return folder, {}
    if os.path.exists(folder):
        raise InputError(f"cannot load {what} '{spec}': not a folder")
    try:
        validate_repo_id(spec)
    except HFValidationError:
        raise InputError(f"cannot load {what} '{spec}': no such folder") from None
    if not is_offline_mode() and hub_reachable():
        return spec, {}
    if _in_hub_cache(spec):
        return spec, {"local_files_only": True}
    folder_too = "not a local folder, " if "/" in spec else ""
    reason = "HF_HUB_OFFLINE is set" if is_offline_mode() else f"{_hub_host()} is unreachable (offline?)"
    raise InputError(f"cannot load {what} '{spec}': {folder_too}not in the local cache and {reason}")


@lru_cache(maxsize=1)
def hub_reachable() -> bool:
    """Whether the Hub endpoint (HF_ENDPOINT) answers at all, asked once per process."""
    from huggingface_hub import constants, get_session

    try:
        get_session().head(constants.ENDPOINT, timeout=HUB_PROBE_SECONDS)
    except Exception:  # any failure to get an answer (DNS, refused, timeout, proxy) means unreachable
        return False
    return True


def local_folder(spec: str, what: str) -> str:
    """A folder holding ``spec``'s files: the folder itself, or the Hub model's snapshot (fetched when online,
    else from the local Hugging Face cache; model_source's rules and messages)."""
    folder, options = model_source(spec, what)
    if os.path.isdir(folder):
        return folder
    from huggingface_hub import snapshot_download

    patterns = ["*.json", "*.safetensors", "*.txt", "*.model", "*.bin"]
    try:
        return snapshot_download(spec, allow_patterns=patterns, local_files_only=bool(options))
    except Exception as error:  # network, permissions, a half-cached snapshot: one line either way
        raise InputError(f"cannot load {what} '{spec}': {(str(error).splitlines() or [type(error).__name__])[0]}") from None


def _in_hub_cache(repo_id: str) -> bool:
    from huggingface_hub import try_to_load_from_cache

    return isinstance(try_to_load_from_cache(repo_id, "config.json"), str)


def _hub_host() -> str:
    from urllib.parse import urlparse

    from huggingface_hub import constants

    return urlparse(constants.ENDPOINT).netloc or constants.ENDPOINT
