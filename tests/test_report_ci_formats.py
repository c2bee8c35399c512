"""The CI formats: GitHub workflow commands and the Markdown summary, exactly; --format/--output pairing."""

import pytest

from mtcheck.report.emit import report_targets
from mtcheck.errors import InputError
from mtcheck.report.github import render_github
from mtcheck.report.locations import LineIndex
from mtcheck.report.markdown import render_markdown
from mtcheck.types import Document, Finding, Gate, Report, Scores, Segment, Severity, Span, Text

SOURCE = "The mayor said 17 people died.\n\nThe council met on Monday.\n"
TARGET = "The mayor said 71 people died.\n\nThe council, met on Monday.\n"


def report(*, source_path="src/a.en.txt", target_path="out/a.txt", passed=False, verdict=None,
           gate: Gate | None = None) -> Report:
    number = Finding("numbers", "Accuracy/Mistranslation", Severity.MAJOR, 0, Span(15, 17, "71"), Span(15, 17, "17"),
                     "number '17' became '71'", confidence=0.91, id="F0000000001")
    comma = Finding("punctuation", "Fluency/Punctuation", Severity.MINOR, 1, Span(43, 44, ","), None,
                    "comma before the verb", confidence=0.3, id="F0000000002", also=("stray-symbol",), verdict=verdict)
    dropped = Finding("clause-omission", "Accuracy/Omission", Severity.MINOR, 1, None, Span(32, 43, "The council"),
                      "source words '|<b>x</b>' have no counterpart", confidence=0.5, id="F0000000003")
    segments = (Segment(0, 0, 30), Segment(1, 32, 58))
    scores = Scores(chrf=81.5, bleu=60.1, ter=20.0, quality=72.25, target_coverage=1.0, source_coverage=0.9)
    document = Document("a|b", Text(SOURCE, path=source_path), Text(TARGET, path=target_path), segments,
                        (Segment(0, 0, 30), Segment(1, 32, 59)), (), (number, comma, dropped), scores)
    gate = gate or Gate(passed, ("1 major finding > max 0",) if not passed else ("1 major finding <= max 1",))
    return Report((document,), "mtcheck:0.1.0|seg:rules-4", gate, (gate,))


def test_line_and_column_of_an_offset():
    index = LineIndex("ab\ncd\n\nef")
    assert [index.line_col(k) for k in (0, 1, 3, 4, 6, 7, 8)] == [(1, 1), (1, 2), (2, 1), (2, 2), (3, 1), (4, 1), (4, 2)]


def test_github_annotations_exactly():
    assert render_github(report()) == (
        "::error title=mtcheck verdict FAIL::do not publish: retranslate — 1 major finding > max 0\n"
        "::error file=out/a.txt,line=1,col=16,endLine=1,endColumn=17,title=numbers (major)::'71' number '17' became "
        "'71' [Accuracy/Mistranslation, confidence 0.91]\n"
        "::warning file=out/a.txt,line=3,col=12,endLine=3,endColumn=12,title=punctuation%2C stray-symbol (minor)::"
        "',' comma before the verb [Fluency/Punctuation, confidence 0.30]\n"
        "::warning file=src/a.en.txt,line=3,col=1,endLine=3,endColumn=11,title=clause-omission (minor)::"
        "'The council' source words '|<b>x</b>' have no counterpart [Accuracy/Omission, confidence 0.50]\n"
    )


def test_github_escapes_what_would_end_an_annotation_and_skips_dismissed_findings():
    hostile = report(target_path="a,b:c%.txt", passed=True, verdict="false-alarm")
    doc = hostile.documents[0]
    evil = Finding("numbers", "Accuracy", Severity.CRITICAL, 0, None, None, "x\n::set-output name=x::y\r\x1b[31m%",
                   id="F0000000004")
    out = render_github(Report((Document(doc.id, doc.source, doc.target, doc.source_segments, doc.target_segments,
                                          (), (*doc.findings, evil), doc.scores),), hostile.signature, hostile.gate))
    lines = out.splitlines()
    assert len(lines) == 4  # the dismissed comma gives no annotation; the hostile message stays on one line
    assert lines[0] == "::notice title=mtcheck verdict PASS::publish as is — 1 major finding <= max 1"
    assert lines[1].startswith("::error file=a%2Cb%3Ac%25.txt,line=1,")
    assert lines[3] == ("::error file=a%2Cb%3Ac%25.txt,title=numbers (critical)::x%0A::set-output name=x::y\\r\\x1b[31m%25 "
                        "[Accuracy, confidence 1.00]")


def test_github_without_files_names_the_document():
    out = render_github(report(source_path=None, target_path=None))
    assert out.splitlines()[1] == ("::error title=numbers (major)::a|b: '71' number '17' became '71' "
                                   "[Accuracy/Mistranslation, confidence 0.91]")


