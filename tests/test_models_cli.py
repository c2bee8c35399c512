"""Any model id or path works through the CLI and the config; here, tiny local ones."""

import json

from tiny_models import save_tiny_bert, save_tiny_model

from mtcheck.cli import main

SOURCE_TEXT = "The militia said the strike hit the base.\n\nThe government was silent.\n"
TARGET_TEXT = "The militia said the strike hit the base.\n\nComments\n\nThe government was silent.\n"


def test_lm_and_embedder_from_flags_and_config(tmp_path, capsys, monkeypatch):
    lm = save_tiny_model(tmp_path / "lm")
    embedder = save_tiny_bert(tmp_path / "bert")
    source, target = tmp_path / "source.txt", tmp_path / "target.txt"
    source.write_text(SOURCE_TEXT)
    target.write_text(TARGET_TEXT)

    code = main(["compare", str(source), str(target), "--format", "json", "--lm", lm, "--embedder", embedder,
                 "--dtype", "float32"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0
    assert f"lm:{lm}@ctranslate2-float32+paraphrase-1|emb:{embedder}@ctranslate2-float32" in report["signature"]
    pairs = report["documents"][0]["pairs"]
    aligned = [p for p in pairs if p["kind"] == "1-1"]
    assert aligned and all(p["scores"]["similarity"] is not None and p["scores"]["fluency"] is not None for p in aligned)
    assert [p["scores"]["similarity"] for p in pairs if p["kind"] == "0-1"] == [None]

    monkeypatch.chdir(tmp_path)
    (tmp_path / "mtcheck.toml").write_text(f'lm = "{lm}"\nembedder = "{embedder}"\ndtype = "float32"\n')
    assert main(["compare", str(source), str(target), "--format", "json"]) == 0
    assert f"lm:{lm}@ctranslate2-float32" in json.loads(capsys.readouterr().out)["signature"]


def test_no_models_flag(tmp_path, capsys):
    source = tmp_path / "source.txt"
    source.write_text(SOURCE_TEXT)
    assert main(["compare", str(source), str(source), "--format", "json", "--no-models"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert "|lm:none|emb:none|" in report["signature"]
    assert report["documents"][0]["scores"]["similarity"] is None


def test_unloadable_model_is_exit_2(tmp_path, capsys):
    source = tmp_path / "source.txt"
    source.write_text(SOURCE_TEXT)
    code = main(["compare", str(source), str(source), "--lm", str(tmp_path / "no-model-here")])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err
