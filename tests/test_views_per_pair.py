"""A per-pair analysis is made once per pair for all its readers, within a memory budget."""

from mtcheck.analyses import REMEMBERED_CHARS, analyse
from mtcheck.segment.documents import parallel_document
from mtcheck.views import DocumentView, PerPair

DOC = parallel_document("d", ["One sentence here.", "Another one there."], ["One sentence here.", "Another one, there."])


def counting():
    made = []

    def compute(view):
        made.append(view.pair.index)
        return object()

    return made, compute


def test_each_pair_is_made_once_for_every_reader():
    made, compute = counting()
    remembered = PerPair(compute).remembering(10_000)
    views = list(DocumentView(DOC).aligned)
    first = [remembered.of(view) for view in views]
    assert [remembered.of(view) for view in views] == first  # the very same objects
    assert made == [0, 1]


def test_past_the_budget_pairs_are_made_afresh():
    made, compute = counting()
    views = list(DocumentView(DOC).aligned)
    budget = len(views[0].source.text) + len(views[0].target.text)  # room for the first pair only
    remembered = PerPair(compute).remembering(budget)
    for _ in range(2):
        for view in views:
            remembered.of(view)
    assert made == [0, 1, 1]


def test_the_analyse_stage_remembers_word_alignments():
    view = analyse(DOC, {"word_alignments"})
    alignments = view.analyses.get("word_alignments")
    pair = next(iter(view.aligned))
    assert alignments.of(pair) is alignments.of(pair)
    assert REMEMBERED_CHARS >= 50_000  # a seed-sized article's pairs all fit


def test_pair_views_are_kept_for_the_first_pairs_and_made_afresh_past_them():
    from mtcheck.views import PairViews, pair_view_of

    document = parallel_document("d", [f"Sentence {i} here." for i in range(5)], [f"Sentence {i} there." for i in range(5)])
    views = PairViews(document, kept=3)
    made = [pair_view_of(document, pair) for pair in document.pairs]
    assert list(views) == made  # the same views pair_view_of makes, in order
    assert views[4] == made[4] and views[-1] == made[4] and views[1:4] == made[1:4] and views[::-2] == made[::-2]
    assert all(views[i] is views[i] for i in range(3))  # kept: the very same objects
    assert views[3] is not views[3] and views[3] == made[3]  # past the kept ones: made on each access
    for bad in (5, -6):
        try:
            views[bad]
        except IndexError:
            continue
        raise AssertionError(f"views[{bad}] should raise IndexError")


def test_a_document_view_keeps_one_set_of_pair_views():
    view = DocumentView(DOC)
    assert view.pairs is view.pairs
    assert next(iter(view.pairs)) is view.pairs[0]
