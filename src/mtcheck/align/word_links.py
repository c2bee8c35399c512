"""Every word of a pair linked to the word or words it stands for on the other side, or to nothing.

Built on a pair's ``word_match.Alignment`` in three passes, surest first:

1. **anchors**: the longest in-order chain of content words that are one
   word in other forms (same stem, a compound part, the same number);
2. **moved**: other content words that match a word elsewhere in the source
   ("In Paris, police said" for *Police said in Paris*), and function words
   the source has between the same two anchors;
3. **stands-for**: what is left between two neighbouring links on both sides is
   paired by position, so that a substituted word is linked to the word it
   replaced ("the cold war" for *the hot war*: "cold" stands for *hot*).

A target word with nothing opposite is linked to nothing; the source words
nothing links to are what the target leaves out.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from rapidfuzz.distance import Indel

if TYPE_CHECKING:
    from mtcheck.align.word_match import Alignment


class LinkKind(str, Enum):
    SAME = "same"  # one word in other forms, in order (an anchor)
    MOVED = "moved"  # the same word, elsewhere in the sentence
    FUNCTION = "function"  # a function word the source has in the same stretch
    STANDS_FOR = "stands-for"  # a different word in the place of a source word
    NONE = "none"  # nothing opposite


@dataclass(frozen=True)
class Links:
    """Per target word its kind of link and the source word indices it stands for; per source word, whether linked."""

    kinds: tuple[LinkKind, ...]
    sources: tuple[tuple[int, ...], ...]
    source_linked: tuple[bool, ...]

    def counterpart(self, target_index: int) -> int | None:
        """The first source word a target word stands for, if any."""
        found = self.sources[target_index]
        return found[0] if found else None


def link_words(alignment: Alignment) -> Links:
    source, target = alignment.source, alignment.target
    kinds = [LinkKind.NONE] * len(target)
    sources: list[tuple[int, ...]] = [()] * len(target)
    taken = [False] * len(source)

    def link(j: int, i: int, kind: LinkKind) -> None:
        kinds[j], sources[j], taken[i] = kind, (i,), True

    for i, j in alignment.anchors:
        link(j, i, LinkKind.SAME)
    bounds = _bounds(alignment.anchors, len(source), len(target))
    for j, token in enumerate(target):
        if kinds[j] is not LinkKind.NONE:
            continue
        if token.content:
            # Prefer a source word no other target word took: a repeated word repeats its source.
            matching = [i for i, other in enumerate(source) if other.content and alignment.matches(token, other)]
            free = [i for i in matching if not taken[i]]
            if free or matching:
                link(j, (free or matching)[0], LinkKind.MOVED)
        else:
            (i0, i1) = _stretch(bounds, j)
            same = [i for i in range(i0 + 1, i1) if not taken[i] and source[i].word.lower == token.word.lower]
            if same:
                link(j, same[0], LinkKind.FUNCTION)
            elif token.word.lower in alignment.source_vocabulary:
                # A function word moved out of its stretch ("said" before the date, not after).
                elsewhere = [i for i, other in enumerate(source) if not taken[i] and other.word.lower == token.word.lower]
                if len(elsewhere) == 1:
                    link(j, elsewhere[0], LinkKind.MOVED)
    for (i0, j0), (i1, j1) in zip(bounds, bounds[1:]):
        _pair_by_position(alignment, range(i0 + 1, i1), range(j0 + 1, j1), kinds, sources, taken)
    _project_neighbours(alignment, kinds, sources, taken)
    return Links(tuple(kinds), tuple(sources), tuple(taken))


def _project_neighbours(alignment, kinds, sources, taken) -> None:
    """A word still unlinked stands for the free source word next to its neighbour's counterpart.

    Where the anchors cross (a clause moved), a word's stretch can hold the
    wrong source words; its neighbours still know where it belongs: in "less
    than 2,300" for *more than 2,300*, "than" is linked, and "less" stands for
    the word before *than*.
    """
    source, target = alignment.source, alignment.target
    changed = True
    while changed:
        changed = False
        for j in range(len(target)):
            if kinds[j] is not LinkKind.NONE:
                continue
            for neighbour, step in ((j - 1, 1), (j + 1, -1)):
                if not 0 <= neighbour < len(target) or not sources[neighbour]:
                    continue
                i = sources[neighbour][0] + step
                # No content-word test here: the stop list calls "less" a function word and "more" not.
                if 0 <= i < len(source) and not taken[i]:
                    kinds[j], sources[j], taken[i] = LinkKind.STANDS_FOR, (i,), True
                    changed = True
                    break


def _bounds(anchors, source_count: int, target_count: int) -> list[tuple[int, int]]:
    return [(-1, -1), *anchors, (source_count, target_count)]


def _stretch(bounds: list[tuple[int, int]], j: int) -> tuple[int, int]:
    """The source indices (exclusive) between the anchors around target word ``j``."""
    for (i0, j0), (i1, j1) in zip(bounds, bounds[1:]):
        if j0 < j < j1:
            return i0, i1
    return -1, bounds[-1][0]


def _pair_by_position(alignment, source_range, target_range, kinds, sources, taken) -> None:
    """Unlinked words between the same two anchors, paired in order where both sides have some.

    The pairing keeps order and maximises likeness: content with content,
    function with function, and similar spellings ("insured", "assured").
    """
    free_source = [i for i in source_range if not taken[i]]
    free_target = [j for j in target_range if kinds[j] is LinkKind.NONE]
    if not free_source or not free_target:
        return
    for i, j in _best_monotone(alignment, free_source, free_target):
        kinds[j], sources[j], taken[i] = LinkKind.STANDS_FOR, (i,), True


def _best_monotone(alignment, free_source: list[int], free_target: list[int]) -> list[tuple[int, int]]:
    """An in-order pairing of the two lists maximising the summed likeness of its pairs."""
    if len(free_source) * len(free_target) > 4096:  # a long unanchored stretch: pair only its ends
        free_source, free_target = free_source[:32] + free_source[-32:], free_target[:32] + free_target[-32:]
    n, m = len(free_source), len(free_target)
    weights = [[_likeness(alignment, free_source[a], free_target[b], a / n, b / m) for b in range(m)] for a in range(n)]
    return [(free_source[a], free_target[b]) for a, b in best_monotone(weights)]


def best_monotone(weights: list[list[float]]) -> list[tuple[int, int]]:
    """The in-order pairs (a, b) of positive weight whose summed weight is greatest (an LCS-style DP);
    ties go to the earliest pairs."""
    n, m = len(weights), len(weights[0]) if weights else 0
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for a in range(n - 1, -1, -1):
        for b in range(m - 1, -1, -1):
            here = best[a + 1][b + 1] + weights[a][b] if weights[a][b] > 0 else 0.0
            best[a][b] = max(best[a + 1][b], best[a][b + 1], here)
    chosen, a, b = [], 0, 0
    while a < n and b < m:
        if weights[a][b] > 0 and best[a][b] == best[a + 1][b + 1] + weights[a][b]:
            chosen.append((a, b))
            a, b = a + 1, b + 1
        elif best[a + 1][b] >= best[a][b + 1]:
            a += 1
        else:
            b += 1
    return chosen


def _likeness(alignment, i: int, j: int, source_place: float, target_place: float) -> float:
    """How well target word ``j`` stands for source word ``i``: 0 for not at all."""
    source, target = alignment.source[i], alignment.target[j]
    if source.content != target.content:
        return 0.0
    spelling = Indel.normalized_similarity(source.word.lower, target.word.lower)
    # Position within the stretch matters more than spelling: a substitute is rarely spelled alike.
    return 1.0 + spelling - abs(source_place - target_place)
