"""Article text, ids, file names and messages reach the terminal inert.

A hostile article must not retitle the window, recolour or hide report rows,
plant a hyperlink, reorder the line (Trojan Source) or crash rich's markup
parser. Everything it carries is shown, as visible escapes where needed.
"""

import json
import re
import unicodedata
from dataclasses import replace
from io import StringIO

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from mtcheck.cli import main
from mtcheck.config import Config
from mtcheck.read.pairs import PairRecord
from mtcheck.pipeline import compare_records, compare_texts
from mtcheck.report.build import build_report
from mtcheck.report.inert import inert
from mtcheck.report.json import render_json
from mtcheck.report.terminal import render_terminal
from mtcheck.types import ArticleVerdict, Finding, Gate, Severity, Span, Text

OSC_TITLE = "\x1b]0;pwned\x07"
OSC_LINK = "\x1b]8;;http://evil\x1b\\click\x1b]8;;\x1b\\"
HOSTILE = ("\x1b[31m", OSC_TITLE, OSC_LINK, "\x9b31m", "\u202e", "[/]", "[bold red]x[/]", "[link=http://evil]y[/link]")
SOURCE = "The minister spoke on Monday. Society, politics and government are intertwined. Prices rose in the city."
TARGET = (
    "The minister spoke \x1b[31m on Monday " + OSC_TITLE + ". Society, Politics and government [/] are "
    "intertwined \u202e. Prices rose in the the city [bold red]x[/] " + OSC_LINK + " \x9b31m [link=http://evil]y[/link]."
)
# A lone surrogate cannot even be encoded for a UTF-8 terminal: printing it raises.
DOC_ID = "doc [/] \x1b[31m" + OSC_TITLE + "\u202e\ud800\n:warning:"
# Unicode's Bidi_Control property: ALM, LRM, RLM, embeddings, overrides, isolates.
BIDI_CONTROLS = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# rich's own styling: SGR sequences only. Anything else starting with ESC came from the article.
RICH_SGR = re.compile(r"\x1b\[[0-9;]*m")
MODES = {
    "truecolor": dict(force_terminal=True, color_system="truecolor"),
    "no-color": dict(force_terminal=False, color_system=None),
}


def render(report, mode="truecolor", width=300):
    buffer = StringIO()
    Console(file=buffer, width=width, **MODES[mode]).print(render_terminal(report))
    return buffer.getvalue()


def assert_inert(output):
    """No terminal control reaches the screen except rich's SGR and newlines."""
    bare = RICH_SGR.sub("", output)
    assert "\x1b" not in bare
    for char in bare:
        if char == "\n":
            continue
        assert unicodedata.category(char) not in ("Cc", "Cs", "Zl", "Zp") and char not in BIDI_CONTROLS, repr(char)


@pytest.fixture(scope="module")
def hostile_report():
    config = Config(models=False, min_quality=99)  # the gate reason names the document id
    document = compare_texts(Text(SOURCE), Text(TARGET), config, doc_id=DOC_ID)
    return build_report([document], config)


@pytest.mark.parametrize("mode", MODES)
def test_hostile_article_renders_inert(hostile_report, mode):
    output = render(hostile_report, mode)
    assert_inert(output)
    for raw in ("\x07", "\x9b", "\x9d", "\u202e"):
        assert raw not in output
    assert "\\x1b[31m" in output and "\\x1b]0;pwned\\x07" in output and "\\x9b31m" in output
    assert "\\u202e" in output and "\\ud800" in output


@pytest.mark.parametrize("mode", MODES)
def test_markup_in_article_is_shown_literally(hostile_report, mode):
    output = render(hostile_report, mode)
    assert "[bold red]x[/]" in output and "[link=http://evil]y[/link]" in output and " [/] " in output
    assert ":warning:" in output  # no emoji substitution either


@pytest.mark.parametrize("raw", HOSTILE)
def test_each_hostile_string_alone_is_shown_inert(raw):
    config = Config(models=False)
    # On both sides, so that the aligner pairs the sentences whatever the string does to their likeness.
    source, target = Text(f"The minister spoke {raw} on Monday."), Text(f"the minister spoke {raw} on Monday")
    report = build_report([compare_texts(source, target, config, doc_id="a")], config)
    assert_inert(render(report, "truecolor"))
    output = render(report, "no-color")
    assert_inert(output)
    row = next(line for line in output.splitlines() if "0 (1-1)" in line)  # the weakest-pairs table
    assert f"spoke {inert(raw)} on Monday" in row


def test_document_id_stays_on_one_line(hostile_report):
    output = render(hostile_report, "no-color")
    title = next(line for line in output.splitlines() if "mtcheck" in line and "doc [/]" in line)
    assert "\\n:warning:" in title


@pytest.mark.parametrize("mode", MODES)
def test_verdict_reason_with_hostile_id_is_inert(hostile_report, mode):
    # A run of several articles names each in its reasons: the id is data there too.
    gate = Gate(False, (f"{DOC_ID}: fail: quality 3.0 is in the fail band",), ArticleVerdict.FAIL)
    output = render(replace(hostile_report, gate=gate), mode)
    assert_inert(output)
    plain = RICH_SGR.sub("", output)
    panel = plain[: plain.index("mtcheck ·")]
    assert "FAIL" in panel and "doc [/] \\x1b[31m\\x1b]0;pwned\\x07\\u202e\\ud800\\n:warning:: fail" in panel


