"""The judge file: plain data that round-trips, fails clearly, and thresholds that mean what they say."""

import json
import math

import pytest

from mtcheck.config import Config
from mtcheck.errors import InputError
from mtcheck.grade.judge import gate_threshold, judge_model, listing_threshold
from mtcheck.grade.judge.model import CheckRate, Logistic, Platt, Variant, load, parse, sigmoid, to_json


def variant(review=0.2, gate=0.6):
    word = Logistic(("zipf", "link:none"), (0.5, 0.1), (0.2, 0.3), (-1.0, 2.0), -1.5)
    finding = Logistic(("check:numbers",), (0.3,), (0.46,), (0.8,), -0.2)
    return Variant(word, finding, Platt(1.1, 0.1), Platt(0.9, -0.05), {"numbers": CheckRate(40, 0.56)},
                   {"review": review, "gate": gate})


def test_a_judge_file_round_trips_and_its_digest_names_its_bytes():
    text = to_json({"rules": variant()}, {"note": "test"})
    model = parse(text, "test")
    assert to_json(model.variants, {"note": "test"}) == text
    assert model.signature.startswith("judge:test@") and len(model.digest) == 12
    assert parse(text.replace("0.6", "0.7"), "test").digest != model.digest


def test_the_logistic_model_is_the_formula_in_its_docstring():
    v = variant()
    x = {"zipf": 0.25, "link:none": 1.0, "unknown": 5.0}
    by_hand = -1.5 + -1.0 * (0.25 - 0.5) / 0.2 + 2.0 * (1.0 - 0.1) / 0.3
    assert math.isclose(v.word.logit(x), by_hand)
    assert math.isclose(v.word_probability(x), sigmoid(1.1 * by_hand + 0.1))
    assert 0 <= sigmoid(-800) < sigmoid(0) == 0.5 < sigmoid(800) <= 1


@pytest.mark.parametrize("text, reason", [
    ("not json", "Expecting value"),
    ('{"format": "other/1"}', "not a mtcheck.judge/1 file"),
    ('{"format": "mtcheck.judge/1", "variants": {}}', "no 'rules' variant"),
    ('{"format": "mtcheck.judge/1", "variants": {"rules": {"word": {}}}}', "cannot read judge file"),
])
def test_a_bad_judge_file_is_an_input_error_naming_it(text, reason, tmp_path):
    path = tmp_path / "newsroom.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="cannot read judge file .*newsroom.json") as error:
        load(str(path))
    assert reason in str(error.value) or reason == "cannot read judge file"


def test_the_packaged_judge_has_both_variants_and_ordered_operating_points():
    model = load()
    assert set(model.variants) == {"rules", "models"}
    for v in model.variants.values():
        assert 0 < v.operating_points["review"] <= v.operating_points["gate"] < 1
        assert set(v.word.features) >= {"zipf", "link:stands-for", "pair_chrf"}
    assert "contrast" in model.variants["models"].word.features
    assert "contrast" not in model.variants["rules"].word.features


def test_thresholds_follow_the_operating_point_and_min_confidence(tmp_path):
    path = tmp_path / "judge.json"
    path.write_text(to_json({"rules": variant(0.2, 0.6)}, {}), encoding="utf-8")
    config = Config(judge=str(path))
    assert listing_threshold(config, models=False) == 0.2
    assert gate_threshold(config, models=False) == 0.6
    assert listing_threshold(Config(judge=str(path), operating_point="gate"), models=True) == 0.6
    # min-confidence replaces the listing threshold; the gate never counts what is not listed.
    assert listing_threshold(Config(judge=str(path), min_confidence=0.9), models=False) == 0.9
    assert gate_threshold(Config(judge=str(path), min_confidence=0.9), models=False) == 0.9
    assert judge_model(Config(judge="off")) is None
    assert listing_threshold(Config(judge="off"), models=False) == gate_threshold(Config(judge="off"), False) == 0.0


def test_the_settings_check_operating_point_min_confidence_and_judge():
    config = Config().merged({"operating-point": "gate", "min-confidence": 0.5, "judge": "off"}, "t")
    assert (config.operating_point, config.min_confidence, config.judge) == ("gate", 0.5, "off")
    for values, message in (({"operating-point": "strict"}, "review or gate"),
                            ({"min-confidence": 1.5}, "from 0 to 1"), ({"judge": ""}, "packaged, off")):
        with pytest.raises(InputError, match=message):
            Config().merged(values, "t")
    json.dumps(to_json({"rules": variant()}, {}))
