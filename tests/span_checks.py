"""What check tests share: the span property every check must keep, and how they build their inputs."""

from hypothesis import given, settings
from hypothesis import strategies as st

from mtcheck.segment.documents import parallel_document
from mtcheck.analyses import analysed_view


def assert_spans_exact(findings, document) -> None:
    """``text[start:end] == span.text`` for every span of every finding."""
    for finding in findings:
        assert finding.target_span is not None or finding.source_span is not None
        for span, text in ((finding.target_span, document.target.text), (finding.source_span, document.source.text)):
            if span is not None:
                assert 0 <= span.start <= span.end <= len(text)
                assert text[span.start : span.end] == span.text


def check_pairs(check, sources, targets, **kwargs):
    """``check`` run on a document of parallel segments: (document, findings), spans asserted exact."""
    doc = parallel_document("d", sources, targets, **kwargs)
    found = list(check.run(analysed_view(doc, [check])))
    assert_spans_exact(found, doc)
    return doc, found


def joined(pieces, separators=("", " ", "  "), max_size=12):
    """Text made of ``pieces``, each followed by one of ``separators``: inputs near a check's trigger words."""
    separator = separators if isinstance(separators, st.SearchStrategy) else st.sampled_from(separators)
    return st.lists(st.tuples(pieces, separator), max_size=max_size).map(lambda parts: "".join(p + s for p, s in parts))


def property_tests(findings, segment, *, raw_text=False, copy_examples=200):
    """The two properties each check's test file states over its own vocabulary.

    ``findings(sources, targets)`` runs the check (``check_pairs`` asserts the
    spans); the first test feeds it random parallel segments (mixed with raw
    text where ``raw_text``), the second a document compared with itself,
    which must give no findings. Assign the pair to module-level ``test_``
    names so pytest collects them.
    """
    side = segment | st.text(max_size=40) if raw_text else segment

    @settings(max_examples=200, deadline=None)
    @given(st.lists(st.tuples(side, side), min_size=1, max_size=4))
    def test_spans_always_slice_the_document_text(pairs):
        findings([s for s, _ in pairs], [t for _, t in pairs])

    @settings(max_examples=copy_examples, deadline=None)
    @given(st.lists(segment, min_size=1, max_size=4))
    def test_a_document_compared_with_itself_has_no_findings(segments):
        _, found = findings(segments, segments)
        assert found == []

    return test_spans_always_slice_the_document_text, test_a_document_compared_with_itself_has_no_findings