def test_markdown_summary_exactly():
    assert render_markdown(report(verdict="false-alarm")) == (
        "## mtcheck: FAIL — do not publish: retranslate\n"
        "\n"
        "- 1 major finding &gt; max 0\n"
        "\n"
        "| article | verdict | quality | coverage (target / source) | critical | major | minor |\n"
        "|---|---|---:|---:|---:|---:|---:|\n"
        "| a\\|b | **FAIL** | 72.2 | 100.0% / 90.0% | 0 | 1 | 1 |\n"
        "\n"
        "### Worst findings (2 shown)\n"
        "\n"
        "| article | severity | check | text | message | confidence |\n"
        "|---|---|---|---|---|---:|\n"
        "| a\\|b | major | numbers | 71 | number &#x27;17&#x27; became &#x27;71&#x27; | 0.91 |\n"
        "| a\\|b | minor | clause-omission | source: The council | source words &#x27;\\|&lt;b&gt;x&lt;/b&gt;&#x27; "
        "have no counterpart | 0.50 |\n"
        "\n"
        "1 finding dismissed by editors' verdicts.\n"
        "\n"
        "<sub>mtcheck:0.1.0\\|seg:rules-4</sub>\n"
    )


@pytest.mark.parametrize("events, expected", [
    (None, [("rich", None)]),
    ([("output", "r.txt")], [("rich", "r.txt")]),
    ([("format", "json"), ("output", "r.json")], [("json", "r.json")]),
    ([("output", "r.json"), ("format", "json")], [("json", "r.json")]),
    ([("format", "markdown"), ("format", "json"), ("output", "r.json")], [("json", "r.json"), ("markdown", None)]),
    ([("format", "json"), ("output", "a"), ("format", "github"), ("output", "b")], [("json", "a"), ("github", "b")]),
])
def test_formats_pair_with_outputs_in_command_line_order(events, expected):
    assert sorted(report_targets(events)) == sorted(expected)


@pytest.mark.parametrize("events, message", [
    ([("format", "json"), ("format", "html")], "only one --format can go to stdout"),
    ([("output", "a"), ("output", "b")], "several --output"),
    ([("format", "json"), ("output", "a"), ("format", "html"), ("output", "a")], "the same file"),
    ([("format", "json"), ("output", "a"), ("output", "b")], "has no --format"),
])
def test_bad_pairings_are_input_errors(events, message):
    with pytest.raises(InputError, match=message):
        report_targets(events)


def test_jsonl_is_one_line_per_document_with_its_own_gate(tmp_path):
    import json

    from mtcheck.cli import main

    pairs_file = tmp_path / "feed.jsonl"
    pairs_file.write_text(
        '{"doc": "one", "id": "1", "source": "The council met on Monday.", "target": "The council met on Monday."}\n'
        '{"doc": "two", "id": "1", "source": "The mayor said 17 people died.", '
        '"target": "The mayor said 71 people died.\\u009b\\u202e"}\n', encoding="utf-8")
    base = ["compare", "--pairs", str(pairs_file), "--no-models", "--max-major", "0", "--judge", "off"]
    assert main([*base, "--format", "json", "-o", str(tmp_path / "r.json"),
                 "--format", "jsonl", "-o", str(tmp_path / "r.jsonl")]) == 1
    whole = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    raw = (tmp_path / "r.jsonl").read_text(encoding="utf-8")
    assert "\u009b" not in raw and "\u202e" not in raw and "\\u009b" in raw
    lines = [json.loads(line) for line in raw.splitlines()]
    assert [list(line) for line in lines] == [["schema", "mtcheck_version", "signature", "document", "gate"]] * 2
    assert [line["document"] for line in lines] == whole["documents"]
    assert [line["gate"]["passed"] for line in lines] == [True, False]
    assert all(line["signature"] == whole["signature"] for line in lines)


def test_an_unknown_format_is_an_input_error(capsys):
    from mtcheck.cli import main

    assert main(["compare", "a", "b", "--format", "xml"]) == 2
    assert "invalid choice: 'xml'" in capsys.readouterr().err


def test_errored_articles_of_a_feed_in_github_and_markdown_exactly():
    from dataclasses import replace

    from mtcheck.types import ArticleError

    errors = (ArticleError("b|c", "feed/b/target.txt is empty", "feed/b/source.txt", "feed/b/target.txt"),
              ArticleError("d", "timed out after 4 s (--article-timeout)"))
    feed = replace(report(passed=True), errors=errors)
    lines = render_github(feed).splitlines()
    assert lines[-2:] == [
        "::error file=feed/b/target.txt,title=mtcheck: article not checked::b|c: feed/b/target.txt is empty",
        "::error title=mtcheck: article not checked::d: timed out after 4 s (--article-timeout)",
    ]
    markdown = render_markdown(feed)
    assert "### Not checked (2)\n\n| article | reason |\n|---|---|\n| b\\|c | feed/b/target.txt is empty |\n" \
           "| d | timed out after 4 s (--article-timeout) |\n" in markdown
