"""Fluency from a causal language model: how surprising each token of a text is.

The default model is SmolLM2-135M-Instruct, shipped as a GGUF file and
converted once into the user cache (``_lm_loading`` finds and loads the weights).

Speed (2-core AVX512-BF16 CPU, benchmarks/lm_speed.py): about 500 tokens/s in
float32 and 1,400-1,800 in bfloat16, the default there. Windows are sorted
by length and batched in small batches (a few hundred tokens: larger ones
spill the CPU caches and run slower), and the output layer is applied only to
the positions that are scored, in chunks, instead of materialising a
[batch, length, vocabulary] tensor of logits.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Sequence

# DEFAULT_LM and signature_name are the model's public names: signals reads them from here.
from mtcheck.models._lm_loading import DEFAULT_LM, load_weights, signature_name
from mtcheck.models.hf import check_dtype, length_batches
from mtcheck.models.threads import map_batches

MAX_TOKENS = 512  # window length; longer texts are scored window by window
BATCH_TOKENS = 384  # padded tokens per forward pass: the measured optimum here
HEAD_CHUNK = 128  # scored positions per output-layer matmul (keeps logits in cache)
ATTENTION = "eager"  # as fast as sdpa for these short windows, bf16 slightly faster

# Architectures whose logits are exactly output_layer(last_hidden_state): for
# those we may run the output layer ourselves on the scored positions only.
# Others (logit soft-capping, logit scaling, ...) go through model(...).logits.
PLAIN_HEAD_TYPES = frozenset({"llama", "mistral", "qwen2", "qwen3"})

LN2 = math.log(2.0)


@dataclass(frozen=True)
class TokenScores:
    """One text's tokens as ``(start, end, surprisal)``.

    ``text[start:end]`` is the token's text (byte-level BPE tokens carry their
    leading space, and a character split over several tokens repeats its
    offsets). Surprisal is in bits: -log2 p(token | preceding tokens).
    """

    tokens: tuple[tuple[int, int, float], ...] = ()
    # Per alternative asked for (see LanguageModel.token_surprisals): (char offset, bits of the
    # alternative token where the text has its own, bits of the text's own token there).
    alternatives: tuple[tuple[int, float, float], ...] = ()

    def worst(self) -> tuple[int, int, float] | None:
        """The most surprising token, or None for a text with no scored tokens."""
        return max(self.tokens, key=lambda token: token[2], default=None)


@dataclass(frozen=True)
class Window:
    """A slice of one text's token ids, scored at positions ``first..len(ids)-1``.

    Position j is predicted from ids[:j]; it is the text's token ``token0 + j - first``.
    """

    text: int
    ids: tuple[int, ...]
    first: int
    token0: int
    # Per scored position, a token id to score there as well (the source's word), or -1.
    alternatives: tuple[int, ...] = ()


class LanguageModel:
    def __init__(self, name: str, tokenizer, model) -> None:
        self.name = name
        self.tokenizer = tokenizer
        self.model = model
        self.start_id = _start_token(tokenizer)
        self.pad_id = next(
            (i for i in (tokenizer.pad_token_id, tokenizer.eos_token_id, self.start_id) if i is not None), 0
        )
        self.plain_head = model.config.model_type in PLAIN_HEAD_TYPES
        limit = getattr(model.config, "max_position_embeddings", None)
        self.max_positions = int(limit) if limit else None

    @classmethod
    def load(cls, spec: str | None = None, *, dtype: str = "auto") -> LanguageModel:
        """The packaged SmolLM2 (``None`` or ``DEFAULT_LM``), a local folder or a Hub id.

        ``dtype`` auto: bfloat16 on CPUs with native bf16 (about 3x faster than
        float32; surprisals correlate at r = 0.997, see benchmarks/speed.py), else float32.
        """
        return _load(spec or DEFAULT_LM, check_dtype(dtype))

    def token_surprisals(
        self,
        texts: Sequence[str],
        *,
        max_tokens: int = MAX_TOKENS,
        alternatives: Sequence[Sequence[tuple[int, str]]] | None = None,
        workers: int | None = None,
    ) -> list[TokenScores]:
        """Per-token surprisal for each text, in the order given.

        Texts longer than ``max_tokens`` tokens are scored in overlapping
        windows (stride ``max_tokens // 2``); each token takes its score from
        the window that gives it the most left context. Blank texts give ().

        ``alternatives``, per text, are ``(char offset, word)``: at the token
        holding that character, the same forward pass also scores the first
        token of ``word`` (spaced as the text's token is), so asking which of
        two words fits a context costs no second reading.
        """
        if self.max_positions:
            max_tokens = min(max_tokens, self.max_positions)
        if max_tokens < 2:
            raise ValueError("max_tokens must be at least 2")
        results = [TokenScores() for _ in texts]
        wanted = [i for i, text in enumerate(texts) if text.strip()]
        if not wanted:
            return results
        encoded = self.tokenizer(
            [texts[i] for i in wanted], add_special_tokens=False, return_offsets_mapping=True
        )
        asked = self._asked(encoded, [texts[i] for i in wanted], [alternatives[i] for i in wanted]) if alternatives \
            else [{} for _ in wanted]
        windows: list[Window] = []
        for slot, ids in enumerate(encoded["input_ids"]):
            for window in self.windows(slot, ids, max_tokens):
                scored = range(window.token0, window.token0 + len(window.ids) - window.first)
                ids_there = tuple(asked[slot].get(k, (0, -1))[1] for k in scored)
                windows.append(replace(window, alternatives=ids_there) if any(a >= 0 for a in ids_there) else window)
        scores = [[math.nan] * len(ids) for ids in encoded["input_ids"]]
        other = [[math.nan] * len(ids) for ids in encoded["input_ids"]]
        for window, (values, others) in zip(windows, self.score_windows(windows, with_alternatives=True, workers=workers)):
            scores[window.text][window.token0 : window.token0 + len(values)] = values
            other[window.text][window.token0 : window.token0 + len(others)] = others
        for slot, text_index in enumerate(wanted):
            offsets = encoded["offset_mapping"][slot]
            results[text_index] = TokenScores(
                tuple(
                    (int(start), int(end), value)
                    for (start, end), value in zip(offsets, scores[slot])
                    if not math.isnan(value)  # only the unconditioned first token
                ),
                tuple(
                    (offset, other[slot][k], scores[slot][k])
                    for k, (offset, _) in sorted(asked[slot].items())
                    if not math.isnan(other[slot][k]) and not math.isnan(scores[slot][k])
                ),
            )
        return results

    def _asked(self, encoded, texts: Sequence[str], wanted: Sequence[Sequence[tuple[int, str]]]) -> list[dict]:
        """Per text, token index -> (char offset, alternative token id); every alternative word is
        tokenised in one batch (spaced as the text's token there is), the first ask at a token wins."""
        places: list[tuple[int, int, int, str]] = []  # (slot, token index, char offset, word as spaced)
        for slot, (text, asks) in enumerate(zip(texts, wanted)):
            offsets = encoded["offset_mapping"][slot]
            ends = [b for _, b in offsets]
            seen = set()
            for char, word in asks:
                k = bisect.bisect_right(ends, char)  # the first token ending after the character
                if k >= len(offsets) or offsets[k][0] > char or k in seen:
                    continue
                seen.add(k)
                spaced = offsets[k][0] < char or (offsets[k][0] == char and char > 0 and text[char - 1].isspace())
                places.append((slot, k, char, (" " if spaced else "") + word))
        found: list[dict[int, tuple[int, int]]] = [{} for _ in texts]
        if places:
            ids = self.tokenizer([word for *_, word in places], add_special_tokens=False)["input_ids"]
            for (slot, k, char, _), word_ids in zip(places, ids):
                if word_ids:
                    found[slot][k] = (char, word_ids[0])
        return found

    def windows(self, text: int, ids: list[int], max_tokens: int) -> list[Window]:
        prefix = [] if self.start_id is None else [self.start_id]
        sequence = prefix + list(ids)
        # Sequence position p holds text token p - len(prefix).
        shift = len(prefix)
        if len(sequence) < 2:
            return []
        stride = max_tokens // 2
        windows = []
        start, scored_from = 0, 1
        while True:
            end = min(start + max_tokens, len(sequence))
            windows.append(Window(text, tuple(sequence[start:end]), scored_from - start, scored_from - shift))
            if end == len(sequence):
                return windows
            # The next window re-reads `stride` tokens as context and scores
            # only what lies past this one, each with >= max_tokens - stride context.
            start, scored_from = start + stride, end

    def score_windows(self, windows: list[Window], *, with_alternatives: bool = False,
                      workers: int | None = None) -> list:
        """Bits of each window's scored tokens; with ``with_alternatives``, (bits, alternatives' bits) each.
        ``workers``: threads (models.threads.map_batches)."""
        import torch

        def score(batch: list[int]) -> list:
            with torch.inference_mode():  # per thread, so each worker enters it
                scored = self._score_batch([windows[k] for k in batch])
            return scored if with_alternatives else [values for values, _ in scored]

        out: list = [[] for _ in windows]
        # Batches depend on the windows only, never on the worker count.
        batches = length_batches([len(w.ids) for w in windows], BATCH_TOKENS)
        for batch, scored in zip(batches, map_batches(score, batches, workers)):
            for k, values in zip(batch, scored):
                out[k] = values
        return out

    def _score_batch(self, windows: list[Window]) -> list[tuple[list[float], list[float]]]:
        import torch

        width = max(len(w.ids) for w in windows)
        ids = torch.full((len(windows), width), self.pad_id, dtype=torch.long)
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


def _start_token(tokenizer) -> int | None:
    """The token the first word is conditioned on; None leaves it unscored.

    A pretraining document separator reads text as plain prose. Instruct
    models' BOS is a chat marker (SmolLM2: <|im_start|>), after which any
    prose opening is a surprise: " information" costs 20.7 bits after it and
    11.1 after <|endoftext|> in "The information on this site…".
    """
    separator = tokenizer.convert_tokens_to_ids("<|endoftext|>") if "<|endoftext|>" in tokenizer.get_vocab() else None
    for candidate in (separator, tokenizer.bos_token_id, tokenizer.eos_token_id):
        if candidate is not None:
            return candidate
    return None


def _surprisal_bits(logits, targets, alternatives=None):
    """Bits of each row's target token; with ``alternatives`` (-1: none), their bits too, from one logsumexp."""
    import torch

    # logsumexp >= max logit >= target logit, so this is >= 0 up to rounding.
    total = torch.logsumexp(logits, dim=-1)
    bits = (total - logits.gather(1, targets[:, None])[:, 0]).clamp_min(0.0) / LN2
    if alternatives is None:
        return bits
    other = (total - logits.gather(1, alternatives.clamp_min(0)[:, None])[:, 0]).clamp_min(0.0) / LN2
    return bits, other


# Memoised here, not in _lm_loading, so that each spec and dtype gives one LanguageModel object;
# ATTENTION is passed in so that benchmarks/lm_speed.py can sweep it through this module.
@lru_cache(maxsize=4)
def _load(spec: str, dtype: str) -> LanguageModel:
    tokenizer, model = load_weights(spec, dtype, ATTENTION)
    return LanguageModel(signature_name(spec, dtype), tokenizer, model)
