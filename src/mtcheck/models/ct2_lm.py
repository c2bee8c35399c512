"""The language model on CTranslate2 (the default engine): its CPU kernels, no torch at run time.

``Generator.score_batch`` gives each token's log-probability given the ones
before it: n-1 values for n tokens, from token strings (it adds no start
token; the window already begins with the one mtcheck reads text after). A
window that also asks for alternative words (models.contrast) is read with
``forward_batch`` instead, whose log-probabilities over the whole vocabulary
give the text's token and the alternative at the same position.

Each batch runs on one thread; ``workers`` batches run at once on the
generator's pool (``inter_threads``), so the bits never depend on the worker count.
"""

from __future__ import annotations

import math
import numpy as np

from mtcheck.models._lm_loading import DEFAULT_LM, packaged_digest, packaged_folder
from mtcheck.models.compute import compute_type
from mtcheck.models.ct2_convert import converted, open_converted, source_config, user_model
from mtcheck.models.lm import LN2, Window
from mtcheck.models.tokens import TextTokenizer


class CT2Scorer:
    batch_tokens = 384  # padded tokens per batch, as on torch: one padded batch of everything ran at 0.54x
    per_thread = None  # the generator's own pool threads do the work

    def __init__(self, generator, tokenizer: TextTokenizer) -> None:
        self.generator = generator
        vocabulary = tokenizer.backend.get_vocab_size(with_added_tokens=True)
        self.strings = [tokenizer.token(i) or "" for i in range(vocabulary)]

    def score(self, windows: list[Window], pad_id: int) -> list[tuple[list[float], list[float]]]:
        if any(w.alternatives for w in windows):
            return self._with_alternatives(windows)
        # max_batch_size 0: our batch as it is; max_input_length 0: no truncation (windows fit the model).
        results = self.generator.score_batch(
            [[self.strings[i] for i in w.ids] for w in windows], max_batch_size=0, max_input_length=0
        )
        out = []
        for window, result in zip(windows, results):
            # log_probs[p - 1] is token p's, given tokens 0..p-1.
            bits = [max(0.0, -value) / LN2 for value in result.log_probs[window.first - 1 :]]
            out.append((bits, [math.nan] * len(bits)))
        return out

    def _with_alternatives(self, windows: list[Window]) -> list[tuple[list[float], list[float]]]:
        log_probs = np.asarray(self.generator.forward_batch([list(w.ids) for w in windows], return_log_probs=True))
        out = []
        for row, window in enumerate(windows):
            positions = np.arange(window.first - 1, len(window.ids) - 1)
            own = log_probs[row, positions, np.asarray(window.ids[window.first :])]
            asked = np.asarray(window.alternatives or [-1] * len(positions))
            theirs = log_probs[row, positions, np.maximum(asked, 0)]
            bits = np.maximum(0.0, -own.astype(np.float64)) / LN2
            others = np.where(asked >= 0, np.maximum(0.0, -theirs.astype(np.float64)) / LN2, math.nan)
            out.append((bits.tolist(), others.tolist()))
        return out


def load(spec: str, dtype: str, workers: int) -> tuple[TextTokenizer, CT2Scorer, int | None]:
    """(tokenizer, scorer, longest window) of ``spec`` converted for ``dtype`` (models.ct2_convert)."""
    import ctranslate2

    compute = compute_type("ctranslate2", dtype)
    if spec == DEFAULT_LM:
        folder = converted(spec, packaged_digest(), packaged_folder, compute)
    else:
        source, digest = user_model(spec, "language model")
        folder = converted(spec, digest, lambda: source, compute)
    tokenizer, generator = open_converted(ctranslate2.Generator, folder, compute, workers, f"language model '{spec}'")
    limit = source_config(folder).get("max_position_embeddings")
    return tokenizer, CT2Scorer(generator, tokenizer), int(limit) if limit else None
