"""A target that copies its source is read once: the second reading is skipped, and what it would say is derived."""

from __future__ import annotations

import pytest
from tiny_models import CORPUS, save_tiny_bert, save_tiny_model

from mtcheck.config import Config
from mtcheck.segment.documents import parallel_document
from mtcheck.models import given_source, signals
from mtcheck.models.signals import read_signals, pair_fluency_and_contrast, pair_given_source


@pytest.fixture(scope="module")
def config(tmp_path_factory) -> Config:
    folder = tmp_path_factory.mktemp("copies")
    return Config(lm=save_tiny_model(folder / "lm"), embedder=save_tiny_bert(folder / "bert"), dtype="float32")


def test_a_copy_gets_no_second_reading_and_reads_as_fully_explained(config, monkeypatch):
    read = []
    real = given_source.score_given_source

    def recording(lm, pairs, **options):
        read.extend(pairs)
        return real(lm, pairs, **options)

    monkeypatch.setattr(given_source, "score_given_source", recording)
    sources = [CORPUS[0], CORPUS[1], CORPUS[2] + " " + CORPUS[3]]
    targets = [CORPUS[0], CORPUS[2], CORPUS[2] + " " + CORPUS[3]]
    document = parallel_document("d", sources, targets)
    (result,) = read_signals([document], config.model_engine())

    assert read == [(CORPUS[1], CORPUS[2])]  # only the pair that is not a copy
    for pair in (document.pairs[0], document.pairs[2]):
        (j,) = pair.target
        alone, given = result.target_surprisals[j], result.target_given_source[j]
        assert alone and [(a, b) for a, b, _ in given] == [(a, b) for a, b, _ in alone]
        assert all(bits == 0.0 for *_, bits in given)
        # The source is the same text: it reads as the target read alone, in the source's own offsets.
        (i,) = pair.source
        shift = document.source_segments[i].start - document.target_segments[j].start
        assert result.source_surprisals[i] == tuple((a + shift, b + shift, bits) for a, b, bits in alone)
        assert pair_fluency_and_contrast(result, pair)[1] == 0.0
        assert pair_given_source(result, pair) == (0.0, len(alone))
    (j,) = document.pairs[1].target
    assert any(bits > 0 for *_, bits in result.target_given_source[j])


def test_the_derived_reading_of_a_copy_spans_its_text_like_a_real_one(config):
    document = parallel_document("d", [CORPUS[0]], [CORPUS[0]])
    (result,) = read_signals([document], config.model_engine())
    text = document.target.text
    segment = document.target_segments[0]
    assert "".join(text[a:b] for a, b, _ in result.target_given_source[0]).strip() == text[segment.start:segment.end]
    assert signals.mean_bits(result.target_given_source) == 0.0
