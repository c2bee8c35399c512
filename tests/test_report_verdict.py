"""Every renderer leads with the article's verdict (pass, review, fail) and its reasons, and keeps reasons inert.

Reports are made by hand, so that all three verdicts are covered whatever the gate decides for a real article:
a reason is a plain string that may quote an article id or a file name, so here it carries an ESC, rich markup,
HTML, the end of a CDATA section, a bidi override and a newline.
"""

from __future__ import annotations

import dataclasses
import json
import re
from io import StringIO

import pytest
from rich.console import Console

from mtcheck.segment.documents import parallel_document
from mtcheck.report.github import render_github
from mtcheck.report.html import render_html
from mtcheck.report.html_feed import render_index
from mtcheck.report.inert import CONTROLS
from mtcheck.report.junit import render_junit
from mtcheck.report.markdown import render_markdown
from mtcheck.report.sarif import render_sarif
from mtcheck.report.terminal import render_terminal
from mtcheck.report.terminal_feed import render_feed_terminal
from mtcheck.types import ArticleVerdict, Document, Finding, Gate, Report, Scores, Severity, Span

from test_report_junit_sarif import NOT_IN_XML, valid_junit, valid_sarif
from test_report_terminal_safety import RICH_SGR, assert_inert

HOSTILE_REASON = "see [bold red]x[/] and [/] \x1b[31mred\x1b]0;title\x07 <b>bold</b> ]]> \u202eevil\nnext line"
PASS = Gate(True, ("0 critical findings (max 0)",), ArticleVerdict.PASS)
REVIEW = Gate(True, ("29% of the target has no counterpart in the source (review below 85% covered)",),
              ArticleVerdict.REVIEW)
FAIL = Gate(False, ("sentences out of order: 61% of the target aligns against the source order",
                    "quality 12.0 is in the fail band (below 40)"), ArticleVerdict.FAIL)
REVIEW_FAILING = dataclasses.replace(REVIEW, passed=False)  # --fail-on review


def article(doc_id: str, *, path: str | None = None) -> Document:
    document = parallel_document(doc_id, ["The mayor said 17 people died."], ["The mayor said 71 people died."],
                                 source_path=None if path is None else f"in/{path}", target_path=path)
    finding = Finding("numbers", "Accuracy/Mistranslation", Severity.MAJOR, 0, Span(15, 17, "71"), Span(15, 17, "17"),
                      "number '17' became '71'", confidence=0.9, id=f"F{len(doc_id):010d}")
    scores = Scores(chrf=80.0, bleu=60.0, ter=20.0, quality=61.0, mqm_penalty=12.5, target_coverage=0.71,
                    source_coverage=1.0)
    return dataclasses.replace(document, findings=(finding,), scores=scores)


def one(gate: Gate, doc_id: str = "city") -> Report:
    return Report((article(doc_id, path="out/city.txt"),), "sig", gate, (gate,))


def several(*gates: Gate, run: Gate | None = None) -> Report:
    documents = tuple(article(f"art{k}", path=f"out/art{k}.txt") for k in range(len(gates)))
    worst = max(gates, key=lambda gate: gate.verdict.rank)
    return Report(documents, "sig", run or Gate(all(g.passed for g in gates), ("run reason",), worst.verdict), gates)


def terminal(renderable, *, color: bool = False, width: int = 100) -> str:
    console = Console(file=StringIO(), width=width, force_terminal=color, color_system="standard" if color else None)
    console.print(renderable)
    return console.file.getvalue()


def hostile(verdict: ArticleVerdict = ArticleVerdict.REVIEW) -> Gate:
    return Gate(verdict is not ArticleVerdict.FAIL, (HOSTILE_REASON,), verdict)


# --- the verdict comes first -----------------------------------------------------------------------------


@pytest.mark.parametrize("gate, word, action", [
    (PASS, "PASS", "publish as is"), (REVIEW, "REVIEW", "route to an editor"),
    (FAIL, "FAIL", "do not publish: retranslate"), (REVIEW_FAILING, "REVIEW", "route to an editor (fails the gate)"),
])
def test_the_terminal_opens_with_the_verdict_and_its_reasons(gate, word, action):
    lines = terminal(render_terminal(one(gate))).splitlines()
    assert lines[0].startswith("╭─ verdict ")
    assert lines[1] == f"│  {word}   {action}".ljust(len(lines[1]) - 1) + "│"
    assert [line.strip("│ ").removeprefix("• ") for line in lines[2 : 2 + len(gate.reasons)]] == list(gate.reasons)
    assert lines[-1].startswith(f"verdict  {word} ")
    assert "PASSED" not in "\n".join(lines) and "FAILED" not in "\n".join(lines)


