"""How common an English word is: wordfreq's Zipf scale, for the words common enough to tell apart.

The facts are wordfreq's. Loaded from wordfreq itself, its English table
costs about 53 MB and 0.65 s, a sixth of the memory budget for a 10 MB
article, so ``derive_from_wordfreq`` writes its most frequent words once
into ``data/zipf.tsv.gz``, Zipf values to two decimals, which mtcheck ships
and reads; tests/test_english_frequency.py fails when the table and wordfreq
disagree. A word past the table's end is rarer than its last entry
(``RARE``): to the judge, rare is rare. Regenerate it after upgrading wordfreq:

    python -m mtcheck.english.frequency
"""

from __future__ import annotations

import gzip
import io
from functools import lru_cache
from importlib import resources
from pathlib import Path

TABLE = "data/zipf.tsv.gz"
WORDS = 60_000  # wordfreq's top English words kept: down to a Zipf value of about 2.3
RARE = 0.0  # what a word past the table scores, as wordfreq scores a word it has never seen


def zipf(word: str) -> float:
    """0 (unseen or rare) to about 7.7 ("the"); ``word`` as it stands: casing and apostrophes are folded here."""
    return _table().get(word.lower().replace("’", "'"), RARE)


@lru_cache(maxsize=1)
def _table() -> dict[str, float]:
    # Read as a stream, a line at a time, and each of the few hundred distinct values (two decimals) made
    # once: the whole text and its list of lines took 6 MB more at the judge's peak, one float per word 1.4 MB.
    table: dict[str, float] = {}
    values: dict[str, float] = {}
    with resources.files("mtcheck.english").joinpath(TABLE).open("rb") as raw, \
            gzip.open(raw, "rt", encoding="utf-8") as lines:
        for line in lines:
            word, _, value = line.rstrip("\n").partition("\t")
            table[word] = values.setdefault(value, float(value))
    return table


def derive_from_wordfreq(words: int = WORDS) -> bytes:
    """The table's bytes: wordfreq's ``words`` most frequent English words and their Zipf values."""
    from wordfreq import top_n_list, zipf_frequency

    lines = []
    for word in dict.fromkeys(top_n_list("en", words)):
        if "\t" not in word and "\n" not in word:
            lines.append(f"{word}\t{zipf_frequency(word, 'en'):.2f}\n")
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0) as handle:  # mtime 0: same words, same bytes
        handle.write("".join(lines).encode("utf-8"))
    return buffer.getvalue()


if __name__ == "__main__":
    target = Path(__file__).parent / TABLE
    target.write_bytes(derive_from_wordfreq())
    print(f"wrote {target}")
