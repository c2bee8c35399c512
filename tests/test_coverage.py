"""Coverage: the share of each side's text with a counterpart, in the report and the gate."""

from __future__ import annotations

import json

import pytest

from mtcheck.cli import main
from mtcheck.config import Config, read_config
from mtcheck.segment.documents import parallel_document
from mtcheck.errors import InputError
from mtcheck.gate.article import gate_articles
from mtcheck.pipeline import evaluate

CONFIG = Config(models=False, checks=("doubled-words",))
SOURCES = ["The council met on Monday.", "It approved the budget."]
TARGETS = ["The council met on Monday.", "It approved the budget.", "Read more"]


def graded(beads, sources=SOURCES, targets=TARGETS):
    return evaluate(parallel_document("d", sources, targets, beads=beads), CONFIG)


def test_an_inserted_target_segment_lowers_the_targets_coverage_only():
    doc = graded([((0,), (0,)), ((1,), (1,)), ((), (2,))])
    # Non-space characters: 22 + 20 covered, 8 ("Read more") not.
    assert doc.scores.target_coverage == round(42 / 50, 4)
    assert doc.scores.source_coverage == 1.0


def test_a_dropped_source_segment_lowers_the_sources_coverage():
    doc = graded([((0,), (0,)), ((1,), ())], targets=TARGETS[:1])
    assert doc.scores.target_coverage == 1.0
    assert doc.scores.source_coverage == round(22 / 42, 4)  # "It approved the budget." has 20 of 42


def test_the_gate_fails_below_min_coverage_and_names_the_side():
    half = graded([((0,), (0,)), ((1,), (1,)), ((), (2,))])
    gate = gate_articles([half], Config(max_critical=None, min_coverage=0.9))
    assert not gate.passed and gate.reasons == ("16% of the target has no counterpart in the source (fail below 90% covered)",)
    # Above the minimum but below the review band's 85%: routed to an editor, and the gate passes.
    lower = gate_articles([half], Config(max_critical=None, min_coverage=0.8))
    assert lower.passed and lower.verdict.value == "review"


def test_no_coverage_at_all_fails_any_minimum():
    doc = graded([((0, 1), ()), ((), (0, 1, 2))])
    assert (doc.scores.target_coverage, doc.scores.source_coverage) == (0.0, 0.0)
    assert not gate_articles([doc], Config(max_critical=None, min_coverage=0.01)).passed


def test_settings_and_flags(tmp_path, capsys):
    (tmp_path / "mtcheck.toml").write_text("min-coverage = 0.75\n", encoding="utf-8")
    assert read_config([tmp_path / "mtcheck.toml"]).min_coverage == 0.75
    (tmp_path / "mtcheck.toml").write_text("min-coverage = 75\n", encoding="utf-8")
    with pytest.raises(InputError, match="'min-coverage' must be a number from 0 to 1"):
        read_config([tmp_path / "mtcheck.toml"])
    source, target = tmp_path / "s.txt", tmp_path / "t.txt"
    source.write_text("\n\n".join(SOURCES) + "\n", encoding="utf-8")
    target.write_text("\n\n".join(SOURCES) + "\n", encoding="utf-8")
    assert main(["compare", str(source), str(target), "--no-models", "--min-coverage", "2"]) == 2
    assert "expected a share from 0 to 1" in capsys.readouterr().err
    code = main(["compare", str(source), str(target), "--no-models", "--min-coverage", "1", "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    scores = report["documents"][0]["scores"]
    assert code == 0 and (scores["target_coverage"], scores["source_coverage"]) == (1.0, 1.0)
