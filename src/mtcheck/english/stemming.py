"""Stems, to compare forms of one word across the two sides ("compared", "comparison").

The Snowball English (Porter2) stemmer, from snowballstemmer: the stemmer
NLTK, Lucene and Sphinx's search use, maintained with its reference
implementation, pure Python and 0.3 MB. It replaced a hand-written list of
20 suffixes; on the 3,000 DEMETR pairs of benchmarks/findings_equivalence.py
(--no-models) the two stemmers differ in 4 of 2,545 findings.

Lemmas (lemminflect) would not do: "comparison" is no form of "compare",
and a translation trades a verb for its noun as readily as one tense for
another.
"""

from __future__ import annotations

from functools import lru_cache

import snowballstemmer

_ENGLISH = snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)  # a document repeats its words; stemming one costs ~10 microseconds
def stem(word: str) -> str:
    """The Porter2 stem of a lowercase ``word``: "sanctioned", "sanctions" -> "sanction"."""
    return _ENGLISH.stemWord(word)
