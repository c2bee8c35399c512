"""The alignment stage: which target segments translate which source segments, and word by word.

``sentences`` aligns a pair's segments into n:m beads (``align``, ``AlignParams``,
re-exported here as the stage's entry point); ``word_match`` and ``word_links``
link the words inside a bead; ``matching`` finds each segment's best
counterpart regardless of order.
"""

from mtcheck.align.sentences import AlignParams, align

__all__ = ["AlignParams", "align"]