@pytest.mark.parametrize("gate, background", [(FAIL, "41"), (REVIEW, "43"), (PASS, "42")])
def test_the_terminal_verdict_has_its_colour(gate, background):
    # Fail red, review amber (yellow in the 16 standard colours), pass green: the background of the word.
    out = terminal(render_terminal(one(gate)), color=True)
    assert re.search(rf"\x1b\[[0-9;]*;{background}m {gate.verdict.value.upper()} \x1b\[0m", out.splitlines()[1])


def test_several_articles_each_show_their_own_verdict_in_the_terminal():
    out = terminal(render_terminal(several(PASS, FAIL, REVIEW)))
    summaries = [line for line in out.splitlines() if line.startswith("│ verdict ")]
    assert [line.split()[2] for line in summaries] == ["PASS", "FAIL", "REVIEW"]  # document order


def test_many_reasons_are_cut_in_the_terminal_unless_all():
    from mtcheck.report.terminal_findings import Listing

    gate = Gate(False, tuple(f"art{k}: fail: reason {k}" for k in range(14)), ArticleVerdict.FAIL)
    report = dataclasses.replace(one(FAIL), gate=gate)
    out = terminal(render_terminal(report))
    assert "art9: fail" in out and "art10: fail" not in out and "… and 4 more reasons: --all to list them" in out
    assert "art13: fail" in terminal(render_terminal(report, Listing(list_all=True)))


def test_the_feed_table_lists_the_worst_verdict_first_under_the_feed_verdict():
    out = terminal(render_feed_terminal(several(PASS, REVIEW, FAIL, PASS)), width=140)
    lines = out.splitlines()
    assert lines[0].startswith("╭─ feed verdict ") and "FAIL" in lines[1]
    rows = [line.split()[0] for line in lines if re.match(r"^\s*art\d", line)]
    assert rows == ["art2", "art1", "art0", "art3"]
    assert lines[-1].startswith("verdict  FAIL ")


@pytest.mark.parametrize("gate", [PASS, REVIEW, FAIL])
def test_the_review_page_header_leads_with_a_coloured_verdict_badge(gate):
    page = render_html(one(gate))
    header = page[page.index("<header") : page.index("</header>")]
    verdict = gate.verdict.value
    badge = re.search(r'<div class="article-verdict verdict-(\w+)" id="verdict" data-verdict="(\w+)"><p><strong class="badge">'
                      r'(\w+)</strong> <span class="action">([^<]+)</span></p><ul class="reasons">(.*?)</ul></div>',
                      header)
    assert badge and badge.groups()[:3] == (verdict, verdict, verdict.upper())
    assert re.findall(r"<li>(.*?)</li>", badge.group(5)) == list(gate.reasons)
    assert header.index('id="verdict"') < header.index("document-summary")  # before the scores
    assert '<a href="#panel">' in header
    style = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
    colour = {"fail": "#b3261e", "review": "#f5b700", "pass": "#1e7e34"}[verdict]
    assert re.search(rf"\.verdict-{verdict} \.badge {{ background: {colour};", style)
    assert "Gate passed" not in page and "Gate failed" not in page


def test_a_page_of_several_articles_shows_each_ones_verdict():
    page = render_html(several(FAIL, REVIEW))
    assert re.findall(r'data-document="\d"><h2>[^<]*</h2><div class="article-verdict verdict-(\w+)"', page) == ["fail", "review"]
    data = json.loads(re.search(r'id="mtcheck-data">(.*?)</script>', page).group(1))
    assert [d["gate"]["verdict"] for d in data["documents"]] == ["fail", "review"]
    assert data["gate"]["verdict"] == "fail"


def test_the_feed_index_leads_with_the_feed_verdict_and_lists_the_worst_first():
    page = render_index(several(PASS, REVIEW, FAIL), ["a.html", "b.html", "c.html"])
    assert page.index('id="verdict"') < page.index('id="articles"')
    assert re.findall(r'<a href="(\w)\.html">[^<]*</a></td><td class="verdict-(\w+)">(\w+)</td>', page) == [
        ("c", "fail", "FAIL"), ("b", "review", "REVIEW"), ("a", "pass", "PASS")]


