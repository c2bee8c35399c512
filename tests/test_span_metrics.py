"""The measurement code behind benchmarks/checks_eval.py: character metrics, baselines, DEMETR's injected spans."""

from __future__ import annotations

import math
import sys
from dataclasses import replace
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from demetr import DemetrItem, Injection, injected, type_rows  # noqa: E402
from span_metrics import (  # noqa: E402
    ALL_FLAGS,
    EVERYTHING,
    Confusion,
    Flag,
    SpanItem,
    absent_word_regions,
    capitalised_regions,
    confusion,
    document_flags,
    overlaps,
    span_scores,
)

from mtcheck.segment.documents import parallel_document  # noqa: E402
from mtcheck.types import Finding, Severity, Span  # noqa: E402


# --- Confusion and MCC ------------------------------------------------------------


def test_mcc_of_a_hand_counted_confusion():
    c = Confusion(tp=2, fp=1, fn=1, tn=4)
    assert math.isclose(c.mcc, (2 * 4 - 1 * 1) / math.sqrt(3 * 3 * 5 * 5))
    assert math.isclose(c.precision, 2 / 3) and math.isclose(c.recall, 2 / 3) and math.isclose(c.f1, 2 / 3)


def test_mcc_is_one_for_perfect_and_minus_one_for_inverted_flags():
    text = "abcdefgh"
    assert confusion(text, [(0, 3)], [(0, 3)]).mcc == 1.0
    assert confusion(text, [(0, 3)], [(3, 8)]).mcc == -1.0


def test_flag_everything_has_good_f1_but_zero_mcc():
    c = confusion("aaaa bbbb cccc dddd", [(0, 9)], [(0, 19)])
    assert c.f1 > 0.6
    assert c.mcc == 0.0


texts = st.text(alphabet="ab \n", min_size=1, max_size=30)
regions = st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)).map(sorted).map(tuple), max_size=4)


@given(texts, regions, regions)
def test_confusion_counts_every_non_space_character_once(text, gold, predicted):
    c = confusion(text, gold, predicted)
    assert c.tp + c.fp + c.fn + c.tn == sum(not ch.isspace() for ch in text)
    assert -1.0 <= c.mcc <= 1.0 + 1e-12
    assert confusion(text, gold, [(0, len(text))]).mcc == 0.0


def test_spaces_inside_spans_do_not_count():
    c = confusion("ab cd", [(0, 5)], [(0, 2)])
    assert (c.tp, c.fp, c.fn, c.tn) == (2, 0, 2, 0)


def test_confusions_pool_by_adding_counts():
    assert Confusion(1, 2, 3, 4) + Confusion(10, 20, 30, 40) == Confusion(11, 22, 33, 44)


def test_touching_regions_do_not_overlap_but_an_empty_region_at_the_edge_does():
    assert overlaps((0, 3), (2, 5))
    assert not overlaps((0, 3), (3, 5))
    assert overlaps((3, 3), (0, 3))
    assert not overlaps((4, 4), (0, 3))


# --- baselines --------------------------------------------------------------------


def test_absent_word_baseline_flags_words_the_source_lacks():
    target = "The dog sat on the Mat."
    found = [target[a:b] for a, b in absent_word_regions("The cat sat on the mat.", target)]
    assert found == ["dog"]


def test_capitalised_baseline_skips_sentence_starts():
    target = '"We met Anna." Then she left with Tom. but Bob stayed'
    assert [target[a:b] for a, b in capitalised_regions(target)] == ["Anna", "Tom", "Bob"]


# --- scoring findings against gold spans ------------------------------------------


def test_span_scores_per_check_and_per_category():
    target = "He saw 15 Politics men"
    gold = ((7, 9, "Accuracy/Mistranslation"), (10, 18, "Fluency/Spelling"))
    flags = (
        Flag("numbers", "Accuracy/Mistranslation", "major", (7, 9)),
        Flag("noun-capitalisation", "Fluency/Spelling", "minor", (10, 18)),
        Flag("surprisal", "Style/Awkward", "minor", (19, 22)),
        Flag("omission", "Accuracy/Omission", "major", None, (0, 4)),
    )
    scores = span_scores([SpanItem("He saw 50 politics men", target, gold, flags)], ["numbers", "surprisal", "meaning"])
    assert scores.systems[ALL_FLAGS] == Confusion(tp=10, fp=3, fn=0, tn=5)
    assert scores.systems[EVERYTHING].mcc == 0.0
    assert scores.checks["numbers"].precision == 1.0 and scores.checks["surprisal"].precision == 0.0
    assert scores.finding_counts == {"numbers": 1, "surprisal": 1, "meaning": 0}
    assert scores.categories["Accuracy"] == Confusion(tp=2, fp=0, fn=0, tn=16)
    assert scores.categories["Style"] == Confusion(tp=0, fp=3, fn=0, tn=15)


