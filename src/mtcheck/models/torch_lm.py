"""The language model on torch (``--engine torch``): transformers' model, for what CTranslate2 cannot convert.

The output layer is applied only to the positions that are scored, in chunks,
instead of materialising a [batch, length, vocabulary] tensor of logits.
Every operation runs on one thread; ``workers`` threads each run whole
batches (models.threads says why).
"""

from __future__ import annotations

import math

from mtcheck.models._lm_loading import load_weights
from mtcheck.models.lm import LN2, Window
from mtcheck.models.tokens import TextTokenizer

HEAD_CHUNK = 128  # scored positions per output-layer matmul (keeps logits in cache)
ATTENTION = "eager"  # as fast as sdpa for these short windows, bf16 slightly faster

# Architectures whose logits are exactly output_layer(last_hidden_state): for
# those we may run the output layer ourselves on the scored positions only.
# Others (logit soft-capping, logit scaling, ...) go through model(...).logits.
PLAIN_HEAD_TYPES = frozenset({"llama", "mistral", "qwen2", "qwen3"})


class TorchScorer:
    batch_tokens = 384  # padded tokens per forward pass: the measured optimum here

    def __init__(self, model) -> None:
        self.model = model
        self.plain_head = model.config.model_type in PLAIN_HEAD_TYPES

    @staticmethod
    def per_thread() -> None:
        # OpenMP keeps its thread count per thread: a new thread starts at the
        # machine's default, and a oneDNN matmul as its first op would use them all.
        import torch

        torch.set_num_threads(1)

    def score(self, windows: list[Window], pad_id: int) -> list[tuple[list[float], list[float]]]:
        import torch

        with torch.inference_mode():  # per thread, so each worker enters it
            return self._score(windows, pad_id)

    def _score(self, windows: list[Window], pad_id: int) -> list[tuple[list[float], list[float]]]:
        import torch

        width = max(len(w.ids) for w in windows)
        ids = torch.full((len(windows), width), pad_id, dtype=torch.long)
        mask = torch.zeros((len(windows), width), dtype=torch.long)
        rows, cols = [], []
        for r, window in enumerate(windows):
            ids[r, : len(window.ids)] = torch.tensor(window.ids)
            mask[r, : len(window.ids)] = 1
            rows.extend([r] * (len(window.ids) - window.first))
            cols.extend(range(window.first, len(window.ids)))
        # Padding is on the right, so real tokens keep positions 0..n-1; with
        # no padding at all the model can skip building a mask.
        attention = None if bool(mask.all()) else mask
        rows_t, cols_t = torch.tensor(rows), torch.tensor(cols)
        targets = ids[rows_t, cols_t]
        wanted = [a for w in windows for a in (w.alternatives or [-1] * (len(w.ids) - w.first))]
        alternatives = torch.tensor(wanted, dtype=torch.long)
        if self.plain_head:
            hidden = self.model.base_model(input_ids=ids, attention_mask=attention, use_cache=False)
            predictors = hidden.last_hidden_state[rows_t, cols_t - 1]
            head = self.model.get_output_embeddings()
            parts, other_parts = [], []
            for s in range(0, len(targets), HEAD_CHUNK):
                logits = head(predictors[s : s + HEAD_CHUNK]).float()
                mine, theirs = _surprisal_bits(logits, targets[s : s + HEAD_CHUNK], alternatives[s : s + HEAD_CHUNK])
                parts.append(mine)
                other_parts.append(theirs)
            bits, other = torch.cat(parts), torch.cat(other_parts)
        else:
            logits = self.model(input_ids=ids, attention_mask=attention, use_cache=False).logits
            scored = logits[rows_t, cols_t - 1].float()
            bits, other = _surprisal_bits(scored, targets, alternatives)
        values = bits.tolist()
        others = torch.where(alternatives >= 0, other, torch.full_like(other, math.nan)).tolist()
        out, pos = [], 0
        for window in windows:
            count = len(window.ids) - window.first
            out.append((values[pos : pos + count], others[pos : pos + count]))
            pos += count
        return out


def _surprisal_bits(logits, targets, alternatives):
    """Bits of each row's target token, and of its alternative (-1: none), from one logsumexp."""
    # logsumexp >= max logit >= target logit, so this is >= 0 up to rounding.
    total = logits.logsumexp(dim=-1)
    bits = (total - logits.gather(1, targets[:, None])[:, 0]).clamp_min(0.0) / LN2
    other = (total - logits.gather(1, alternatives.clamp_min(0)[:, None])[:, 0]).clamp_min(0.0) / LN2
    return bits, other


def load(spec: str, dtype: str, workers: int) -> tuple[TextTokenizer, TorchScorer, int | None]:
    """(tokenizer, scorer, longest window) of ``spec`` in ``dtype``; ``workers`` is the engine's concern."""
    tokenizer, model = load_weights(spec, dtype, ATTENTION)
    limit = getattr(model.config, "max_position_embeddings", None)
    return TextTokenizer.from_transformers(tokenizer), TorchScorer(model), int(limit) if limit else None
