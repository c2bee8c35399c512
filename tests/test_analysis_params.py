"""Analyses take parameters as checks do: [analyses.NAME], --set NAME.param=VALUE, the signature."""

import json

import pytest

from mtcheck.analyses import ANALYSES, analyse
from mtcheck.analyses.insertions import InsertionAnalysisParams
from mtcheck.analyses.spikes import SpikeAnalysisParams, _spiking_tokens
from mtcheck.checks import all_checks
from mtcheck.cli import main
from mtcheck.config import read_config
from mtcheck.errors import InputError
from mtcheck.metrics import score_pairs
from mtcheck.params import Params, described
from mtcheck.report.build import signature
from mtcheck.types import Document, Pair, Segment, SegmentKind, Text


@pytest.fixture(autouse=True)
def repository_root(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)


def test_analysis_names_are_no_check_names_and_their_parameters_are_documented():
    assert not set(ANALYSES.names()) & all_checks().keys()  # one namespace for --set and the signature
    for name, analysis in ANALYSES.all().items():
        assert issubclass(analysis.Params, Params), name
        for info in described(analysis.Params):
            assert info.meaning and isinstance(info.default, info.kind), (name, info.name)
        assert any(name in check.needs for check in all_checks().values()), name


def test_settings_tables_set_analysis_parameters(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.mtcheck.analyses.spikes]\ngiven-bits = 14\n", encoding="utf-8")
    (tmp_path / "mtcheck.toml").write_text("[analyses.insertions]\nteaser_containment = 0.9\n", encoding="utf-8")
    config = read_config([tmp_path / "pyproject.toml", tmp_path / "mtcheck.toml"])
    assert config.params_of("spikes") == SpikeAnalysisParams(given_bits=14.0)
    assert config.params_of("insertions") == InsertionAnalysisParams(teaser_containment=0.9)
    score_pairs(["a"], ["a"])  # sacrebleu signs only a metric it has computed
    assert signature(config=config).endswith("|params:insertions.teaser_containment=0.9,spikes.given_bits=14.0")


@pytest.mark.parametrize(
    "table, message",
    [
        ("[analyses.nonesuch]\nx = 1\n", "parameters for unknown analysis 'nonesuch' (known: counterparts, insertions, number_mentions, spikes, structure, word_alignments)"),
        ("[checks.spikes]\ngiven_bits = 1\n", "parameters for unknown check 'spikes'"),
        ("[analyses.spelling]\nspike_bits = 1\n", "parameters for unknown analysis 'spelling'"),
        ("[analyses.spikes]\ngiven_bitz = 1\n", "unknown parameter 'given_bitz'"),
        ("analyses = 3\n", "'analyses' must be a table"),
    ],
)
def test_bad_analysis_tables_are_input_errors(tmp_path, table, message):
    (tmp_path / "mtcheck.toml").write_text(table, encoding="utf-8")
    with pytest.raises(InputError) as error:
        read_config([tmp_path / "mtcheck.toml"])
    assert message in str(error.value)


def test_set_flag_reaches_an_analysis(tmp_path, capsys):
    (tmp_path / "s.txt").write_text("The minister met the mayor on Monday.\n", encoding="utf-8")
    code = main(["compare", "s.txt", "s.txt", "--no-models", "--format", "json", "--set", "spikes.spelling_ratio=0.8"])
    assert code == 0
    assert json.loads(capsys.readouterr().out)["signature"].endswith("|params:spikes.spelling_ratio=0.8")


def test_the_spike_floor_is_the_parameter():
    text = "A fancy actuality"
    tokens = [(0, 1, 3.0), (1, 7, 12.5), (7, 17, 15.0)]
    assert [bits for _, _, bits in _spiking_tokens(tokens, text, 12.0)] == [12.5, 15.0]
    assert [bits for _, _, bits in _spiking_tokens(tokens, text, 14.0)] == [15.0]


def _teaser_document():
    source = Text("The strike killed a militia leader in Baghdad on Thursday.\n")
    sentence = "The strike killed a militia leader in Baghdad on Thursday."
    highlight = "Officials said the strike killed a militia leader in Baghdad."
    target = Text(f"{sentence}\n\n{highlight}\n")
    segments = (Segment(0, 0, len(sentence), SegmentKind.SENTENCE, 0),
                Segment(1, len(sentence) + 2, len(sentence) + 2 + len(highlight), SegmentKind.SENTENCE, 1))
    pairs = (Pair(0, (0,), (0,)), Pair(1, (), (1,)))
    return Document("d", source, target, (Segment(0, 0, len(sentence), SegmentKind.SENTENCE, 0),), segments, pairs)


def test_the_teaser_share_is_the_parameter():
    document = _teaser_document()
    labels = lambda params: [i.label.name for i in analyse(document, {"insertions"}, {"insertions": params}).analyses.get("insertions")]
    assert labels(InsertionAnalysisParams()) == ["teaser"]  # 8 of its 10 words stand in the article sentence
    assert labels(InsertionAnalysisParams(teaser_containment=0.85)) == ["content"]


def test_word_alignment_parameters_reach_the_per_pair_alignment():
    from mtcheck.align.word_match import WordMatchParams
    from mtcheck.segment.documents import parallel_document

    doc = parallel_document("d", ["Officials compared the two plans."], ["Officials made a comparison of two plans."])
    strict = WordMatchParams(shared_prefix=7, compound_part=99)
    for params, matched in ((WordMatchParams(), True), (strict, False)):
        view = analyse(doc, {"word_alignments"}, {"word_alignments": params})
        (pair,) = view.aligned
        alignment = view.analyses.get("word_alignments").of(pair)
        assert alignment.params == params
        compared = next(i for i, token in enumerate(alignment.source) if token.word.text == "compared")
        assert alignment.covered[compared] is matched


def test_an_analysis_no_check_asked_for_is_not_computed():
    from mtcheck.segment.documents import parallel_document

    view = analyse(parallel_document("d", ["One."], ["One."]), {"number_mentions"})
    assert view.analyses.get("number_mentions") is not None
    with pytest.raises(LookupError, match="must list it in `needs`"):
        view.analyses.get("word_alignments")
