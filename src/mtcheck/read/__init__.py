"""The read stage: an article file (or stdin) into a decoded ``Text``; a pairs file into ``PairRecord``s.

``text`` decodes bytes (a BOM, UTF-8, or a legacy encoding sniffed with
charset-normalizer) and marks where bytes were replaced; ``pairs`` reads
pre-aligned JSONL or TSV pairs.
"""

from mtcheck.read.pairs import PairRecord, read_pairs_file
from mtcheck.read.text import read_text

__all__ = ["PairRecord", "read_pairs_file", "read_text"]
