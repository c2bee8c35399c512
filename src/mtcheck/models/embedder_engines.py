"""The sentence embedder's two engines: each turns windows of ids into mean-pooled vectors.

CTranslate2's ``Encoder`` (the default) runs the converted BERT with no torch
import; transformers' ``AutoModel`` is ``--engine torch``. Pooling is the same
sum over each window's real tokens, divided by their count.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from mtcheck.errors import InputError
from mtcheck.models.compute import compute_type
from mtcheck.models.tokens import TextTokenizer

# Padded tokens per batch: small enough that a 200-sentence article makes
# several batches for the workers (mtcheck.models.threads), and measured as fast on
# one thread as 8192 (seed segments, 1.44 s against 1.67 s).
BATCH_TOKENS = 1024


class CT2Pooler:
    batch_tokens = BATCH_TOKENS
    per_thread = None  # the encoder's own pool threads do the work

    def __init__(self, encoder) -> None:
        self.encoder = encoder

    def pool(self, windows: list[list[int]], pad_id: int) -> tuple[np.ndarray, np.ndarray]:
        hidden = np.asarray(self.encoder.forward_batch(windows).last_hidden_state, dtype=np.float32)
        return _mean(hidden, np.array([len(w) for w in windows]))


class TorchPooler:
    batch_tokens = BATCH_TOKENS

    def __init__(self, model) -> None:
        self.model = model

    @staticmethod
    def per_thread() -> None:
        import torch

        torch.set_num_threads(1)  # OpenMP keeps its thread count per thread (models.threads)

    def pool(self, windows: list[list[int]], pad_id: int) -> tuple[np.ndarray, np.ndarray]:
        import torch

        width = max(len(w) for w in windows)
        ids = torch.full((len(windows), width), pad_id, dtype=torch.long)
        mask = torch.zeros((len(windows), width), dtype=torch.long)
        for row, window in enumerate(windows):
            ids[row, : len(window)] = torch.tensor(window)
            mask[row, : len(window)] = 1
        with torch.inference_mode():  # per thread, so each worker enters it
            hidden = self.model(input_ids=ids, attention_mask=mask).last_hidden_state.float().numpy()
        return _mean(hidden, np.array([len(w) for w in windows]))


def _mean(hidden: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each row's mean over its first ``lengths`` positions (the rest is padding), and the lengths."""
    mask = (np.arange(hidden.shape[1])[None, :] < lengths[:, None]).astype(np.float32)
    pooled = (hidden * mask[..., None]).sum(axis=1) / np.maximum(lengths, 1)[:, None]
    return pooled, lengths


def load_ct2(spec: str, packaged: str | None, dtype: str, workers: int):
    """(tokenizer, pooler, dimension, longest window) of ``spec`` converted for CTranslate2."""
    import ctranslate2

    from mtcheck.models.cache import file_digest
    from mtcheck.models.ct2_convert import converted, open_converted, source_config, user_model

    compute = compute_type("ctranslate2", dtype, "embedder")
    if packaged is not None:
        source, digest = Path(packaged), file_digest(Path(packaged) / "model.safetensors")
    else:
        source, digest = user_model(spec, "sentence embedder")
    folder = converted(spec, digest, lambda: source, compute)
    tokenizer, encoder = open_converted(ctranslate2.Encoder, folder, compute, workers, f"sentence embedder '{spec}'")
    config = source_config(folder)
    return tokenizer, CT2Pooler(encoder), int(config["hidden_size"]), int(config.get("max_position_embeddings", 512))


def load_torch(spec: str, packaged: str | None, dtype: str, workers: int):
    """(tokenizer, pooler, dimension, longest window) of ``spec`` through transformers."""
    from mtcheck.models.hf import model_source, torch_dtype, transformers_quietly

    transformers = transformers_quietly()
    (folder, options) = (packaged, {}) if packaged is not None else model_source(spec, "sentence embedder")
    try:
        tokenizer = transformers.AutoTokenizer.from_pretrained(folder, **options)
        model = transformers.AutoModel.from_pretrained(folder, dtype=torch_dtype(dtype), **options)
    except (OSError, ValueError) as error:
        raise InputError(f"cannot load sentence embedder '{spec}': {str(error).splitlines()[0]}") from None
    if not getattr(tokenizer, "is_fast", False):
        raise InputError(f"sentence embedder '{spec}' needs a fast tokenizer (tokenizer.json)")
    model.eval()
    config = model.config
    return (TextTokenizer.from_transformers(tokenizer), TorchPooler(model), int(config.hidden_size),
            int(config.max_position_embeddings))
