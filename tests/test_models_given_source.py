"""Reading a translation after its source: offsets, windows, prompts, and the packaged model."""

from __future__ import annotations

import math

import pytest

from mtcheck.models.given_source import CHATML_PROMPT, PLAIN_PROMPT, prompt_for, score_given_source
from mtcheck.models.lm import LanguageModel
from mtcheck.models.signals import _Side
from tiny_models import CORPUS, LONG_TEXT, save_tiny_model


@pytest.fixture(scope="module")
def tiny_folder(tmp_path_factory) -> str:
    return save_tiny_model(tmp_path_factory.mktemp("tiny-reader"))


@pytest.fixture(scope="module")
def tiny(tiny_folder) -> LanguageModel:
    return LanguageModel.load(tiny_folder, dtype="float32")  # the default engine, CTranslate2


def test_both_sides_are_scored_with_offsets_into_their_own_text(tiny):
    pairs = [(CORPUS[0], CORPUS[1]), (CORPUS[2], CORPUS[2])]
    for (source, target), scores in zip(pairs, score_given_source(tiny, pairs)):
        # The tiny tokenizer has no ChatML markers: plain prompt, source first,
        # so byte-level tokens tile both texts exactly.
        assert "".join(source[a:b] for a, b, _ in scores.source.tokens) == source
        assert "".join(target[a:b] for a, b, _ in scores.target.tokens) == target
        assert all(math.isfinite(bits) and bits >= 0 for *_, bits in scores.source.tokens + scores.target.tokens)


def test_target_bits_are_the_models_own_next_token_probabilities(tiny, tiny_folder):
    """The default engine's bits against transformers' own logits for the same reading, computed here."""
    import torch

    source, target = CORPUS[3], CORPUS[4]
    (scores,) = score_given_source(tiny, [(source, target)])
    head, tail = (e.ids for e in tiny.tokenizer.encode([source + PLAIN_PROMPT[1], target]))
    ids = torch.tensor([[tiny.start_id, *head, *tail]])
    model = LanguageModel.load(tiny_folder, dtype="float32", runtime="torch").scorer.model
    with torch.inference_mode():
        logits = model(input_ids=ids).logits[0].float()
    nats = torch.logsumexp(logits[:-1], -1) - logits[:-1].gather(1, ids[0, 1:, None])[:, 0]
    expected = (nats / math.log(2)).tolist()[-len(tail):]
    assert [bits for *_, bits in scores.target.tokens] == pytest.approx(expected, abs=1e-3)


def test_the_source_changes_what_the_target_costs(tiny):
    same, other = score_given_source(tiny, [(CORPUS[0], CORPUS[4]), (CORPUS[1], CORPUS[4])])
    assert [t[:2] for t in same.target.tokens] == [t[:2] for t in other.target.tokens]
    assert [t[2] for t in same.target.tokens] != pytest.approx([t[2] for t in other.target.tokens])


def test_blank_sides_give_empty_scores_in_place(tiny):
    scores = score_given_source(tiny, [("", CORPUS[0]), (CORPUS[0], "  "), (CORPUS[1], CORPUS[2])])
    assert scores[0].target.tokens == () and scores[1].source.tokens == ()
    assert scores[2].target.tokens
    assert score_given_source(tiny, []) == []


def test_a_long_reading_is_windowed_not_cut(tiny):
    (scores,) = score_given_source(tiny, [(LONG_TEXT, LONG_TEXT)], max_tokens=64)
    assert "".join(LONG_TEXT[a:b] for a, b, _ in scores.target.tokens) == LONG_TEXT
    assert "".join(LONG_TEXT[a:b] for a, b, _ in scores.source.tokens) == LONG_TEXT


class _Vocabulary:
    def __init__(self, *tokens):
        self.tokens = tokens

    @property
    def vocabulary(self):
        return {token: i for i, token in enumerate(self.tokens)}


def test_chatml_models_get_the_paraphrase_request():
    assert prompt_for(_Vocabulary("a", "<|im_start|>", "<|im_end|>")) == CHATML_PROMPT
    assert prompt_for(_Vocabulary("a", "<|im_start|>")) == PLAIN_PROMPT


def test_joined_side_tokens_go_back_to_their_segments():
    # Two target segments at document offsets 100 and 140, read as "Ab cd. Ef."
    side = _Side((3, 4), ("Ab cd.", "Ef."), {3: 100, 4: 140})
    tokens = ((0, 2, 1.0), (2, 5, 2.0), (5, 6, 3.0), (6, 9, 4.0), (9, 10, 5.0))
    into = [()] * 5
    side.distribute(tokens, into)
    # " Ef" carries the joining space: it belongs to the segment it ends in.
    assert into[3] == ((100, 102, 1.0), (102, 105, 2.0), (105, 106, 3.0))
    assert into[4] == ((140, 142, 4.0), (142, 143, 5.0))


# --- the packaged model -----------------------------------------------------------

SOURCE = ("Many of the country's mainly Shiite militias are backed by Iran but are also deeply woven"
          " into Iraqi society, politics and government.")
TARGET = ("Many of the country's mainly Shiite militias are backed by rival Iran, but are also deeply"
          " connected to Iraqi society, Politics and government intertwined.")


def _bits(text, scores, word):
    return next(bits for a, b, bits in scores.tokens if text[a:b].strip() == word)


def test_packaged_model_reads_seed_artifacts_as_unexplained(smollm2):
    unrelated = "The weather in Paris was mild on Sunday, and the markets were calm."
    garbled, clean, elsewhere = score_given_source(smollm2, [(SOURCE, TARGET), (SOURCE, SOURCE), (unrelated, SOURCE)])
    assert _bits(TARGET, garbled.target, "Politics") > 12 > 4 > _bits(SOURCE, clean.target, "politics")
    assert _bits(TARGET, garbled.target, "intertwined") > 12
    # A faithful copy is cheap; the same sentence after an unrelated source is not.
    mean = lambda scores: sum(b for *_, b in scores.tokens) / len(scores.tokens)  # noqa: E731
    assert mean(clean.target) < 1.5 and mean(elsewhere.target) > mean(clean.target) + 2
    assert "".join(SOURCE[a:b] for a, b, _ in clean.source.tokens).strip() == SOURCE
