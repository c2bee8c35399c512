"""Check parameters: declared with meanings, filled from the settings files and --set, recorded in the signature."""

import json
import math
from dataclasses import dataclass

import pytest

from mtcheck.analyses import ANALYSES
from mtcheck.checks import all_checks
from mtcheck.checks.meaning import MeaningParams
from mtcheck.checks.spelling import SpellingParams
from mtcheck.cli import main
from mtcheck.cli.checks import parameter_lines
from mtcheck.config import Config, read_config
from mtcheck.errors import InputError
from mtcheck.params import Params, build_params, changed, described, param, parse_assignment
from mtcheck.pipeline import built_checks, compare_texts
from mtcheck.report.build import signature
from mtcheck.types import Text


@pytest.fixture(autouse=True)
def repository_root(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()  # the settings search stops here
    monkeypatch.chdir(tmp_path)


def test_every_parameter_of_every_check_is_typed_documented_and_valid_by_default():
    for name, check in all_checks().items():
        assert issubclass(check.Params, Params), name
        for info in described(check.Params):
            assert info.kind in (bool, int, float, str), (name, info.name)
            assert info.kind is bool or (isinstance(info.default, info.kind) and not isinstance(info.default, bool))
            assert info.meaning and "\n" not in info.meaning, (name, info.name)
            assert info.name == info.name.lower(), (name, info.name)
        check()  # builds with its defaults


def test_mtcheck_toml_tables_set_parameters_and_pyproject_merges_key_by_key(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        "[tool.mtcheck.checks.spelling]\nspike-bits = 14\nmajor_bits = 25\n", encoding="utf-8"
    )
    (tmp_path / "mtcheck.toml").write_text("[checks.spelling]\nspike_bits = 13.5\n", encoding="utf-8")
    config = read_config([tmp_path / "pyproject.toml", tmp_path / "mtcheck.toml"])
    assert config.params_of("spelling") == SpellingParams(spike_bits=13.5, major_bits=25.0)
    assert config.params_of("meaning") is None
    assert config.checks is None  # a [checks] table is parameters, not a selection


def test_a_checks_table_may_also_select(tmp_path):
    (tmp_path / "mtcheck.toml").write_text(
        '[checks]\nselect = ["meaning"]\n[checks.meaning]\nfluent = 0.7\n', encoding="utf-8"
    )
    config = read_config([tmp_path / "mtcheck.toml"])
    assert config.checks == ("meaning",)
    assert config.params_of("meaning") == MeaningParams(fluent=0.7)


@pytest.mark.parametrize(
    "table, message",
    [
        ("[checks.nonesuch]\nx = 1\n", "parameters for unknown check 'nonesuch'"),
        ("[checks.spelling]\nspike_bitz = 1\n", "unknown parameter 'spike_bitz' (parameters: spike_bits, major_bits)"),
        ('[checks.spelling]\nspike_bits = "high"\n', "'spike_bits' must be a number"),
        ("[checks.spelling]\nspike_bits = nan\n", "'spike_bits' must be a number"),
        ("[checks.spelling]\nspike_bits = true\n", "'spike_bits' must be a number"),
        ("[checks]\nspelling = 3\n", "the parameters of 'spelling' must be a table"),
    ],
)
def test_bad_parameters_are_input_errors_naming_the_file(tmp_path, table, message):
    (tmp_path / "mtcheck.toml").write_text(table, encoding="utf-8")
    with pytest.raises(InputError, match="mtcheck.toml") as error:
        read_config([tmp_path / "mtcheck.toml"])
    assert message in str(error.value)


def test_build_params_coerces_and_keeps_the_types():
    @dataclass(frozen=True)
    class Sample(Params):
        ratio: float = param(0.5, "a share")
        words: int = param(3, "a count")
        strict: bool = param(False, "a switch")
        mode: str = param("a", "a name")

    built = build_params(Sample(), {"ratio": 1, "words": 4, "strict": True, "mode": "b"}, "test")
    assert built == Sample(1.0, 4, True, "b") and isinstance(built.ratio, float)
    assert changed(built) == {"ratio": 1.0, "words": 4, "strict": True, "mode": "b"}
    assert changed(Sample()) == {}
    for bad in ({"words": 1.5}, {"words": True}, {"strict": 1}, {"mode": 2}, {"ratio": math.inf}):
        with pytest.raises(InputError):
            build_params(Sample(), bad, "test")


def test_parse_assignment_reads_toml_values():
    assert parse_assignment("spelling.spike_bits=14") == ("spelling", "spike_bits", 14)
    assert parse_assignment("meaning.fluent = 0.25") == ("meaning", "fluent", 0.25)
    assert parse_assignment("x.flag=true") == ("x", "flag", True)
    assert parse_assignment("x.mode=plain words") == ("x", "mode", "plain words")
    for bad in ("spelling", "spelling=1", ".x=1", "spelling.=1"):
        with pytest.raises(InputError, match="NAME.param=VALUE"):
            parse_assignment(bad)


def test_checks_are_built_with_their_parameters():
    config = Config().with_check_params({"spelling": {"spike_bits": 14}}, "test")
    first = built_checks(config)
    again = built_checks(Config().with_check_params({"spelling": {"spike_bits": 14}}, "test"))
    assert [(c.name, c.params) for c in first] == [(c.name, c.params) for c in again]
    spelling = next(check for check in first if check.name == "spelling")
    assert spelling.params.spike_bits == 14.0
    meaning = next(check for check in first if check.name == "meaning")
    assert meaning.params == MeaningParams()


def test_a_check_refuses_another_checks_parameters():
    with pytest.raises(TypeError):
        all_checks()["spelling"](MeaningParams())


def _compare(config):
    source = Text("The minister met the mayor on Monday. They spoke for an hour.\n")
    target = Text("The minister met the mayor on Monday. They spoke for one hour.\n")
    return compare_texts(source, target, config, doc_id="doc")


def test_changed_parameters_and_only_those_enter_the_signature():
    plain = Config(models=False)
    assert "params" not in signature(config=_with_sacrebleu_signature(plain))
    same = plain.with_check_params({"spelling": {"spike_bits": 12.0}}, "test")
    assert "params" not in signature(config=same)
    moved = plain.with_check_params({"spelling": {"spike_bits": 14}, "meaning": {"fluent": 0.7}}, "test")
    assert signature(config=moved).endswith("|params:meaning.fluent=0.7,spelling.spike_bits=14.0")


def _with_sacrebleu_signature(config):
    _compare(config)  # sacrebleu only signs a metric it has computed
    return config


def test_set_flag_reaches_the_report_signature(tmp_path, capsys):
    (tmp_path / "s.txt").write_text("The minister met the mayor on Monday.\n", encoding="utf-8")
    (tmp_path / "t.txt").write_text("The minister met the mayor on Monday.\n", encoding="utf-8")
    code = main(["compare", "s.txt", "t.txt", "--no-models", "--format", "json",
                 "--set", "meaning.fluent=0.75", "--set", "spelling.spike_bits=15"])
    assert code == 0
    report = json.loads(capsys.readouterr().out)
    assert report["signature"].endswith("|params:meaning.fluent=0.75,spelling.spike_bits=15.0")


def test_set_flag_errors_are_exit_2(tmp_path, capsys):
    (tmp_path / "s.txt").write_text("The minister met the mayor.\n", encoding="utf-8")
    assert main(["compare", "s.txt", "s.txt", "--no-models", "--set", "spelling.nope=1"]) == 2
    assert "--set: spelling: unknown parameter 'nope'" in capsys.readouterr().err
    assert main(["compare", "s.txt", "s.txt", "--no-models", "--set", "spelling"]) == 2


def test_checks_verbose_lists_every_parameter_one_per_line(capsys):
    assert main(["checks", "-v"]) == 0
    out = capsys.readouterr().out
    expected = [line for line in parameter_lines(all_checks().values()) if " = " in line]
    for line in expected:
        assert line in out.splitlines()
    assert "spelling.spike_bits = 12.0  bits of surprisal given the source at which a misspelling is reported" in out
    assert "meaning.low_similarity = 0.6  sentence-embedding cosine under which a fluent pair likely changed meaning" in out
    count = sum(len(described(check.Params)) for check in all_checks().values())
    count += sum(len(described(analysis.Params)) for analysis in ANALYSES.all().values())
    assert len(expected) == count
    assert sum(1 for line in out.splitlines() if " = " in line) == count
