"""The segment stage: a text into sentence ``Segment``s (offsets into the text), and the language of each side.

``sentences`` splits the text; ``folding`` folds a sentence repeated back to
back many times to one copy; ``language`` judges a side's language (with
``sampling`` for big texts); ``documents`` builds a ``Document`` from
segments or pre-aligned pairs.
"""

from mtcheck.segment.sentences import SEGMENTER_VERSION, segment

__all__ = ["SEGMENTER_VERSION", "segment"]