def test_flags_round_trip_through_json():
    flag = Flag("omission", "Accuracy/Omission", "major", None, (3, 9))
    assert Flag.from_json(flag.to_json()) == flag


def test_document_flags_are_offsets_into_each_pairs_own_texts():
    document = parallel_document("d", ["One cat.", "Two dogs."], ["One cat.", "Two Dogs."], pair_ids=["a", "b"])
    start = document.target_segments[1].start
    finding = Finding("noun-capitalisation", "Fluency/Spelling", Severity.MINOR, None,
                      Span.of(document.target.text, start + 4, start + 8), None, "capital")
    flags = document_flags([replace(document, findings=(finding,))])
    assert flags == {"b": [Flag("noun-capitalisation", "Fluency/Spelling", "minor", (4, 8), None)]}
    assert "Two Dogs."[4:8] == "Dogs"


# --- DEMETR: the injected span ----------------------------------------------------


def marked(clean: str, perturbed: str) -> list[str]:
    return [perturbed[a:b] for a, b in injected(clean, perturbed).regions]


def test_a_replaced_word_is_the_injected_span():
    assert marked("They died after eating food.", "They were born after eating food.") == ["were born"]
    assert not injected("They died.", "They were born.").deletion


def test_a_deletion_marks_the_words_around_the_deletion_point():
    change = injected("Both were found in urine.", "Both were in urine.")
    assert marked("Both were found in urine.", "Both were in urine.") == ["were in"]
    assert change.deletion


def test_a_removed_opening_with_the_next_word_capitalised_is_a_deletion():
    change = injected("Turkey would also take over.", "Would also take over.")
    assert change.deletion and marked("Turkey would also take over.", "Would also take over.") == ["Would"]
    assert not injected("The dog barked.", "A cat barked.").deletion  # replaced, not removed
    assert not injected("The old dog barked.", "Old dogs barked.").deletion  # "dogs" was never there


def test_punctuation_is_its_own_token_and_spacing_counts():
    assert marked("pet food.", "pet food") == ["food"]
    assert injected("pet food.", "pet food").deletion
    assert marked("pet food.", "pet food .") == ["."]
    assert marked("and melamine were", "and melamine~ were") == ["~"]


def test_unchanged_sentences_inject_nothing():
    assert injected("Same words here.", "Same words here.") is None


def test_who_catches_what():
    deletion, swap = Injection(((5, 12),), deletion=True), Injection(((5, 12),))
    omission = Flag("omission", "Accuracy/Omission", "major", None, (0, 4))
    assert deletion.caught_by(omission) and not swap.caught_by(omission)
    assert swap.caught_by(Flag("x", "Other", "minor", (11, 20)))
    assert not swap.caught_by(Flag("x", "Other", "minor", (12, 20)))
    assert Injection(((0, 3),), whole=True).caught_by(Flag("x", "Other", "minor", (50, 60)))


def test_type_rows_count_detection_and_clean_false_positives():
    items = [
        DemetrItem("minor_id1_repeat2", "minor", 1, "a b.", "a b.", "a b b.", injected("a b.", "a b b.")),
        DemetrItem("minor_id1_repeat2", "minor", 2, "c d.", "c d.", "c d d.", injected("c d.", "c d d.")),
        DemetrItem("critical_id8_negation", "critical", 1, "a b.", "a b.", "a not b.", injected("a b.", "a not b.")),
        DemetrItem("minor_id1_repeat2", "minor", 3, "e.", "e.", "e.", None),
    ]

    def flags_of(source: str, target: str) -> list[Flag]:
        return [Flag("doubled-words", "Fluency/Grammar", "minor", (2, 5))] if target in ("a b b.", "c d.") else []

    critical, minor = type_rows(items, flags_of)
    assert critical.perturbation == "critical_id8_negation"
    assert (critical.n, critical.caught, critical.clean_flagged) == (1, 0, 0)
    assert (minor.n, minor.unchanged, minor.caught, minor.clean_flagged) == (2, 1, 1, 1)
    assert minor.catchers == (("doubled-words", 1),)
