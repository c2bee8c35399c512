"""What every registered check promises, built-in or plugin: metadata, exact spans, silence on a copy."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtcheck.checks import all_checks
from mtcheck.segment.documents import parallel_document
from mtcheck.types import Severity
from mtcheck.analyses import analysed_view
from span_checks import assert_spans_exact

# docs/report-format.md (Findings).
CATEGORIES = {
    "Accuracy/Addition", "Accuracy/Omission", "Accuracy/Mistranslation", "Accuracy/Untranslated",
    "Fluency/Grammar", "Fluency/Spelling", "Fluency/Punctuation", "Fluency/Inconsistency",
    "Style/Awkward", "Locale convention", "Other",
}  # fmt: skip
CHECKS = sorted(all_checks().items())

WORDS = st.sampled_from(
    ["The", "militias", "are", "backed", "by", "Iran", "U.S.", "said", "not", "12", "Jan.", "Politics", "food",
     "Mohammed", "Qadim", "their", "her", "—", ",", ".", '"', "“", "~", "三聚氰胺", "Regierung", "the", "the"]
)
SENTENCE = st.lists(WORDS, min_size=1, max_size=12).map(lambda words: " ".join(words))


@pytest.mark.parametrize("name, check", CHECKS)
def test_metadata_names_an_mqm_category_a_severity_and_an_example(name, check):
    assert re.fullmatch(r"[a-z]+(?:-[a-z]+)*", name) and check.name == name
    assert check.category in CATEGORIES
    assert isinstance(check.severity, Severity)
    doc = check.__doc__ or ""
    assert doc.splitlines()[0].strip().endswith((".", ":")), name
    assert "Example" in doc, f"{name}: the docstring carries one real example"


@pytest.mark.parametrize("name, check", CHECKS)
@settings(max_examples=60, deadline=None)
@given(pairs=st.lists(st.tuples(SENTENCE, SENTENCE), min_size=1, max_size=3))
def test_spans_slice_the_text_and_a_copy_is_clean(name, check, pairs):
    doc = parallel_document("d", [s for s, _ in pairs], [t for _, t in pairs])
    built = check()
    assert_spans_exact(list(built.run(analysed_view(doc, [built]))), doc)
    copy = parallel_document("d", [t for _, t in pairs], [t for _, t in pairs])
    assert list(built.run(analysed_view(copy, [built]))) == [], name


def test_pair_views_are_made_on_demand_and_match_the_document():
    # The checks' views are made when asked for rather than kept for all
    # pairs; each must show exactly its pair's segments and text.
    from mtcheck.views import DocumentView
    from mtcheck.config import Config
    from mtcheck.segment.documents import parallel_document
    from mtcheck.pipeline import evaluate

    document = evaluate(
        parallel_document("d", ["One.", "Two.", "Three."], ["Eins.", "", "Drei."], beads=[((0,), (0,)), ((1,), ()), ((2,), (1, 2))]),
        Config(models=False),
    )
    views = DocumentView(document).pairs
    assert len(views) == 3 and list(views) == list(views[:]) == [views[i] for i in range(3)]
    for view, pair in zip(views, document.pairs):
        assert view.pair == pair
        assert view.source.segments == tuple(document.source_segments[i] for i in pair.source)
        assert view.target.segments == tuple(document.target_segments[i] for i in pair.target)
    assert views[2].target.text == "\nDrei."
