"""Folding long runs of repeated sentences before alignment, and reading the folds back from the text."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from mtcheck.checks.sentence_order import heaviest_rising_run, inverted_share
from mtcheck.segment.folding import fold_ends, fold_repeats, folds, split_at_folds
from mtcheck.checks.detection import FOLDED_FROM, folded_repeats
from mtcheck.segment.sentences import segment
from mtcheck.types import Finding, Severity, Span

SENTENCES = ["The council met on Monday.", "It voted to repair the sea wall.", "Storms breached it twice.",
             "Residents welcomed the news.", "• A bulleted line follows."]
SEPARATORS = [" ", "\n", "\n\n", "  "]


@st.composite
def looped_texts(draw):
    """A text of runs: (block of sentences, copies), joined by random separators; and the runs."""
    runs = draw(st.lists(st.tuples(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3),
                                   st.integers(1, 14)), min_size=1, max_size=5))
    pieces = [sentence for block, copies in runs for _ in range(copies) for sentence in block]
    separators = draw(st.lists(st.sampled_from(SEPARATORS), min_size=len(pieces), max_size=len(pieces)))
    return "".join(piece + separator for piece, separator in zip(pieces, separators)), runs


@settings(max_examples=150, deadline=None)
@given(looped_texts(), st.integers(2, 12))
def test_folds_are_read_back_exactly_from_the_text(made, min_copies):
    text, _ = made
    every = segment(text)
    kept = fold_repeats(text, every, min_copies)
    assert [s.index for s in kept] == list(range(len(kept)))
    found = folds(text, kept)
    # Every dropped segment is in exactly one fold, and the copies account for all of them.
    assert sum(fold.copies * len(fold.block) for fold in found) == len(every) - len(kept)
    for fold in found:
        assert fold.copies + 1 >= min_copies
        first_text = text[kept[fold.block[0]].start : kept[fold.block[0]].end]
        assert text[fold.first[0] : fold.first[1]] == first_text
        assert text[fold.start : fold.end].strip() == text[fold.start : fold.end]
        assert kept[fold.block[-1]].end <= fold.start < fold.end
    # A bead may not reach across a fold; past the last segment there is none to reach.
    assert fold_ends(text, kept) == {fold.block[-1] for fold in found} - {len(kept) - 1}


def test_a_loop_is_folded_to_its_first_copy_and_the_count_read_back():
    text = "Intro here. " + "The council met on Monday. " * 200 + "The end."
    kept = fold_repeats(text, segment(text), 10)
    assert [text[s.start : s.end] for s in kept] == ["Intro here.", "The council met on Monday.", "The end."]
    (fold,) = folds(text, kept)
    assert fold.copies == 199 and fold.block == (1,)
    assert text[fold.start : fold.end] == " ".join(["The council met on Monday."] * 199)


def test_runs_below_the_threshold_and_a_different_separator_in_a_loop_are_handled():
    text = "A sentence here. " * 3 + "B sentence here.\n" + "B sentence here.\n\n" * 11
    kept = fold_repeats(text, segment(text), 10)
    assert [text[s.start : s.end] for s in kept] == ["A sentence here."] * 3 + ["B sentence here."]
    (fold,) = folds(text, kept)
    assert fold.copies == 11


def test_beads_never_reach_across_a_fold():
    beads = [((0,), (0, 1)), ((1, 2), (2,)), ((3,), (3, 4, 5))]
    split = split_at_folds(beads, frozenset({1}), frozenset({0, 3}))
    assert split == [((0,), (0,)), ((), (1,)), ((1,), (2,)), ((2,), ()), ((3,), (3,)), ((), (4, 5))]
    assert [i for s, _ in split for i in s] == [0, 1, 2, 3]
    assert [j for _, t in split for j in t] == [0, 1, 2, 3, 4, 5]


def _finding(text: str, start: int, pair: int) -> Finding:
    return Finding("repetition", "Fluency/Grammar", Severity.MINOR, pair, Span.of(text, start, start + 4), None,
                   "phrase 'food' said twice", evidence=(("rule", "loop"),))


def test_one_problem_repeated_many_times_is_one_finding_with_its_count():
    text = "food " * 40
    many = [_finding(text, 5 * k, k) for k in range(FOLDED_FROM + 2)]
    (one,) = folded_repeats(many)
    assert one is not many[0] and one.pair == 0 and dict(one.evidence) == {"rule": "loop", "repeats": FOLDED_FROM + 2}
    few = many[: FOLDED_FROM - 1]
    assert folded_repeats(few) == few


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 6), st.integers(1, 5)), max_size=8))
def test_the_heaviest_rising_run_and_the_inverted_share_match_brute_force(items):
    import numpy as np

    keys = np.array([k for k, _ in items], dtype=np.int64)
    weights = np.array([w for _, w in items], dtype=np.float64)
    mask = heaviest_rising_run(keys, weights)
    chosen = keys[mask]
    assert all(a <= b for a, b in zip(chosen, chosen[1:]))
    subsets = (c for r in range(len(items) + 1) for c in itertools.combinations(range(len(items)), r))
    best = max((sum(weights[list(c)]) for c in subsets if all(keys[a] <= keys[b] for a, b in zip(c, c[1:]))),
               default=0.0)
    assert weights[mask].sum() == best
    pairs = [(a, b) for a, b in itertools.combinations(range(len(items)), 2) if keys[a] != keys[b]]
    inverted = sum(keys[a] > keys[b] for a, b in pairs)
    assert inverted_share(keys) == (inverted / len(pairs) if pairs else 0.0)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .•-*\n\t。A,")), max_size=120))
def test_the_segmenter_leaves_only_separators_between_segments(text):
    # What the folds are read back by: a gap holding anything else is folded copies.
    assert fold_ends(text, segment(text)) == frozenset()
    assert folds(text, segment(text)) == ()
