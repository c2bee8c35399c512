"""Which content words of an aligned pair match across the two sides, and where the gaps are.

Both sides are English, so a word matches when it is the same word in another
form: the same stem ("compared", "comparison"), one part of a compound
("underground", "ground"; "duty-free", "duty free"), the same number ("5",
"five") or a British and American spelling (words.pieces). Function words
never anchor anything: translations change them freely.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from os.path import commonprefix
from typing import Iterator

from mtcheck.align.word_links import Links, best_monotone, link_words
from mtcheck.english.function_words import ARTICLES, FUNCTION_WORDS
from mtcheck.english.function_words import MEANINGFUL_FUNCTION_WORDS as MEANINGFUL
from mtcheck.english.number_mentions import extract_numbers
from mtcheck.english.stemming import stem
from mtcheck.english.words import Word, pieces, words
from mtcheck.params import Params, param
from mtcheck.views import DocumentView, PerPair

# MEANINGFUL: in the target opposite a run, such a function word counts as a
# counterpart unless the source has it there too.


@dataclass(frozen=True)
class WordMatchParams(Params):
    shared_prefix: int = param(5, "letters two stems share to be one word (\"compar-ed\", \"compar-ison\")")
    compound_part: int = param(5, "letters of a word found whole at either end of a compound to match it")


@lru_cache(maxsize=65536)
def same_piece(a: str, b: str, shared_prefix: int, compound_part: int) -> bool:
    if a.startswith("#") or b.startswith("#") or a.isdigit() or b.isdigit():
        return a == b
    if a == b:
        return True
    stem_a, stem_b = stem(a), stem(b)
    if stem_a == stem_b or len(commonprefix([stem_a, stem_b])) >= shared_prefix:
        return True
    short, long = sorted((stem_a, stem_b), key=len)
    return len(short) >= compound_part and (long.startswith(short) or long.endswith(short))


@dataclass(frozen=True)
class Token:
    """A word with what it is compared by."""

    word: Word
    keys: tuple[str, ...]  # comparable pieces, or the number it belongs to
    glued: frozenset[str]  # the word written together with a neighbour ("tie break", "tiebreak")
    content: bool


@dataclass(frozen=True)
class Hole:
    """Source content words with nothing opposite, and where the target closes over them."""

    missing: tuple[int, ...]  # source token indices
    at: int  # target token index the run would stand before (len(target) at the end)


@dataclass(frozen=True)
class Alignment:
    """The words of one pair's source and target, and how their content words match."""

    source_text: str
    target_text: str
    source: tuple[Token, ...]
    target: tuple[Token, ...]
    params: WordMatchParams = WordMatchParams()

    def matches(self, token: Token, other: Token) -> bool:
        """The two words are one word in other forms (their pieces match), or one is the other written apart."""
        prefix, part = self.params.shared_prefix, self.params.compound_part
        # Asked for every pair of content words of a pair, hundreds of thousands of times an article:
        # most words are one piece, and most are glued to nothing a set need be made for.
        if len(token.keys) == 1 and len(other.keys) == 1:
            if same_piece(token.keys[0], other.keys[0], prefix, part):
                return True
        elif any(same_piece(a, b, prefix, part) for a in token.keys for b in other.keys):
            return True
        return not token.glued.isdisjoint(other.keys) or not other.glued.isdisjoint(token.keys)

    @cached_property
    def anchors(self) -> tuple[tuple[int, int], ...]:
        """The longest monotone chain of matching content words, as (source, target) indices."""
        src = [i for i, t in enumerate(self.source) if t.content]
        tgt = [j for j, t in enumerate(self.target) if t.content]
        match = [[1.0 if self.matches(self.source[i], self.target[j]) else 0.0 for j in tgt] for i in src]
        chain = [(src[a], tgt[b]) for a, b in best_monotone(match)]
        return tuple(chain)

    @cached_property
    def source_vocabulary(self) -> frozenset[str]:
        return frozenset(token.word.lower for token in self.source)

    @cached_property
    def links(self) -> Links:
        """Every target word linked to the source word it stands for, or to nothing (word_links)."""
        return link_words(self)

    @cached_property
    def covered(self) -> tuple[bool, ...]:
        """Per source word: a target word stands for it, in order or moved elsewhere.

        Each target word stands for as many source words as it has pieces
        ("half-century" for *half century*)."""
        covered = [False] * len(self.source)
        room = [len(t.keys) for t in self.target]
        for i, j in self.anchors:
            covered[i] = True
            room[j] -= 1
        target_keys = {key for other in self.target for key in other.keys}
        for i, token in enumerate(self.source):
            if covered[i] or not token.content:
                continue
            if token.glued & target_keys:  # "tie break" for "tiebreak": one target word, two source words
                covered[i] = True
                continue
            for j, other in enumerate(self.target):
                if room[j] > 0 and other.content and self.matches(token, other):
                    covered[i] = True
                    room[j] -= 1
                    break
        return tuple(covered)

    @cached_property
    def accounted(self) -> tuple[bool, ...]:
        """Per target word: some source word is the same word."""
        return tuple(any(self.matches(token, other) for other in self.source) for token in self.target)

    @cached_property
    def stray(self) -> tuple[bool, ...]:
        """Per target word: a word of the translation's own, which may stand for a missing one:
        a content word no source word matches, or a meaningful function word the source lacks
        ("According to the agency" for *the agency reports*)."""
        source_words = {token.word.lower for token in self.source}
        return tuple(
            not self.accounted[j] if token.content else token.word.lower in MEANINGFUL - source_words
            for j, token in enumerate(self.target)
        )

    @cached_property
    def strays(self) -> int:
        """How many target words are the translation's own."""
        return sum(self.stray)

    def coverage(self, leaving_out: tuple[int, ...] = ()) -> float:
        """Share of the source's content words, other than ``leaving_out``, that the target covers."""
        rest = [i for i, token in enumerate(self.source) if token.content and i not in leaving_out]
        return sum(self.covered[i] for i in rest) / len(rest) if rest else 0.0

    def strays_near(self, at: int, reach: int) -> bool:
        """A stray target word within ``reach`` words of ``at``."""
        return any(self.stray[max(0, at - reach) : at + reach])

    def holes(self) -> Iterator[Hole]:
        """Runs of uncovered source content words between two anchors, where no target word between
        the same anchors can stand for them: each is a source word moved there, a function word the
        source has there too, or grammar a translation adds anywhere."""
        bounds = [(-1, -1), *self.anchors, (len(self.source), len(self.target))]
        for (i0, j0), (i1, j1) in zip(bounds, bounds[1:]):
            missing = [i for i in range(i0 + 1, i1) if self.source[i].content and not self.covered[i]]
            if not missing:
                continue
            here = {token.word.lower for token in self.source[i0 + 1 : i1]}
            elsewhere = {token.word.lower for token in self.source} - here
            if all(self._explained(j, here, elsewhere) for j in range(j0 + 1, j1)):
                for run in self._runs(missing):
                    yield Hole(tuple(run), self._hole_at(run, (i0, j0), (i1, j1)))

    def _explained(self, j: int, here: set[str], elsewhere: set[str]) -> bool:
        """Target word ``j``, between two anchors, cannot stand for the source's missing words there."""
        token = self.target[j]
        if token.content:
            return self.accounted[j]
        word = token.word.lower
        # A function word the source has elsewhere moved here: the stretch was rewritten.
        return word in here or not (word in MEANINGFUL or (word in elsewhere and word not in ARTICLES))

    def _runs(self, missing: list[int]) -> Iterator[list[int]]:
        """Missing words split where a covered content word stands between them."""
        run = [missing[0]]
        for i in missing[1:]:
            if any(self.source[k].content for k in range(run[-1] + 1, i)):
                yield run
                run = []
            run.append(i)
        yield run

    def _hole_at(self, run: list[int], left: tuple[int, int], right: tuple[int, int]) -> int:
        """Where in the target the run would stand: the split of the target words between the
        anchors that best keeps what the source has before the run before it, and after, after."""
        before = {t.word.lower for t in self.source[left[0] + 1 : run[0]]}
        after = {t.word.lower for t in self.source[run[-1] + 1 : right[0]]}
        between = range(left[1] + 1, right[1])
        side = {j: self._side(j, run, before, after) for j in between}
        share = len(before) / (len(before) + len(after)) if before or after else 0.5

        def kept(k: int) -> tuple[int, float]:
            fits = sum(side[j] < 0 for j in between if j < k) + sum(side[j] > 0 for j in between if j >= k)
            # Ties go to the split that divides the stretch as the source divides it.
            return fits, -abs((k - left[1] - 1) - share * len(between))

        return max(range(left[1] + 1, right[1] + 1), key=kept)

    def _side(self, j: int, run: list[int], before: set[str], after: set[str]) -> int:
        """-1 where target word ``j`` stands for source words before the run, 1 after, else 0."""
        token = self.target[j]
        if token.content:
            places = [i for i, other in enumerate(self.source) if other.content and self.matches(token, other)]
            return -1 if places and max(places) < run[0] else 1 if places and min(places) > run[-1] else 0
        return -1 if token.word.lower in before else 1 if token.word.lower in after else 0


