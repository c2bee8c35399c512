"""Properties of the whole pipeline on arbitrary text."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mtcheck.config import Config
from mtcheck.pipeline import compare_records, compare_texts
from mtcheck.read.pairs import PairRecord
from mtcheck.types import Text
from span_checks import assert_spans_exact

TOKENS = (
    'the of Iraq Politics society said U.S. 17 2020 Jan. 28 " “ ” . . , ; : ( ) - – • '
    "Comments read reading militia the the Citizens\". lives.\" \n \n\n"
).split(" ")
token_text = st.lists(st.sampled_from(TOKENS), min_size=1, max_size=60).map(" ".join)
any_text = st.one_of(token_text, st.text(min_size=1, max_size=200))


# Arbitrary text is not always English: a source judged foreign would be refused.
RULES = Config(models=False, allow_non_english_source=True)


def check_document(source, target, config):
    document = compare_texts(Text(source), Text(target), config)
    assert_spans_exact(document.findings, document)
    assert [i for p in document.pairs for i in p.source] == list(range(len(document.source_segments)))
    assert [j for p in document.pairs for j in p.target] == list(range(len(document.target_segments)))
    assert all(0 <= p.scores.quality <= 100 for p in document.pairs)
    assert 0 <= document.scores.quality <= 100


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_text, any_text)
def test_every_finding_span_indexes_its_text(source, target):
    check_document(source, target, RULES)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_text, any_text)
def test_every_finding_span_indexes_its_text_with_models(source, target):
    check_document(source, target, Config(allow_non_english_source=True))


@settings(max_examples=40, deadline=None)
@given(any_text)
def test_identical_text_is_clean(text):
    document = compare_texts(Text(text), Text(text), RULES)
    assert document.findings == ()
    assert document.scores.quality == 100.0


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.text(max_size=80), st.text(max_size=80)), min_size=1, max_size=8))
def test_pre_aligned_pairs(pairs):
    records = [PairRecord(str(i), s.replace("\n", " "), t.replace("\n", " "), None) for i, (s, t) in enumerate(pairs)]
    (document,) = compare_records(records, RULES, default_id="pairs")
    assert_spans_exact(document.findings, document)
    assert [p.id for p in document.pairs] == [str(i) for i in range(len(pairs))]
    assert all(0 <= p.scores.quality <= 100 for p in document.pairs)
