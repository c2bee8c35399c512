"""Every English word that can be a verb: its lemma, its Penn verb tags, its other parts of speech.

The facts are lemminflect's. Read from lemminflect itself, its tables of
every word and every inflection cost about 50 MB of memory, a sixth of the
budget for a 10 MB article, for the 27,000 words that can be verbs. So
``derive_from_lemminflect`` writes those words once into
``data/verb_forms.tsv.gz`` (160 KB, ~5 MB loaded), which mtcheck ships and
reads; tests/test_english_verb_forms.py fails when the table and lemminflect
disagree. Regenerate it after upgrading lemminflect:

    python -m mtcheck.english.verb_forms
"""

from __future__ import annotations

import gzip
import io
import os
import tempfile
from functools import lru_cache
from importlib import resources
from typing import Iterator

NOT_A_VERB: tuple[str, frozenset[str], frozenset[str]] = ("", frozenset(), frozenset())
TABLE = "data/verb_forms.tsv.gz"


def verb_forms(word: str) -> tuple[str, frozenset[str], frozenset[str]]:
    """(lemma, the Penn tags ``word`` can have as a verb, its other parts of speech); ``NOT_A_VERB`` if it cannot be one.

    ``word`` is lowercase, as verb_groups' tokens are (lemminflect lowercases it too).
    """
    return _table().get(word, NOT_A_VERB)


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[str, frozenset[str], frozenset[str]]]:
    # Few distinct tag sets: share one frozenset per set instead of one per word.
    shared: dict[str, frozenset[str]] = {}
    table = {}
    with resources.files(__package__).joinpath(TABLE).open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as rows:
        for row in rows:
            word, lemma, tags, other = row.rstrip("\n").split("\t")
            table[word] = (
                lemma,
                shared.setdefault(tags, frozenset(tags.split())),
                shared.setdefault(other, frozenset(other.split())),
            )
    return table


def derive_from_lemminflect() -> Iterator[tuple[str, str, frozenset[str], frozenset[str]]]:
    """(word, lemma, verb tags, other parts of speech) of every word lemminflect reads as a verb, sorted."""
    import lemminflect  # only to build the table: not a run-time dependency
    from lemminflect.core.Lemmatizer import Lemmatizer

    lemmatizer = Lemmatizer()
    # getAllLemmas reads both tables: the lemma table and its overrides.
    for word in sorted(set(lemmatizer._getLemmaDict()) | set(lemmatizer._getOverridesDict())):
        readings = lemminflect.getAllLemmas(word)
        lemmas = readings.get("VERB")
        if not lemmas:
            continue
        tags = set()
        for lemma in lemmas:
            inflections = lemminflect.getAllInflections(lemma, upos="VERB")
            tags.update(tag for tag, forms in inflections.items() if word in forms)
            if "VBN" not in inflections and word in inflections.get("VBD", ()) or word == "got":
                tags.add("VBN")  # the tables list a regular -ed form once, and British "has got" not at all
        yield word, lemmas[0], frozenset(tags), frozenset(readings) - {"VERB", "AUX"}


def write_table(path: str) -> None:
    """Write the derived table to ``path``, atomically, byte-identical for the same lemminflect."""
    lines = (f"{word}\t{lemma}\t{' '.join(sorted(tags))}\t{' '.join(sorted(other))}\n"
             for word, lemma, tags, other in derive_from_lemminflect())
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0) as packed:
        packed.write("".join(lines).encode("utf-8"))
    folder = os.path.dirname(os.path.abspath(path))
    with tempfile.NamedTemporaryFile(dir=folder, delete=False) as temporary:
        temporary.write(buffer.getvalue())
    os.chmod(temporary.name, 0o644)  # package data, readable by all like the rest of the checkout
    os.replace(temporary.name, path)


if __name__ == "__main__":
    write_table(os.path.join(os.path.dirname(os.path.abspath(__file__)), TABLE))
