"""The word alignment of each pair (mtcheck.align.word_match) as an analysis the checks and the judge read."""

from mtcheck.align.word_match import WordMatchParams, word_alignments
from mtcheck.analyses.analysis import Analysis

ANALYSIS = Analysis("word_alignments", word_alignments, WordMatchParams)