@pytest.mark.parametrize("gate, heading, cell", [
    (PASS, "## mtcheck: PASS — publish as is", "PASS"),
    (REVIEW, "## mtcheck: REVIEW — route to an editor", "**REVIEW**"),
    (FAIL, "## mtcheck: FAIL — do not publish: retranslate", "**FAIL**"),
    (REVIEW_FAILING, "## mtcheck: REVIEW — route to an editor (fails the gate)", "**REVIEW** (fails the gate)"),
])
def test_markdown_opens_with_the_verdict_and_its_reasons(gate, heading, cell):
    lines = render_markdown(one(gate)).splitlines()
    assert lines[0] == heading
    assert lines[2 : 2 + len(gate.reasons)] == [f"- {reason}" for reason in gate.reasons]
    assert any(line.startswith(f"| city | {cell} | 61.0 |") for line in lines)


def test_markdown_of_several_articles_says_why_each_did_not_pass_worst_first():
    lines = render_markdown(several(PASS, REVIEW, FAIL)).split("### Worst findings")[0].splitlines()
    rows = [line for line in lines if re.match(r"\| art\d", line)]
    assert [row.split(" | ")[:2] for row in rows] == [["| art2", "**FAIL**"], ["| art1", "**REVIEW**"], ["| art0", "PASS"]]
    assert rows[0].split(" | ")[2] == "; ".join(FAIL.reasons) and rows[2].split(" | ")[2] == "—"


@pytest.mark.parametrize("gate, level, title", [
    (PASS, "notice", "mtcheck verdict PASS"), (REVIEW, "warning", "mtcheck verdict REVIEW"),
    (FAIL, "error", "mtcheck verdict FAIL"), (REVIEW_FAILING, "error", "mtcheck verdict REVIEW (fails the gate)"),
])
def test_github_opens_with_the_verdict_annotation(gate, level, title):
    first = render_github(one(gate)).splitlines()[0]
    from mtcheck.report.verdict_words import ACTION

    reasons = "; ".join(gate.reasons).replace("%", "%25")  # GitHub's own escape for "%"
    assert first == f"::{level} title={title}::{ACTION[gate.verdict]} — {reasons}"


def test_github_names_each_article_that_did_not_pass_on_its_file():
    lines = render_github(several(PASS, REVIEW, FAIL)).splitlines()
    assert lines[0].startswith("::error title=mtcheck verdict FAIL::")
    assert lines[1].startswith("::warning file=out/art1.txt,title=mtcheck verdict REVIEW::art1: route to an editor — ")
    assert lines[2].startswith("::error file=out/art2.txt,title=mtcheck verdict FAIL::art2: do not publish")
    assert lines[3].startswith("::error file=out/art0.txt,line=1")  # then the findings


def test_junit_review_is_a_passed_case_that_says_review_and_why():
    root = valid_junit(render_junit(several(PASS, REVIEW, FAIL)))
    cases = root.findall("testsuite/testcase")
    assert [case.get("status") for case in cases] == ["pass", "review", "fail"]
    assert [case.find("failure") is not None for case in cases] == [False, False, True]
    assert cases[1].find("system-out").text.splitlines()[0] == f"verdict review: {REVIEW.reasons[0]}"
    assert cases[2].find("failure").get("message") == "fail: " + "; ".join(FAIL.reasons)
    properties = [(p.get("name"), p.get("value")) for p in root.findall("testsuite/properties/property")]
    assert properties[0] == ("mtcheck.verdict", "fail")
    assert ("mtcheck.review", f"art1: {REVIEW.reasons[0]}") in properties
    assert root.find("testsuite").get("failures") == "1"
    # Under --fail-on review the review fails its gate, and so its test case.
    failing = valid_junit(render_junit(one(REVIEW_FAILING))).find("testsuite/testcase/failure")
    assert failing.get("message") == f"review: {REVIEW.reasons[0]}"


def test_sarif_gives_the_runs_verdict_and_each_articles():
    properties = valid_sarif(render_sarif(several(PASS, REVIEW, FAIL)))["runs"][0]["properties"]
    assert list(properties) == ["gate", "articles", "signature"]
    assert properties["gate"] == {"verdict": "fail", "passed": False, "reasons": ["run reason"]}
    assert properties["articles"] == [
        {"document": f"art{k}", "verdict": gate.verdict.value, "passed": gate.passed, "reasons": list(gate.reasons)}
        for k, gate in enumerate((PASS, REVIEW, FAIL))]


# --- hostile reasons stay inert ---------------------------------------------------------------------------


