"""Checks that read model signals, on hand-made signals (no model runs here)."""

from dataclasses import replace

import numpy as np

from mtcheck.checks.meaning import MeaningCheck
from mtcheck.segment.documents import parallel_document
from mtcheck.types import Severity, Signals
from mtcheck.analyses import analysed_view
from mtcheck.score.scoring import score
from span_checks import assert_spans_exact


def word_tokens(text, offset, spikes=None, base=3.0):
    """One token per word at ``base`` bits, with chosen words spiking."""
    spikes = spikes or {}
    tokens, position = [], 0
    for word in text.split(" "):
        start = text.index(word, position)
        position = start + len(word)
        tokens.append((offset + start, offset + position, spikes.get(word.strip(".,"), base)))
    return tuple(tokens)


def document(sources, targets, *, spikes=None, given=None, similarity=0.9, beads=None):
    """Hand-made signals: ``spikes`` for target words read alone, ``given`` after the source (default: the same)."""
    doc = parallel_document("d", sources, targets, beads=beads)
    given = spikes if given is None else given
    source_vectors = np.eye(4, dtype=np.float32)[[0] * len(sources)]
    angle = np.arccos(similarity)
    target_vector = np.array([np.cos(angle), np.sin(angle), 0, 0], dtype=np.float32)
    signals = Signals(
        "lm:test|emb:test",
        tuple(word_tokens(doc.source.text[s.start : s.end], s.start) for s in doc.source_segments),
        tuple(word_tokens(doc.target.text[s.start : s.end], s.start, spikes) for s in doc.target_segments),
        source_vectors,
        np.tile(target_vector, (len(targets), 1)),
        tuple(word_tokens(doc.target.text[s.start : s.end], s.start, given, base=1.0) for s in doc.target_segments),
    )
    return replace(doc, signals=signals)


def run(check, doc):
    doc = score(doc)  # the score stage puts the models' similarity and fluency on the pairs
    findings = list(check.run(analysed_view(doc, [check])))
    assert_spans_exact(findings, doc)
    return findings


SOURCE = "They are deeply woven into Iraqi society, politics and government."
TARGET = "They are deeply connected to Iraqi society, Politics and government intertwined."


def test_no_signals_no_findings():
    doc = parallel_document("d", [SOURCE], [TARGET])
    assert run(MeaningCheck(), doc) == []


def test_low_similarity_of_fluent_english():
    findings = run(MeaningCheck(), document([SOURCE], ["The weather in Paris was mild on Sunday."], similarity=0.2))
    assert len(findings) == 1 and findings[0].severity is Severity.CRITICAL
    assert findings[0].target_span.text.startswith("The weather") and findings[0].source_span.text == SOURCE
    assert run(MeaningCheck(), document([SOURCE], [TARGET], similarity=0.5))[0].severity is Severity.MAJOR


def test_similar_pairs_pass_the_meaning_check():
    assert run(MeaningCheck(), document([SOURCE], [TARGET], similarity=0.85)) == []


def test_meaning_reads_the_scores_the_score_stage_put_on_the_pair():
    # Stages in order: the check reads pair.scores, never the raw model signals.
    from mtcheck.types import Scores

    doc = parallel_document("d", [SOURCE], ["The weather in Paris was mild on Sunday."])
    scored = replace(doc, pairs=tuple(replace(p, scores=Scores(50.0, 20.0, 60.0, similarity=0.2, fluency=0.8))
                                      for p in doc.pairs))
    assert scored.signals is None
    findings = list(MeaningCheck().run(analysed_view(scored, [MeaningCheck()])))
    assert [(f.severity, dict(f.evidence)) for f in findings] == [
        (Severity.CRITICAL, {"similarity": 0.2, "fluency": 0.8})
    ]


def test_the_report_keeps_the_models_signature_not_their_signals():
    from mtcheck.config import Config
    from mtcheck.pipeline import evaluate
    from mtcheck.report.build import build_report

    doc = evaluate(document([SOURCE], [TARGET], similarity=0.85), Config())
    assert doc.signals is not None
    report = build_report([doc], Config())
    assert report.documents[0].signals is None and report.documents[0].models == "lm:test|emb:test"
    assert "|lm:test|emb:test|" in report.signature
