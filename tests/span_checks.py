"""The span property every check must keep: ``text[start:end] == span.text``."""


def assert_spans_exact(findings, document) -> None:
    for finding in findings:
        assert finding.target_span is not None or finding.source_span is not None
        for span, text in ((finding.target_span, document.target.text), (finding.source_span, document.source.text)):
            if span is not None:
                assert 0 <= span.start <= span.end <= len(text)
                assert text[span.start : span.end] == span.text
