"""Source-anchored contrast: does the target's word fit its own context worse than the source's word would?

For each target word that stands for a different source word (align.word_links),
the language model's reading of the target segment also scores the source
word's first token in the target word's place, in the same forward pass
(LanguageModel.token_surprisals' ``alternatives``). The contrast is

    bits(target word | context) - bits(source word | same context)

on their first tokens: near 0 for a fair paraphrase ("stationed" for
*based*), strongly positive where the source's word is what the context
calls for ("counterfeit consciousness" for *artificial intelligence*:
+3.2 and +4.3 bits with SmolLM2).
"""

from __future__ import annotations

from mtcheck.align.word_links import LinkKind
from mtcheck.align.word_match import WordMatchParams, align


def contrast_requests(source, target, params: WordMatchParams) -> tuple[tuple[tuple[int, str], ...], ...]:
    """Per target segment of a reading, (offset in the segment, source word) for each substituted word.

    ``source`` and ``target`` are one pair's sides as the models read them:
    segments joined by single spaces (models.signals._Side).
    """
    alignment = align(source.text, target.text, params)
    bounds, offset = [], 0
    for part in target.parts:
        bounds.append(offset)
        offset += len(part) + 1
    asks: list[list[tuple[int, str]]] = [[] for _ in target.parts]
    for j, token in enumerate(alignment.target):
        i = alignment.links.counterpart(j)
        if i is None or alignment.links.kinds[j] is not LinkKind.STANDS_FOR or not token.content:
            continue
        word, counterpart = token.word, alignment.source[i].word
        if counterpart.lower == word.lower:
            continue
        k = max(n for n, start in enumerate(bounds) if start <= word.start)
        asks[k].append((word.start - bounds[k], counterpart.text))
    return tuple(tuple(a) for a in asks)
