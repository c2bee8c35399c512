"""Model ids: folders, the Hub when it answers, the local Hub cache when it does not.

No test needs the network: the Hub probe is replaced, and a Hub id "in the
cache" is a tiny model laid out the way huggingface_hub stores downloads.
"""

from __future__ import annotations

import pytest
from huggingface_hub import constants

from mtcheck.cli import main
from mtcheck.errors import InputError
from mtcheck.models import hf, signals
from mtcheck.models.embedder import SentenceEmbedder
from mtcheck.models.lm import LanguageModel
from tiny_models import save_tiny_model

TEXT = "The militia said the strike hit the base.\n\nThe government was silent.\n"


@pytest.fixture
def offline(monkeypatch):
    """The Hub does not answer."""
    monkeypatch.setattr(hf, "hub_reachable", lambda: False)


@pytest.fixture
def hub_cache(tmp_path, monkeypatch):
    """An empty local Hub cache, as HF_HUB_CACHE would point to."""
    cache = tmp_path / "hub-cache"
    cache.mkdir()
    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(cache))
    return cache


def cache_tiny_model(cache, repo_id: str) -> None:
    revision = "0" * 40
    entry = cache / ("models--" + repo_id.replace("/", "--"))
    save_tiny_model(entry / "snapshots" / revision)
    (entry / "refs").mkdir()
    (entry / "refs" / "main").write_text(revision)


def test_uncached_id_offline_is_one_line_without_retries(offline, hub_cache, tmp_path, capsys):
    source = tmp_path / "source.txt"
    source.write_text(TEXT)
    assert main(["compare", str(source), str(source), "--lm", "gpt2"]) == 2
    assert capsys.readouterr().err == (
        "mtcheck: error: cannot load language model 'gpt2': "
        "not in the local cache and huggingface.co is unreachable (offline?)\n"
    )


def test_an_unavailable_lm_fails_before_the_embedder_runs(offline, hub_cache, tmp_path, monkeypatch, capsys):
    def embedder_must_not_load(*args, **kwargs):
        raise AssertionError("the embedder ran before the language model was found")

    monkeypatch.setattr(SentenceEmbedder, "load", embedder_must_not_load)
    source = tmp_path / "source.txt"
    source.write_text(TEXT)
    assert main(["compare", str(source), str(source), "--lm", "someone/some-model"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "'someone/some-model': not a local folder, not in the local cache" in err


def test_cached_id_offline_loads_from_the_cache_only(offline, hub_cache):
    cache_tiny_model(hub_cache, "tiny/llama")
    assert hf.model_source("tiny/llama", "language model") == ("tiny/llama", {"local_files_only": True})
    lm = LanguageModel.load("tiny/llama", dtype="float32")
    assert lm.name == "tiny/llama@ctranslate2-float32"
    assert lm.token_surprisals(["The militia said."])[0].tokens


def test_hub_offline_setting_skips_the_probe(hub_cache, monkeypatch):
    def probe():
        raise AssertionError("probed the Hub although HF_HUB_OFFLINE is set")

    monkeypatch.setattr(hf, "hub_reachable", probe)
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", True)
    with pytest.raises(InputError, match="'gpt2': not in the local cache and HF_HUB_OFFLINE is set"):
        hf.model_source("gpt2", "language model")
    cache_tiny_model(hub_cache, "tiny/llama")
    assert hf.model_source("tiny/llama", "language model") == ("tiny/llama", {"local_files_only": True})


def test_reachable_hub_is_used_as_usual(hub_cache, monkeypatch):
    monkeypatch.setattr(hf, "hub_reachable", lambda: True)
    assert hf.model_source("gpt2", "language model") == ("gpt2", {})
    cache_tiny_model(hub_cache, "tiny/llama")
    assert hf.model_source("tiny/llama", "language model") == ("tiny/llama", {})  # may be updated


def test_missing_local_paths_are_one_line_and_never_probe(tmp_path, monkeypatch, capsys):
    def probe():
        raise AssertionError("a path is not a Hub id")

    monkeypatch.setattr(hf, "hub_reachable", probe)
    source = tmp_path / "source.txt"
    source.write_text(TEXT)
    for flag, spec, message in (
        ("--lm", str(tmp_path / "no-model-here"), "no such folder"),
        ("--lm", "./models/lm", "no such folder"),
        ("--embedder", "~/no/such/embedder", "no such folder"),
        ("--lm", str(source), "not a folder"),
    ):
        assert main(["compare", str(source), str(source), flag, spec]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and f"'{spec}': {message}" in err


def test_probe_answers_once_per_process(monkeypatch):
    import huggingface_hub

    calls = []

    class Session:
        def head(self, url, timeout):
            calls.append((url, timeout))
            raise OSError("Name or service not known")

    monkeypatch.setattr(huggingface_hub, "get_session", lambda: Session())
    hf.hub_reachable.cache_clear()
    try:
        assert hf.hub_reachable() is False
        assert hf.hub_reachable() is False
        assert calls == [(constants.ENDPOINT, hf.HUB_PROBE_SECONDS)]
        calls.clear()
        hf.hub_reachable.cache_clear()
        Session.head = lambda self, url, timeout: calls.append(url)  # any answer, even an error status
        assert hf.hub_reachable() is True
    finally:
        hf.hub_reachable.cache_clear()


def test_prepare_checks_only_user_given_models(monkeypatch):
    from mtcheck.config import Config

    seen = []
    monkeypatch.setattr(hf, "model_source", lambda spec, what: seen.append((spec, what)))
    monkeypatch.setattr(signals, "configure_threads", lambda count, runtime: 1)
    signals.prepare(Config().model_engine())
    signals.prepare(Config(lm="org/lm", embedder="org/embedder").model_engine())
    assert seen == [("org/lm", "language model"), ("org/embedder", "sentence embedder")]
