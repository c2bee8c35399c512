"""The quality formula: bounds, anchors, and what moves it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mtcheck.grade import quality as q


def test_without_a_reading_quality_is_chrf_between_its_anchors():
    assert q.quality(q.CHRF_CEILING, 0.0) == 100.0
    assert q.quality(q.CHRF_FLOOR, 0.0) == 0.0
    assert q.quality((q.CHRF_FLOOR + q.CHRF_CEILING) / 2, 0.0) == 50.0


def test_the_reading_takes_its_full_weight_once_enough_tokens_are_read():
    full, weight = q.FULL_TRUST_TOKENS, q.READING_WEIGHT
    assert q.quality(q.CHRF_CEILING, 0.0, bits_given_source=q.BITS_POOR, tokens_read=full) == round(100 * (1 - weight), 2)
    assert q.quality(q.CHRF_FLOOR, 0.0, bits_given_source=q.BITS_GOOD, tokens_read=full) == round(100 * weight, 2)
    assert q.quality(q.CHRF_FLOOR, 0.0, bits_given_source=q.BITS_GOOD, tokens_read=full // 2) == round(50 * weight, 2)
    assert q.quality(q.CHRF_CEILING, 0.0, bits_given_source=q.BITS_GOOD, tokens_read=10 * full) == 100.0


def test_short_readings_lean_on_chrf():
    short = q.quality(90.0, 0.0, bits_given_source=6.0, tokens_read=2)
    long = q.quality(90.0, 0.0, bits_given_source=6.0, tokens_read=40)
    assert long < short < 100.0
    assert q.quality(90.0, 0.0, bits_given_source=6.0, tokens_read=0) == 100.0


def test_findings_and_empty_sides_lower_quality():
    assert q.quality(80.0, 10.0) == 100.0 - q.PENALTY_WEIGHT * 10.0
    assert q.quality(100.0, 0.0, empty_side=True) == 0.0


@given(
    st.floats(0, 100),
    st.floats(0, 1000),
    st.one_of(st.none(), st.floats(0, 40)),
    st.integers(0, 500),
)
def test_quality_stays_within_0_and_100_and_falls_with_bits(chrf, penalty, bits, tokens):
    value = q.quality(chrf, penalty, bits_given_source=bits, tokens_read=tokens)
    assert 0.0 <= value <= 100.0
    if bits is not None:
        assert q.quality(chrf, penalty, bits_given_source=bits + 1, tokens_read=tokens) <= value
