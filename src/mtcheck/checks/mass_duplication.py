"""A target that repeats its own sentences: one sentence looped many times, or every sentence doubled."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterator

from mtcheck.views import DocumentView
from mtcheck.checks.structural import StructuralCheck, share
from mtcheck.segment.folding import Fold, folds
from mtcheck.params import Params, param
from mtcheck.types import Document, Finding, Segment

WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class MassDuplicationParams(Params):
    # The pipeline folds such runs before alignment (mtcheck.segment.folding), so a loop of 200,000 copies costs
    # what one copy does; each fold is reported here. Three copies of a sentence are a loop the
    # insertion and repetition checks see one by one.
    fold_copies: int = param(
        10, "back-to-back copies of a sentence (or a block of up to 4) from which the copies after the first are "
        "folded away before alignment, and reported"
    )
    # The seed's teaser repeats 5% of its target; every sentence doubled is 50%.
    duplicated_share: float = param(
        0.3, "share of the target's characters in extra copies of its own sentences, beyond the source's, reported"
    )
    min_extra_copies: int = param(3, "extra copies of sentences the duplicated share needs")
    min_chars: int = param(
        20, "characters (without whitespace) a sentence needs for its copies to count: furniture repeats \"Share\""
    )


class MassDuplicationCheck(StructuralCheck):
    """The target repeats its own sentences wholesale: one sentence looped many times, or every sentence doubled.

    Example: a translation loop that wrote the seed's (corpora/seed)
    "Highlights: Retaliation for killed soldiers – US attacks anger key allies
    in Iraq." 200,000 times (17 MB, folded to one copy before alignment), and
    the seed article with each of its target sentences written twice (50% of
    the target is copies). A sentence the source repeats as often is no copy; a
    sentence said twice in an article (a teaser, a quote) is no finding.
    """

    name = "mass-duplication"
    category = "Accuracy/Addition"
    Params = MassDuplicationParams
    needs = frozenset()

    def run(self, doc: DocumentView) -> Iterator[Finding]:
        p = self.params
        document = doc.document
        target_folds = folds(document.target.text, document.target_segments)
        source_folds = folds(document.source.text, document.source_segments)
        target = copies_of(document.target.text, document.target_segments, target_folds)
        source = copies_of(document.source.text, document.source_segments, source_folds)
        extra = {text: count - max(1, source[text]) for text, count in target.items()
                 if count > max(1, source[text]) and _visible(text) >= p.min_chars}
        # The target's sentences, copies included (not a pass over a text that may be 200,000 copies long).
        total = sum(_visible(text) * count for text, count in target.items())
        duplicated = share(sum(_visible(text) * count for text, count in extra.items()), total)
        # A source that repeats itself (an article pasted twice) explains as much of the target's repeats.
        own = {text: count - 1 for text, count in source.items() if count > 1 and _visible(text) >= p.min_chars}
        source_duplicated = share(sum(_visible(text) * count for text, count in own.items()),
                                  sum(_visible(text) * count for text, count in source.items()))
        # A loop in the source too (half as long or longer) explains the target's, whatever its words.
        source_loop = max((fold.copies for fold in source_folds), default=0)
        big = p.duplicated_share * total
        loops = [fold for fold in target_folds
                 if fold.copies > 2 * source_loop and _reported(fold, document, target, source, extra, big)]
        excess = duplicated - source_duplicated
        if not loops and (excess < p.duplicated_share or sum(extra.values()) < p.min_extra_copies):
            return
        evidence = {"duplicated_share": round(duplicated, 4), "source_duplicated_share": round(source_duplicated, 4),
                    "threshold": p.duplicated_share, "sentences_repeated": len(extra),
                    "extra_copies": sum(extra.values())}
        if loops:
            fold = max(loops, key=lambda fold: fold.copies * len(fold.block))
            span = fold.first
            block = len(fold.block)
            what = "one sentence" if block == 1 else f"a block of {block} sentences"
            text, segments = document.target.text, document.target_segments
            looped = share(fold.copies * sum(_visible(text[segments[k].start : segments[k].end]) for k in fold.block),
                           total)
            message = (f"mass duplication: {what} repeated {fold.copies + 1:,} times back to back "
                       f"({looped:.0%} of the target is its copies); the first copy is marked")
            evidence |= {"copies": fold.copies + 1, "block_sentences": block, "loop_share": round(looped, 4),
                         "loops": len(loops), "folded_start": fold.start, "folded_end": fold.end,
                         "fold_copies": p.fold_copies}
        else:
            span = _first_copy(document.target.text, document.target_segments, extra)
            message = (f"mass duplication: {duplicated:.0%} of the target is copies of its own sentences "
                       f"({sum(extra.values())} extra copies of {len(extra)} sentences); the first copy is marked")
        yield self.document_finding(doc, message, span, None, evidence)


def copies_of(text: str, segments: tuple[Segment, ...], folded: tuple[Fold, ...]) -> Counter[str]:
    """How often each segment's text (whitespace made single spaces) stands in ``text``, folded copies included."""
    counts = Counter(_key(text[s.start : s.end]) for s in segments)
    for fold in folded:
        for k in fold.block:
            counts[_key(text[segments[k].start : segments[k].end])] += fold.copies
    return counts


def _reported(fold: Fold, document: Document, target: Counter[str], source: Counter[str], extra: dict[str, int],
              big: float) -> bool:
    """A fold the source does not explain, of sentences long enough to count, or of so many copies of short
    ones (200,000 "Share") that they are a large share of the target: folded, no other check sees them."""
    text, segments = document.target.text, document.target_segments
    keys = [_key(text[segments[k].start : segments[k].end]) for k in fold.block]
    if any(key in extra for key in keys):
        return True
    unexplained = all(target[key] > max(1, source[key]) for key in keys)
    return unexplained and fold.copies * sum(_visible(key) for key in keys) >= big


def _first_copy(text: str, segments: tuple[Segment, ...], extra: dict[str, int]) -> tuple[int, int]:
    """The first segment whose text an earlier segment already had and that counts as an extra copy."""
    seen: set[str] = set()
    for segment in segments:
        key = _key(text[segment.start : segment.end])
        if key in extra and key in seen:
            return segment.start, segment.end
        seen.add(key)
    raise ValueError("an extra copy is a second occurrence")  # extra counts only texts the target has twice


def _key(text: str) -> str:
    return WHITESPACE.sub(" ", text)


def _visible(text: str) -> int:
    return len("".join(text.split()))