def test_span_highlight_lands_on_the_span_around_escapes(hostile_report):
    # A span that starts and ends on control characters, with more before and after it.
    (document,) = hostile_report.documents
    start = TARGET.index(OSC_TITLE)
    end = TARGET.index("[/]") + 3
    span = Span.of(TARGET, start, end)
    finding = Finding("test", "Other", Severity.MAJOR, None, span, None, "message " + OSC_LINK + "[/]\nnext")
    report = replace(hostile_report, documents=(replace(document, findings=(finding,)),))
    output = render(report, "truecolor")
    assert_inert(output)
    shown = inert(span.text)
    assert f"\x1b[1;30;43m{shown}\x1b[0m" in output
    header = next(line for line in output.splitlines() if "message" in line)
    assert "\\x1b]8;;http://evil" in header and "[/]\\nnext" in header


def test_pairs_with_hostile_ids_and_docs_render_inert():
    records = [
        PairRecord(id=f"p{n} {raw}", source="The minister spoke on Monday.", target=f"The minister {raw} spoke.",
                   doc=f"d {raw}")
        for n, raw in enumerate(HOSTILE)
    ]
    config = Config(models=False, min_quality=99)
    report = build_report(compare_records(records, config, default_id="pairs"), config, pre_aligned=True)
    for mode in MODES:
        output = render(report, mode)
        assert_inert(output)
        assert "d [bold red]x[/]" in output and "p6 [bold red]x[/]" in output


# Text a hostile article may hold: controls, bidi, line breaks, brackets. No
# surrogates: a file cannot decode to one (the ids above and below carry one).
article_chars = st.one_of(
    st.characters(codec=None, categories=("Cc", "Cf", "Zl", "Zp", "Zs", "Ps", "Pe", "Po", "Sm")),
    st.sampled_from(list("[]/=:\\ab ") + list(HOSTILE)),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(article_chars, max_size=40).map("".join))
def test_any_target_text_renders_inert(garbage):
    config = Config(models=False)
    target = Text("The minister spoke " + garbage + " on Monday. Politics " + garbage)
    document = compare_texts(Text(SOURCE), target, config, doc_id=garbage or "doc")
    report = build_report([document], config)
    for mode in MODES:
        assert_inert(render(report, mode, width=120))


@settings(max_examples=200, deadline=None)
@given(st.text(st.one_of(st.characters(), st.characters(categories=("Cc", "Cf", "Cs", "Zl", "Zp")))), st.booleans())
def test_inert_leaves_no_control_and_keeps_printable_text(text, one_line):
    shown = inert(text, one_line=one_line)
    if one_line:
        assert "\n" not in shown and "\t" not in shown
    assert_inert(shown.replace("\t", ""))  # rich expands tabs in article text to spaces
    if text.isprintable():
        assert shown == text  # plain text, brackets included, passes unchanged


def test_cli_rich_report_of_a_hostile_article(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "300")  # rich's width when stdout is no terminal: no wrapped literals
    source, target = tmp_path / "source.txt", tmp_path / "[red]target \x1b[31m.txt"
    source.write_text(SOURCE + "\n", encoding="utf-8")
    target.write_text(TARGET + "\n", encoding="utf-8")
    args = ["compare", str(source), str(target), "--no-models", "--max-critical", "0"]
    assert main([*args, "--format", "json"]) in (0, 1)
    passed = json.loads(capsys.readouterr().out)["gate"]["passed"]
    code = main([*args, "--format", "rich"])
    out, err = capsys.readouterr()
    assert code == (0 if passed else 1), err  # the gate's verdict, not a crash (exit 1 or 3)
    assert "Traceback" not in err and "MarkupError" not in err
    assert_inert(out)
    assert "[bold red]x[/]" in out and "[red]target \\x1b[31m.txt" in out


def test_json_report_escapes_terminal_controls_and_round_trips(hostile_report):
    records = [PairRecord(id=f"p {raw}\u2028", source="a.", target=f"a {raw}\x7f.", doc=None) for raw in HOSTILE]
    config = Config(models=False)
    pairs_report = build_report(compare_records(records, config, default_id="d\x9d"), config)
    for report in (hostile_report, pairs_report):
        text = render_json(report)
        text.encode("utf-8")  # no lone surrogate left to fail on
        assert_inert(text)
        assert "\\u009b31m" in text and "\\u202e" in text and "\\u001b]0;pwned\\u0007" in text
    (document,) = json.loads(render_json(hostile_report))["documents"]
    assert document["id"] == DOC_ID and document["target"]["text"] == TARGET and document["source"]["text"] == SOURCE
    loaded = json.loads(render_json(pairs_report))["documents"][0]
    assert loaded["id"] == "d\x9d" and [pair["id"] for pair in loaded["pairs"]] == [record.id for record in records]
    assert loaded["target"]["text"] == pairs_report.documents[0].target.text
