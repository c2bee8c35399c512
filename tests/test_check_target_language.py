"""TargetLanguageCheck and the source check, through the pipeline and the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtcheck.cli import main
from mtcheck.config import Config
from mtcheck.read.pairs import PairRecord
from mtcheck.pipeline import compare_records, compare_texts
from mtcheck.types import Severity, Text
from span_checks import assert_spans_exact

FIXTURES = Path(__file__).parent / "fixtures"
LANGUAGE = FIXTURES / "language"
ENGLISH = LANGUAGE / "english.txt"
SEED = Path(__file__).resolve().parents[1] / "corpora" / "seed"
CONFIG = Config(models=False, checks=("target-language",))


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def compare(source: Path, target: Path, config: Config = CONFIG):
    document = compare_texts(Text(read(source), path=str(source)), Text(read(target), path=str(target)), config)
    assert_spans_exact(document.findings, document)
    return document


def verdicts(document):
    return [f for f in document.findings if f.check == "target-language"]


# --- the check --------------------------------------------------------------------


@pytest.mark.parametrize("name, language", [("german", "German"), ("french", "French"), ("chinese", "Chinese"),
                                            ("arabic", "Arabic")])
def test_a_foreign_translation_is_one_critical_finding_over_the_whole_target(name, language):
    document = compare(ENGLISH, LANGUAGE / f"{name}.txt")
    (finding,) = verdicts(document)
    assert finding.severity is Severity.CRITICAL
    assert finding.category == "Accuracy/Untranslated"
    assert finding.pair is None and finding.source_span is None
    assert finding.target_span.text == document.target.text.strip()
    assert finding.message == f"the translation is in {language}, not English (100% of its text)"


def test_german_paragraphs_in_an_english_translation_are_critical_and_located():
    document = compare(ENGLISH, LANGUAGE / "english_with_german.txt")
    (finding,) = verdicts(document)
    paragraphs = document.target.text.split("\n\n")
    assert finding.severity is Severity.CRITICAL
    assert finding.target_span.text == paragraphs[2]  # the first German passage
    assert finding.message == (
        "39% of the translation is in German, not English, in 2 passages (line 5, line 9); the first is marked"
    )


def test_the_finding_carries_the_language_and_its_share():
    (whole,) = verdicts(compare(ENGLISH, LANGUAGE / "german.txt"))
    assert dict(whole.evidence) == {
        "language": "German", "language_code": "de", "foreign_share": 1.0, "source_foreign_share": 0.0,
        "passages": 1, "sampled": False,
    }
    (part,) = verdicts(compare(ENGLISH, LANGUAGE / "english_with_german.txt"))
    # The two German paragraphs' 212 + 246 letters of the 1172 judged (the message's "39%").
    assert dict(part.evidence) == {
        "language": "German", "language_code": "de", "foreign_share": round(458 / 1172, 4),
        "source_foreign_share": 0.0, "passages": 2, "sampled": False,
    }


@pytest.mark.parametrize(
    "source, target",
    [
        (ENGLISH, LANGUAGE / "english_naming_german.txt"),
        (FIXTURES / "article.source.txt", FIXTURES / "article.target.txt"),
        (SEED / "source.en.txt", SEED / "target.txt"),
    ],
    ids=["german-names-and-quotes", "article", "seed"],
)
def test_english_translations_pass(source, target):
    assert verdicts(compare(source, target)) == []


def test_foreign_text_the_source_has_too_does_not_count():
    german = read(LANGUAGE / "german.txt").split("\n\n")
    quoted = read(ENGLISH) + "\n" + german[2] + "\n\n" + german[4]  # an article quoting a German text
    document = compare_texts(Text(quoted), Text(quoted), CONFIG)
    assert verdicts(document) == []
    # The same target against the plain English source is flagged.
    assert len(verdicts(compare_texts(Text(read(ENGLISH)), Text(quoted), CONFIG))) == 1


def test_a_foreign_source_explains_no_foreign_target():
    text = read(LANGUAGE / "german.txt")
    config = Config(models=False, checks=("target-language",), allow_non_english_source=True)
    # A German "translation" of a German source is no English translation...
    document = compare_texts(Text(text), Text(text.split("\n\n", 1)[1]), config)
    assert document.source.lang == "de"
    assert [f.severity for f in verdicts(document)] == [Severity.CRITICAL]
    # ...but a copy explains itself: an article compared with itself has no findings.
    assert verdicts(compare_texts(Text(text), Text(text), config)) == []


def test_pairs_are_judged_per_document():
    german = ["Die Lage ist weiterhin sehr ernst.", "Das sagte der Minister am Sonntag.", "Die Pegel steigen über Nacht.",
              "Die Bundeswehr hilft beim Füllen der Sandsäcke.", "Ein Feuerwehrmann wird vermisst."]
    english = ["The situation is still very serious.", "The minister said so on Sunday.",
               "Water levels are rising overnight.", "The army is helping to fill sandbags.", "A firefighter is missing."]
    records = [PairRecord(f"en{i}", e, e, "english-doc") for i, e in enumerate(english)]
    records += [PairRecord(f"de{i}", e, g, "german-doc") for i, (e, g) in enumerate(zip(english, german))]
    documents = compare_records(records, CONFIG, default_id="pairs")
    assert [(d.id, [f.severity for f in verdicts(d)]) for d in documents] == [
        ("english-doc", []),
        ("german-doc", [Severity.CRITICAL]),
    ]


# --- the command line -------------------------------------------------------------


def run(capsys, *args):
    code = main(["compare", *map(str, args), "--format", "json"])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out else None), err


def test_cli_a_chinese_target_fails_the_gate_with_a_critical_finding(capsys):
    code, report, _ = run(capsys, ENGLISH, LANGUAGE / "chinese.txt", "--no-models")
    assert code == 1
    findings = report["documents"][0]["findings"]
    assert [f["severity"] for f in findings if f["check"] == "target-language"] == ["critical"]


def test_cli_a_short_chinese_target_fails_the_gate(capsys, tmp_path):
    # Four lines, 81 Han characters: fewer letters than the minimum a Latin text needs.
    target = tmp_path / "target.txt"
    target.write_text("部长周一表示谈判将继续进行\n政府本周宣布了新的抗通胀措施主要是为了减轻家庭负担\n"
                      "批评者认为这些计划是不够的并呼吁全面改革税收制度\n据联邦统计局称十月份物价上涨了百分之四\n",
                      encoding="utf-8")
    code, report, _ = run(capsys, ENGLISH, target, "--no-models")
    assert code == 1 and report["gate"]["verdict"] == "fail"
    (message,) = [f["message"] for f in report["documents"][0]["findings"] if f["check"] == "target-language"]
    assert report["gate"]["reasons"][0] == f"1 critical finding: {message}"


def test_cli_a_german_target_fails_the_gate_without_models(capsys):
    code, report, _ = run(capsys, ENGLISH, LANGUAGE / "german.txt", "--no-models")
    assert code == 1 and report["gate"]["verdict"] == "fail"
    (message,) = [f["message"] for f in report["documents"][0]["findings"] if f["check"] == "target-language"]
    assert report["gate"]["reasons"][0] == f"1 critical finding: {message}"


def test_cli_a_german_source_is_an_input_error(capsys):
    source = LANGUAGE / "german.txt"
    code, report, err = run(capsys, source, ENGLISH, "--no-models")
    assert code == 2 and report is None
    assert err.count("\n") == 1
    assert err.startswith(f"mtcheck: error: {source} looks German, not English (100% of its text); ")
    assert "--allow-non-english-source" in err


def test_cli_a_german_source_runs_when_intended(capsys):
    code, report, err = run(capsys, LANGUAGE / "german.txt", ENGLISH, "--no-models", "--allow-non-english-source")
    assert code in (0, 1) and err == ""
    document = report["documents"][0]
    assert document["source"]["lang"] == "de" and document["target"]["lang"] == "en"
    assert [f for f in document["findings"] if f["check"] == "target-language"] == []


def test_cli_the_config_file_can_say_a_foreign_source_is_intended(capsys, tmp_path):
    config = tmp_path / "mtcheck.toml"
    config.write_text("allow-non-english-source = true\n", encoding="utf-8")
    code, report, _ = run(capsys, LANGUAGE / "german.txt", ENGLISH, "--no-models", "--config", config)
    assert code in (0, 1) and report["documents"][0]["source"]["lang"] == "de"


def test_cli_a_german_pairs_source_names_its_document(capsys, tmp_path):
    german = read(LANGUAGE / "german.txt").split("\n\n")
    english = read(ENGLISH).split("\n\n")
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text(
        "".join(json.dumps({"doc": "floods", "source": g, "target": e}) + "\n" for g, e in zip(german, english)),
        encoding="utf-8",
    )
    code, _, err = run(capsys, "--pairs", pairs, "--no-models")
    assert code == 2 and err.count("\n") == 1
    assert err.startswith("mtcheck: error: the source of document 'floods' looks German, not English")


def test_cli_the_judgements_thresholds_are_the_check_parameters_and_signed(capsys, tmp_path):
    # The short Chinese target above: with a higher minimum it is too little text for a verdict.
    target = tmp_path / "target.txt"
    target.write_text("部长周一表示谈判将继续进行\n政府本周宣布了新的抗通胀措施主要是为了减轻家庭负担\n"
                      "批评者认为这些计划是不够的并呼吁全面改革税收制度\n据联邦统计局称十月份物价上涨了百分之四\n",
                      encoding="utf-8")
    code, report, _ = run(capsys, ENGLISH, target, "--no-models", "--set", "target-language.min_letters=400")
    assert [f for f in report["documents"][0]["findings"] if f["check"] == "target-language"] == []
    assert "target-language.min_letters=400" in report["signature"]


def test_cli_the_source_check_reads_the_same_thresholds(capsys):
    code, report, err = run(capsys, LANGUAGE / "german.txt", ENGLISH, "--no-models",
                            "--set", "target-language.source_foreign_share=1.0")
    assert code in (0, 1) and err == "" and report is not None
