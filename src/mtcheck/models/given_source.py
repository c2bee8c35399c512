"""How likely a translation is once the language model has read its source.

The model reads a paraphrase request and then the translation as its answer:

    <|im_start|>user\\nParaphrase this sentence: {source}<|im_end|>\\n<|im_start|>assistant\\n{target}

Tokens that carry over what the source says cost few bits (a small model
copies well from its context); a mistranslated word, a garbled phrase or a
literal idiom stays expensive. On the held-out WMT21 TED zh-en talks the mean
over the translation's tokens alone ranks translations like human MQM at
Kendall tau 0.110 global / 0.067 grouped by segment, against chrF's 0.031 /
0.041 (on the dev talks the two are level: 0.134 / 0.061 and 0.138 / 0.061;
benchmarks/mqm_correlation.py). A single token's cost says whether the source
explains a surprising word.

The same forward pass scores the source tokens after the short instruction,
which is what the contrast score compares the translation with. Models
without ChatML markers get the plain prompt ``{source}\\n{target}``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

from mtcheck.models.lm import MAX_TOKENS, LanguageModel, TokenScores, Window

PROMPT_VERSION = "paraphrase-1"
CHATML_PROMPT = ("<|im_start|>user\nParaphrase this sentence: ", "<|im_end|>\n<|im_start|>assistant\n")
PLAIN_PROMPT = ("", "\n")


@dataclass(frozen=True)
class GivenSource:
    """Token scores of one (source, target) reading; offsets index each side's own text."""

    source: TokenScores = TokenScores()
    target: TokenScores = TokenScores()


def prompt_for(tokenizer) -> tuple[str, str]:
    """The text before and after the source: ChatML where the tokenizer knows its markers."""
    vocabulary = tokenizer.vocabulary
    return CHATML_PROMPT if "<|im_start|>" in vocabulary and "<|im_end|>" in vocabulary else PLAIN_PROMPT


def score_given_source(
    lm: LanguageModel, pairs: Sequence[tuple[str, str]], *, max_tokens: int = MAX_TOKENS, workers: int | None = None
) -> list[GivenSource]:
    """Source tokens after the instruction, and target tokens after the source, per pair.

    A pair with a blank side gets empty scores. A reading longer than the
    model's window is scored window by window like any long text, so the
    target's last tokens may see less of the source.
    """
    results = [GivenSource() for _ in pairs]
    wanted = [i for i, (source, target) in enumerate(pairs) if source.strip() and target.strip()]
    if not wanted:
        return results
    before, after = prompt_for(lm.tokenizer)
    tokenizer = lm.tokenizer
    # The prompt and source are tokenised together, as the model would read
    # them; the target opens the answer, so it starts a fresh tokenisation.
    heads = tokenizer.encode([before + pairs[i][0] + after for i in wanted])
    tails = tokenizer.encode([pairs[i][1] for i in wanted])
    if lm.max_positions:
        max_tokens = min(max_tokens, lm.max_positions)
    windows: list[Window] = []
    for slot, (head, tail) in enumerate(zip(heads, tails)):
        windows.extend(lm.windows(slot, list(head.ids) + list(tail.ids), max_tokens))
    scores = [[math.nan] * (len(h.ids) + len(t.ids)) for h, t in zip(heads, tails)]
    for window, values in zip(windows, lm.score_windows(windows, workers=workers)):
        scores[window.text][window.token0 : window.token0 + len(values)] = values
    for slot, index in enumerate(wanted):
        source_start, source_end = len(before), len(before) + len(pairs[index][0])
        head_offsets = heads[slot].offsets
        source_tokens = tuple(
            (max(start, source_start) - source_start, min(end, source_end) - source_start, value)
            for (start, end), value in zip(head_offsets, scores[slot])
            # A byte-level token may carry the prompt's space into the source.
            if end > source_start and start < source_end and not math.isnan(value)
        )
        target_values = scores[slot][len(head_offsets) :]
        target_tokens = tuple(
            (int(start), int(end), value)
            for (start, end), value in zip(tails[slot].offsets, target_values)
            if not math.isnan(value)
        )
        results[index] = GivenSource(TokenScores(source_tokens), TokenScores(target_tokens))
    return results
