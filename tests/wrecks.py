"""Whole-article wrecks of a translation, made from a clean one: what a gate must fail.

Each function takes and returns plain text. Sentences are cut by mtcheck's own
segmenter, so a wreck moves exactly the units the aligner and checks see, and
each wrecked sentence stands in its own paragraph (a heading stays a heading).
Used by the structural checks' tests, the gate's tests and benchmarks/wrecks.py.
"""

from __future__ import annotations

import random

from mtcheck.segment.sentences import segment

__all__ = ["duplicated_each", "one_sentence_repeated", "other_article", "reversed_order", "sentences", "shuffled",
           "truncated_half"]


def sentences(text: str) -> list[str]:
    """The text's segments (sentences, headings, bullets) in order, as strings."""
    return [text[s.start : s.end] for s in segment(text)]


def _joined(parts: list[str]) -> str:
    return "\n\n".join(parts) + "\n"


def reversed_order(text: str) -> str:
    """The sentences in reverse order."""
    return _joined(sentences(text)[::-1])


def shuffled(text: str, seed: int = 0) -> str:
    """The sentences in a random order (the same for one seed), never the original one when it has two or more."""
    parts = sentences(text)
    order = list(range(len(parts)))
    rng = random.Random(seed)
    if len(set(parts)) > 1:
        while order == sorted(order):
            rng.shuffle(order)
    return _joined([parts[k] for k in order])


def duplicated_each(text: str) -> str:
    """Every sentence twice, the copy right after it."""
    return _joined([part for part in sentences(text) for part in (part, part)])


def one_sentence_repeated(text: str, n: int, separator: str = " ") -> str:
    """The article's first sentence of ten words or more, ``n`` times, and nothing else: a translation loop
    that never ended.

    Ten words, so that it is the article's content rather than its furniture ("Comments"); the copies are
    joined by ``separator`` (one paragraph by default, as a runaway decoder writes them).
    """
    every = [text[s.start : s.end] for s in segment(text) if s.kind.value == "sentence"] or sentences(text)
    sentence = next((part for part in every if len(part.split()) >= 10), max(every, key=len))
    return separator.join([sentence] * n) + "\n"


def truncated_half(text: str) -> str:
    """The first half of the sentences (rounded up): a translation cut off in the middle."""
    parts = sentences(text)
    return _joined(parts[: (len(parts) + 1) // 2])


def other_article() -> str:
    """An English news article on another subject: a target that translates some other source.

    Written for these tests, so that no shared data is needed; it shares no sentence with the
    fixture article, the seed corpus or the WMT21 news documents.
    """
    return _joined(OTHER_ARTICLE)


OTHER_ARTICLE = [
    "Harbour town opens its first public library in forty years",
    "The council of Port Ellery opened a three-storey library on Saturday, the first public building the "
    "fishing town has added since the 1980s.",
    "More than two thousand residents queued along the quay before the doors opened at nine in the morning.",
    "The building, a converted fish-packing warehouse, cost 4.2 million pounds, most of it raised by a local "
    "lottery and a heritage grant.",
    "Its ground floor holds a children's reading room with a view over the harbour and a workshop where "
    "volunteers repair donated bicycles.",
    "Librarian Agnes Holloway said the collection began with eleven thousand books, a quarter of them given "
    "by families in the town.",
    "\"People brought boxes of paperbacks in wheelbarrows,\" she said, laughing.",
    "The upper floors will host evening classes in navigation, bookkeeping and computer skills from September.",
    "Opposition councillors had argued that the money should have gone to repairing the sea wall, which "
    "storms breached twice last winter.",
    "The mayor promised that a survey of the wall would be published before the end of the year.",
    "For now, the busiest shelf is the one with tide tables and weather almanacs, according to the staff.",
    "The library will open seven days a week during the summer season.",
]