def align(source: str, target: str, params: WordMatchParams = WordMatchParams()) -> Alignment:
    return Alignment(source, target, _tokens(source), _tokens(target), params)


def word_alignments(doc: DocumentView, params: WordMatchParams) -> PerPair[Alignment]:
    """The analysis: each pair's word alignment, made when a check reads it (see analyses.PerPair)."""
    return PerPair(lambda view: align(view.source.text, view.target.text, params))


def _tokens(text: str) -> tuple[Token, ...]:
    sequence = words(text)
    # A bare "one" is more often a pronoun ("one of the best") than a count.
    numbers = [(m.start, m.end, f"#{m.kind}:{m.value}") for m in extract_numbers(text) if not m.weak]
    keys = []
    for word in sequence:
        number = next((key for start, end, key in numbers if start <= word.start < end), None)
        parts = pieces(word.text)
        # "17-year-old": the number, then the pieces that are not digits.
        keys.append(((number,) + tuple(p for p in parts if not p.isdigit())) if number else parts)
    tokens = []
    for index, word in enumerate(sequence):
        glued = set()
        if index > 0 and keys[index - 1] and keys[index]:
            glued.add(keys[index - 1][-1] + keys[index][0])
        if index + 1 < len(sequence) and keys[index + 1] and keys[index]:
            glued.add(keys[index][-1] + keys[index + 1][0])
        tokens.append(Token(word, keys[index], frozenset(glued), _content(word, keys[index])))
    return tuple(tokens)


def _content(word: Word, keys: tuple[str, ...]) -> bool:
    if not keys:
        return False
    if keys[0].startswith("#"):
        return True
    lower = word.text.lower().replace("’", "'")
    return lower not in FUNCTION_WORDS and "".join(keys) not in FUNCTION_WORDS and any(
        len(key) > 1 for key in keys
    )