@pytest.mark.parametrize("color", [False, True])
@pytest.mark.parametrize("verdict", list(ArticleVerdict))
def test_a_hostile_reason_is_inert_in_the_terminal(color, verdict):
    for renderable in (render_terminal(one(hostile(verdict))), render_feed_terminal(several(hostile(verdict)))):
        out = terminal(renderable, color=color, width=200)
        assert_inert(out)
        plain = RICH_SGR.sub("", out)
        assert "see [bold red]x[/] and [/] \\x1b[31mred\\x1b]0;title\\x07 <b>bold</b> ]]> \\u202eevil\\nnext line" in plain


def test_a_hostile_reason_is_inert_on_the_review_page_and_the_feed_index():
    escaped = "see [bold red]x[/] and [/] \\x1b[31mred\\x1b]0;title\\x07 &lt;b&gt;bold&lt;/b&gt; ]]&gt; \\u202eevil\\nnext line"
    for page in (render_html(several(hostile(), hostile(ArticleVerdict.FAIL), run=hostile())),
                 render_index(several(hostile(), run=hostile()), ["a.html"])):
        markup = page.split('<script type="application/json"', 1)[0]
        assert f"<li>{escaped}</li>" in markup
        assert "<b>" not in page and not CONTROLS.search(page)
    data = json.loads(re.search(r'id="mtcheck-data">(.*?)</script>', render_html(one(hostile()))).group(1))
    assert data["gate"]["reasons"] == [HOSTILE_REASON]  # the page's data holds the text exactly


def test_a_hostile_reason_is_inert_in_markdown():
    out = render_markdown(several(hostile(), hostile(ArticleVerdict.FAIL), run=hostile()))
    assert not CONTROLS.search(out)
    # A table cell is one line: the newline is a space there, as every run of white space is.
    shown = ("see \\[bold red\\]x\\[/\\] and \\[/\\] \\\\x1b\\[31mred\\\\x1b\\]0;title\\\\x07 &lt;b&gt;bold&lt;/b&gt; "
             "\\]\\]&gt; \\\\u202eevil next line")
    assert f"- {shown}" in out.splitlines()  # the run's reason, then each article's beside its verdict
    assert sum(shown in line for line in out.split("### Worst findings")[0].splitlines()
               if re.match(r"\| art\d", line)) == 2


def test_a_hostile_reason_is_inert_in_github_annotations():
    out = render_github(several(hostile(), hostile(ArticleVerdict.FAIL), run=hostile()))
    lines = out.splitlines()
    assert all(line.startswith("::") for line in lines)  # a newline in a reason cannot start a command
    assert "\x1b" not in out and "\u202e" not in out
    assert lines[1].endswith("see [bold red]x[/] and [/] \\x1b[31mred\\x1b]0;title\\x07 <b>bold</b> ]]> "
                             "\\u202eevil%0Anext line")


def test_a_hostile_reason_is_inert_in_junit():
    out = render_junit(several(hostile(), hostile(ArticleVerdict.FAIL)))
    assert not NOT_IN_XML.search(out) and "<b>" not in out and "]]>" not in out
    root = valid_junit(out)
    shown = "see [bold red]x[/] and [/] \\x1b[31mred\\x1b]0;title\\x07 <b>bold</b> ]]> \\u202eevil\\nnext line"
    cases = root.findall("testsuite/testcase")
    assert cases[0].find("system-out").text.splitlines()[0] == f"verdict review: {shown}"
    assert cases[1].find("failure").get("message") == f"fail: {shown}"
    review = next(p for p in root.iter("property") if p.get("name") == "mtcheck.review")
    assert review.get("value") == f"art0: {shown}"


def test_a_hostile_reason_is_data_in_sarif():
    out = render_sarif(several(hostile(), hostile(ArticleVerdict.FAIL)))
    assert not CONTROLS.search(out)  # the file is safe to print
    properties = valid_sarif(out)["runs"][0]["properties"]
    assert [article["reasons"] for article in properties["articles"]] == [[HOSTILE_REASON]] * 2  # exact once decoded


def test_a_reason_of_bare_markup_is_shown_as_written():
    # rich parses a plain str as markup: "[/]" alone would raise MarkupError (a crash, exit 3, not a report).
    report = one(Gate(False, ("[/]", "[bold red]", "[/bold red]"), ArticleVerdict.FAIL))
    for renderable in (render_terminal(report), render_feed_terminal(report)):
        panel = terminal(renderable).split("╰", 1)[0]
        assert [line.strip("│ ").removeprefix("• ") for line in panel.splitlines()[2:5]] == ["[/]", "[bold red]",
                                                                                           "[/bold red]"]
    assert "- \\[/\\]" in render_markdown(report).splitlines()
