"""The seed pair in corpora/ (shipped with the project): what the demo shows."""

import re
from pathlib import Path

import pytest

from mtcheck.config import Config
from mtcheck.read.text import read_text
from mtcheck.pipeline import compare_texts

SEED = Path(__file__).resolve().parents[1] / "corpora" / "seed"


@pytest.fixture(scope="module")
def seed():
    return compare_texts(read_text(SEED / "source.en.txt"), read_text(SEED / "target.txt"), Config())


def flagged(document, check, phrase, word):
    """Whether ``check`` flags ``word`` inside some occurrence of ``phrase`` in the target."""
    occurrences = [m.start() for m in re.finditer(re.escape(phrase), document.target.text)]
    assert occurrences, phrase
    return any(
        check in (f.check, *f.also) and f.target_span and at <= f.target_span.start < at + len(phrase) and word in f.target_span.text
        for f in document.findings
        for at in occurrences
    )


@pytest.mark.parametrize(
    "check, phrase, word",
    [
        ("noun-capitalisation", "Politics and government intertwined", "Politics"),
        ("glued-link", "Experts fear rapid reading", "reading"),
        ("glued-link", "on the front read", "read"),
        ("punctuation", 'lives." Citizens".', "Citizens"),
        ("noun-capitalisation", 'lives." Citizens".', "Citizens"),
        ("punctuation", 'for the " “direct', '"'),
        ("page-furniture", "Read The Washington Post for free", "Read The Washington Post"),
        ("page-furniture", "My news", "My news"),
        ("page-furniture", "To the authors", "To the authors"),
        ("pronouns", "Her death triggered", "Her"),
        ("fragment", "Just like Mohammed, now 29", "Just like"),
    ],
)
def test_seed_artifacts_are_flagged(seed, check, phrase, word):
    assert flagged(seed, check, phrase, word)


SPIKE_CHECKS = ("surprisal", "spelling", "lexical-substitution", "literal-idiom", "meaning-flip")


def test_spike_findings_clear_their_checks_floor_and_name_their_bits(seed):
    from mtcheck.checks import all_checks

    spikes = [f for f in seed.findings if f.check in SPIKE_CHECKS]
    assert spikes
    for finding in spikes:
        bits = float(re.search(r"([\d.]+) bits of surprisal given the source", finding.message).group(1))
        assert bits >= all_checks()[finding.check].Params().spike_bits
        assert dict(finding.evidence)["bits"] == round(bits, 1)  # the message is written from the evidence
        assert finding.target_span.text not in ("US", "U.S.")  # the source's "U.S." explains "US"


def test_split_sentence_aligns_one_to_two(seed):
    text = seed.target.text
    start = text.index("Just like Mohammed")
    (pair,) = [p for p in seed.pairs if any(seed.target_segments[j].start == start for j in p.target)]
    assert pair.kind == "1-2"


def test_seed_compared_with_itself_is_clean():
    target = read_text(SEED / "target.txt")
    document = compare_texts(target, target, Config())
    assert document.findings == () and document.scores.quality == 100.0
