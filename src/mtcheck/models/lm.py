"""Fluency from a causal language model: how surprising each token of a text is.

The default model is SmolLM2-135M-Instruct, shipped as a GGUF file and
converted once into the user cache (``_lm_loading`` finds the weights,
``ct2_convert`` makes the CTranslate2 copy the default engine reads).

This module is the engine-free part: tokenising, cutting long texts into
windows, asking for alternative words, and putting each token's bits back at
its characters. The engines (``ct2_lm``, ``torch_lm``) score windows of ids.
Windows are sorted by length and batched in small batches (a few hundred
tokens: larger ones spill the CPU caches and run slower).
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Sequence

# DEFAULT_LM and signature_name are the model's public names: signals reads them from here.
from mtcheck.models._lm_loading import DEFAULT_LM, signature_name
from mtcheck.models.compute import check_dtype
from mtcheck.models.hf import length_batches
from mtcheck.models.threads import map_batches
from mtcheck.models.tokens import Encoded, TextTokenizer

MAX_TOKENS = 512  # window length; longer texts are scored window by window
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
    """Token surprisals from a causal language model, on either engine (models.compute).

    ``scorer`` is the engine's part (models.ct2_lm, models.torch_lm): it turns
    windows of token ids into bits; everything else (tokenising, windows,
    alternatives, offsets) is the same for both.
    """

    def __init__(self, name: str, tokenizer: TextTokenizer, scorer, max_positions: int | None) -> None:
        self.name = name
        self.tokenizer = tokenizer
        self.scorer = scorer
        self.start_id = _start_token(tokenizer)
        self.pad_id = next(
            (i for i in (tokenizer.pad_token_id, tokenizer.eos_token_id, self.start_id) if i is not None), 0
        )
        self.max_positions = max_positions

    @classmethod
    def load(cls, spec: str | None = None, *, dtype: str = "auto", runtime: str = "ctranslate2",
             workers: int | None = None) -> LanguageModel:
        """The packaged SmolLM2 (``None`` or ``DEFAULT_LM``), a local folder or a Hub id, on ``runtime``.

        ``dtype`` auto: models.compute's choice for the engine. ``workers``:
        how many batches may run at once (CTranslate2 sizes its pool by it).
        """
        return _load(spec or DEFAULT_LM, check_dtype(dtype, runtime), runtime, workers or 1)

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
        encoded = self.tokenizer.encode([texts[i] for i in wanted])
        asked = self._asked(encoded, [texts[i] for i in wanted], [alternatives[i] for i in wanted]) if alternatives \
            else [{} for _ in wanted]
        windows: list[Window] = []
        for slot, ids in enumerate(e.ids for e in encoded):
            for window in self.windows(slot, ids, max_tokens):
                scored = range(window.token0, window.token0 + len(window.ids) - window.first)
                ids_there = tuple(asked[slot].get(k, (0, -1))[1] for k in scored)
                windows.append(replace(window, alternatives=ids_there) if any(a >= 0 for a in ids_there) else window)
        scores = [[math.nan] * len(e.ids) for e in encoded]
        other = [[math.nan] * len(e.ids) for e in encoded]
        for window, (values, others) in zip(windows, self.score_windows(windows, with_alternatives=True, workers=workers)):
            scores[window.text][window.token0 : window.token0 + len(values)] = values
            other[window.text][window.token0 : window.token0 + len(others)] = others
        for slot, text_index in enumerate(wanted):
            offsets = encoded[slot].offsets
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

    def _asked(self, encoded: list[Encoded], texts: Sequence[str], wanted: Sequence[Sequence[tuple[int, str]]]) -> list[dict]:
        """Per text, token index -> (char offset, alternative token id); every alternative word is
        tokenised in one batch (spaced as the text's token there is), the first ask at a token wins."""
        places: list[tuple[int, int, int, str]] = []  # (slot, token index, char offset, word as spaced)
        for slot, (text, asks) in enumerate(zip(texts, wanted)):
            offsets = encoded[slot].offsets
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
            words = self.tokenizer.encode([word for *_, word in places])
            for (slot, k, char, _), word_ids in zip(places, (w.ids for w in words)):
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
        out: list = [[] for _ in windows]
        # Batches depend on the windows only, never on the worker count; windows that ask for
        # alternatives go in batches of their own (an engine may read those another way).
        groups = [[k for k, w in enumerate(windows) if bool(w.alternatives) == asks] for asks in (False, True)]
        batches = [[group[i] for i in batch] for group in groups
                   for batch in length_batches([len(windows[k].ids) for k in group], self.scorer.batch_tokens)]

        def score(batch: list[int]) -> list:
            return self.scorer.score([windows[k] for k in batch], self.pad_id)

        for batch, scored in zip(batches, map_batches(score, batches, workers, self.scorer.per_thread)):
            for k, values in zip(batch, scored):
                out[k] = values if with_alternatives else values[0]
        return out


def _start_token(tokenizer) -> int | None:
    """The token the first word is conditioned on; None leaves it unscored.

    A pretraining document separator reads text as plain prose. Instruct
    models' BOS is a chat marker (SmolLM2: <|im_start|>), after which any
    prose opening is a surprise: " information" costs 20.7 bits after it and
    11.1 after <|endoftext|> in "The information on this site…".
    """
    separator = tokenizer.token_id("<|endoftext|>")
    for candidate in (separator, tokenizer.bos_token_id, tokenizer.eos_token_id):
        if candidate is not None:
            return candidate
    return None


# Memoised so that each spec, type, engine and worker count gives one LanguageModel object.
@lru_cache(maxsize=4)
def _load(spec: str, dtype: str, runtime: str, workers: int) -> LanguageModel:
    if runtime == "torch":
        from mtcheck.models.torch_lm import load
    else:
        from mtcheck.models.ct2_lm import load
    tokenizer, scorer, max_positions = load(spec, dtype, workers)
    return LanguageModel(signature_name(spec, dtype, runtime), tokenizer, scorer, max_positions)
