"""Quality v3: a pair's from its predicted MQM score, an article's scaled by its coverage."""

import math

from mtcheck.config import Config
from mtcheck.grade.quality_v3 import (SCALE, PairWordStats, WordStats, document_quality, findings_weight,
                                      pair_features, pair_findings_weights, pair_quality)
from mtcheck.pipeline import compare_texts
from mtcheck.types import Finding, Scores, Severity, Text

ARTICLE = ("The Pentagon said on Monday that the strike killed a militia leader in Baghdad.\n\n"
           "Officials in Washington declined to comment on the report by Lt. Gen. Ryder.")


def test_a_pair_scores_from_its_predicted_mqm_and_a_copy_scores_100():
    assert pair_quality(0.0) == 100.0 and pair_quality(3.0) == 100.0
    assert pair_quality(-5.0) == round(100 * math.exp(-5 / SCALE), 2) == 60.65
    assert pair_quality(-1.0) > pair_quality(-5.0) > pair_quality(-25.0) > 0
    assert pair_quality(-9.0, exact_copy=True) == 100.0 and pair_quality(0.0, empty_side=True) == 0.0


def test_an_article_is_its_pairs_weighted_by_length_times_both_coverages():
    assert document_quality([100.0, 50.0], [30, 10], 1.0, 1.0) == 87.5
    assert document_quality([100.0, 50.0], [30, 10], 0.5, 0.8) == 35.0
    assert document_quality([], [], None, None) == 100.0  # no text on either side: nothing to fault
    assert document_quality([], [], 0.0, None) == 0.0  # all of the target inserted


def test_features_weigh_findings_by_their_confidence():
    scores = Scores(60.0, 30.0, 40.0)
    finding = Finding("numbers", "Accuracy/Mistranslation", Severity.MAJOR, 0, None, None, "m", confidence=0.4)
    features = pair_features(scores, WordStats.of([0.1, 0.3]), findings_weight([finding]), models=False)
    assert features["findings_weight"] == 2.0 and features["findings_per_word"] == 1.0
    assert math.isclose(features["word_mean"], 0.2) and features["word_top"] == 0.3
    assert "similarity" not in features
    assert "similarity" in pair_features(scores, None, 0.0, models=True)


def test_an_article_compared_with_itself_has_no_findings_and_quality_100():
    document = compare_texts(Text(ARTICLE), Text(ARTICLE), Config(models=False, min_confidence=0.0))
    assert document.findings == () and document.scores.quality == 100.0
    assert all(pair.scores.quality == 100.0 for pair in document.pairs)


def test_inserted_text_caps_an_articles_quality_in_either_mode():
    padded = ARTICLE + "\n\nComments\n\nShare this article\n\nRead more: the best deals of the week."
    for models in (False,):
        document = compare_texts(Text(ARTICLE), Text(padded), Config(models=models))
        assert document.scores.target_coverage < 0.8
        assert document.scores.quality <= 100 * document.scores.target_coverage



def _weighing(pair, confidence, severity=Severity.MAJOR):
    return Finding("numbers", "Accuracy/Mistranslation", severity, pair, None, None, "m", confidence=confidence)


def test_each_pairs_findings_weigh_what_its_findings_do_together():
    findings = [_weighing(0, 0.5), _weighing(2, 0.25, Severity.MINOR), _weighing(0, 1.0), _weighing(None, 1.0),
                _weighing(7, 1.0)]  # document-wide, and a pair the document does not have: neither counts
    weights = pair_findings_weights(findings, 3)
    assert list(weights) == [findings_weight([findings[0], findings[2]]), 0.0, findings_weight([findings[1]])]
    assert weights[0] == 7.5 and weights[2] == 0.25


def test_pair_word_stats_give_back_what_was_kept_and_none_for_pairs_never_read():
    stats = PairWordStats(3)
    stats[1] = WordStats.of([0.1, 0.7, 0.4])
    assert stats.get(1) == WordStats.of([0.1, 0.7, 0.4])
    assert stats.get(0) is None and stats.get(2) is None and stats.get(3) is None and stats.get(-1) is None
    stats[2] = WordStats.of([])
    assert stats.get(2) == WordStats(0, 0.0, 0.0)
