"""`mtcheck batch`: every article a feed names gets a verdict. A missing, empty or unreadable file is an
errored article with a reason and an entry in every format, counted against the feed gate; the final counts
add up; JSONL lines reach the disk as articles finish; a hostile reason stays inert in every renderer.

Rules only (--no-models), as in test_batch.py.
"""

from __future__ import annotations

import io
import json
import os
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from mtcheck.batch.inputs import feed_from_manifest, feed_from_pair_directories
from mtcheck.batch.work import article_bytes
from mtcheck.cli import main
from mtcheck.errors import InputError
from mtcheck.types import ArticleError, Gate, Report
from tests.test_batch import SOURCE, TARGET, batch, make_feed

ALL_FORMATS = ("--format", "json", "--output", "r.json", "--format", "jsonl", "--output", "r.jsonl",
               "--format", "sarif", "--output", "r.sarif", "--format", "junit", "--output", "r.xml",
               "--format", "github", "--output", "r.github", "--format", "markdown", "--output", "r.md",
               "--format", "rich", "--output", "r.txt", "--format", "html", "--output", "pages")
HOSTILE_ID = "evil\x1b[31m[bold]"  # a folder name: ESC and rich markup, no "/" (a file name cannot hold one)


def entries_per_format(folder: Path) -> dict[str, list[str]]:
    """The ids of the errored articles each format lists, read the way its consumer reads it."""
    jsonl = [json.loads(line) for line in (folder / "r.jsonl").read_text().splitlines()]
    sarif = json.loads((folder / "r.sarif").read_text())["runs"][0]["invocations"][0]
    junit = ElementTree.parse(folder / "r.xml").getroot()
    return {
        "json": [e["id"] for e in json.loads((folder / "r.json").read_text())["errors"]],
        "jsonl": [line["error"]["id"] for line in jsonl if line["document"] is None],
        "sarif": [n["message"]["text"].split(": ", 1)[0] for n in sarif.get("toolExecutionNotifications", [])],
        "junit": [case.get("name") for case in junit.iter("testcase") if case.find("error") is not None],
        "github": [line.split("::", 2)[2].split(": ", 1)[0]
                   for line in (folder / "r.github").read_text().splitlines() if "article not checked" in line],
        "markdown": re.findall(r"^\| (\S+) \| .*(?:is empty|no \S+ file|directory|link to nothing)",
                               (folder / "r.md").read_text(), re.M),
        "html": re.findall(r"<tr><td>([^<]*)</td><td>", (folder / "pages" / "index.html").read_text()
                           .split('id="errors"', 1)[-1]),
    }


def test_missing_empty_and_unreadable_files_are_errored_articles_in_every_format(tmp_path):
    feed = make_feed(tmp_path / "feed", 2)
    (feed / "no-target").mkdir()
    (feed / "no-target" / "source.txt").write_text(SOURCE)
    (feed / "no-source").mkdir()
    (feed / "no-source" / "target.txt").write_text(TARGET)
    (feed / "empty").mkdir()
    (feed / "empty" / "source.txt").write_text(SOURCE)
    (feed / "empty" / "target.txt").write_text("")
    (feed / "folder").mkdir()  # a folder where the target file should be: unreadable, as chmod 000 is not for root
    (feed / "folder" / "source.txt").write_text(SOURCE)
    (feed / "folder" / "target.txt").mkdir()
    (feed / "broken").mkdir()
    (feed / "broken" / "source.txt").write_text(SOURCE)
    (feed / "broken" / "target.txt").symlink_to("gone.txt")
    (feed / HOSTILE_ID).mkdir()
    (feed / HOSTILE_ID / "source.txt").write_text(SOURCE)
    code, err = batch(tmp_path, "feed", "--max-failed", "100", *ALL_FORMATS)
    assert code == 2, err  # errored articles without --allow-errors, the reports written first
    errored = sorted(["no-target", "no-source", "empty", "folder", "broken", HOSTILE_ID])
    for name, ids in entries_per_format(tmp_path).items():
        if name == "markdown":  # its own syntax escaped too: GitHub shows it as evil\x1b[31m[bold]
            assert sorted(ids) == sorted([*(i for i in errored if i != HOSTILE_ID), r"evil\\x1b\[31m\[bold\]"])
        else:  # the id, its ESC shown as \x1b (JSON and JSONL keep the character itself, escaped by JSON)
            assert sorted(i.replace("\\x1b", "\x1b") for i in ids) == errored, name
    reasons = {e["id"]: e["reason"] for e in json.loads((tmp_path / "r.json").read_text())["errors"]}
    assert reasons["no-target"] == f"no target.* file in {os.path.join('feed', 'no-target')}"
    assert reasons["no-source"] == f"no source.* file in {os.path.join('feed', 'no-source')}"
    assert reasons["empty"] == f"{os.path.join('feed', 'empty', 'target.txt')} is empty"
    assert reasons["folder"] == f"{os.path.join('feed', 'folder', 'target.txt')} is a directory"
    assert reasons["broken"] == f"no such file: {os.path.join('feed', 'broken', 'target.txt')} (a link to nothing)"
    assert all("\n" not in reason for reason in reasons.values())
    text = (tmp_path / "r.txt").read_text()
    assert "mtcheck batch · 8 articles: 2 passed, 0 failed, 6 errored" in text
    assert "6 errored (not checked)" in text
    assert "no-target" in text and "no target.* file" in text
    # No raw ESC anywhere: a hostile folder name is data in every format.
    for path in [*tmp_path.glob("r.*"), *tmp_path.glob("pages/**/*.html")]:
        assert "\x1b" not in path.read_text(encoding="utf-8"), path.name
    assert "errored and went unchecked" in json.loads((tmp_path / "r.json").read_text())["gate"]["reasons"][-1]


def test_allow_errors_only_takes_exit_2_away_and_errored_articles_still_count_against_the_gate(tmp_path):
    feed = make_feed(tmp_path / "feed", 2)
    (feed / "half").mkdir()
    (feed / "half" / "source.txt").write_text(SOURCE)
    code, err = batch(tmp_path, "feed", "--allow-errors")
    assert code == 1, err  # no limit set: the errored article alone fails the feed
    assert "feed gate failed" in err
    code, err = batch(tmp_path, "feed", "--allow-errors", "--max-failed", "1")
    assert code == 0, err
    code, err = batch(tmp_path, "feed", "--allow-errors", "--max-failed-share", "0.3")  # 1 of 3 is 33%
    assert code == 1, err
    code, err = batch(tmp_path, "feed", "--max-failed", "1")
    assert code == 2, err  # the gate passed, but an article errored and --allow-errors was not given
    assert err.splitlines()[-1] == ("mtcheck: error: 1 article errored (see the report; with --allow-errors the feed "
                                    "gate alone decides, counting them as failed)")


def test_the_two_folder_layout_errors_a_file_with_no_partner(tmp_path):
    for side in ("src", "tgt"):
        (tmp_path / side).mkdir()
    (tmp_path / "src" / "a.txt").write_text(SOURCE)
    (tmp_path / "src" / "b.txt").write_text(SOURCE)
    (tmp_path / "tgt" / "b.txt").write_text(TARGET)
    (tmp_path / "tgt" / "c.txt").write_text(TARGET)
    code, err = batch(tmp_path, "--sources", "src", "--targets", "tgt", "--allow-errors", "--max-failed", "5",
                      "--format", "junit", "--output", "r.xml", "--format", "jsonl", "--output", "r.jsonl")
    assert code == 0, err
    cases = {case.get("name"): case for case in ElementTree.parse(tmp_path / "r.xml").getroot().iter("testcase")}
    assert sorted(cases) == ["a", "b", "c"]
    assert cases["a"].find("error").get("message") == f"no translation of {os.path.join('src', 'a.txt')} in tgt"
    assert cases["c"].find("error").get("message") == f"no source for {os.path.join('tgt', 'c.txt')} in src"
    lines = [json.loads(line) for line in (tmp_path / "r.jsonl").read_text().splitlines()]
    assert [line.get("error", {}).get("id") for line in lines] == ["a", None, "c"]  # in feed order
    assert lines[0]["error"]["target"] is None and lines[2]["error"]["source"] is None


def test_a_manifest_row_whose_file_is_missing_is_an_errored_article(tmp_path):
    (tmp_path / "s.txt").write_text(SOURCE)
    (tmp_path / "t.txt").write_text(TARGET)
    (tmp_path / "m.csv").write_text("id,source,target\none,s.txt,t.txt\ntwo,s.txt,missing.txt\nnul,s.txt,t\0.txt\n")
    articles = feed_from_manifest(str(tmp_path / "m.csv")).articles
    assert len(article_bytes(articles[0], 10_000)[1]) > 0
    with pytest.raises(InputError, match=re.escape(f"no such file: {tmp_path / 'missing.txt'}")):
        article_bytes(articles[1], 10_000)
    with pytest.raises(InputError, match="cannot hold a NUL character"):
        article_bytes(articles[2], 10_000)


def test_a_file_with_no_partner_is_never_read_at_all(tmp_path):
    for side in ("src", "tgt"):
        (tmp_path / side).mkdir()
    (tmp_path / "src" / "a.txt").write_text(SOURCE)
    (article,) = feed_from_pair_directories(str(tmp_path / "src"), str(tmp_path / "tgt")).articles
    with pytest.raises(InputError, match="no translation of"):
        article_bytes(article, 10_000)


# --- the counts ---------------------------------------------------------------------------------------

_SUMMARY = re.compile(r"mtcheck: (\d+) articles: (\d+) passed, (\d+) failed, (\d+) errored; (\d+) checked, "
                      r"(\d+) from the store, in [\d.]+ s; feed gate (passed|failed)")


def _counts(err: str) -> dict[str, int]:
    (match,) = [m for m in map(_SUMMARY.fullmatch, err.splitlines()) if m]
    names = ("articles", "passed", "failed", "errored", "checked", "stored")
    counts = dict(zip(names, map(int, match.groups()[:6])))
    # Both partitions of the feed add up.
    assert counts["passed"] + counts["failed"] + counts["errored"] == counts["articles"]
    assert counts["checked"] + counts["stored"] + counts["errored"] == counts["articles"]
    return counts


def test_checked_from_the_store_and_errored_add_up_to_the_feed(tmp_path):
    feed = make_feed(tmp_path / "feed", 2)
    code, err = batch(tmp_path, "feed", "--max-major", "100", "--allow-errors", "--max-failed", "9")
    assert _counts(err) == dict(articles=2, passed=2, failed=0, errored=0, checked=2, stored=0), err
    (feed / "art2").mkdir()
    (feed / "art2" / "source.txt").write_text(SOURCE)
    (feed / "art2" / "target.txt").write_text(TARGET)  # a new article, failing --max-major 0 below
    (feed / "empty").mkdir()
    (feed / "empty" / "source.txt").write_text(SOURCE)
    (feed / "empty" / "target.txt").write_text(" \n")  # errored in the worker, and stored as errored
    (feed / "half").mkdir()
    (feed / "half" / "source.txt").write_text(SOURCE)  # errored before any check
    code, err = batch(tmp_path, "feed", "--max-major", "100", "--allow-errors", "--max-failed", "9",
                      "--format", "rich", "--output", "r.txt")
    assert _counts(err) == dict(articles=5, passed=3, failed=0, errored=2, checked=1, stored=2), err
    assert "mtcheck batch · 5 articles: 3 passed, 0 failed, 2 errored" in (tmp_path / "r.txt").read_text()
    code, err = batch(tmp_path, "feed", "--max-major", "0", "--allow-errors", "--max-failed", "9")
    counts = _counts(err)  # everything from the store now, the empty article's error included
    assert (counts["checked"], counts["stored"], counts["errored"]) == (0, 3, 2), err
    assert counts["failed"] >= 1 and code == 0


# --- JSONL, line by line ------------------------------------------------------------------------------

def test_a_jsonl_line_is_on_disk_as_soon_as_its_article_is_done(tmp_path, monkeypatch):
    """The engine checks the second article only after the run has handed the first on; at that moment the
    first article's line must already be in the file at --output, for a reader following it."""
    import mtcheck.cli.batch as cli_batch
    from mtcheck.batch.work import check_article

    make_feed(tmp_path / "feed", 3)
    out = tmp_path / "r.jsonl"
    out.write_text("an earlier run's report\n")
    seen: list[str] = []

    class OneAtATime:
        name = "test"

        def __init__(self, args, config, signature, max_bytes):
            self.config, self.signature, self.max_bytes = config, signature, max_bytes

        def run(self, jobs):
            for index, article in jobs:
                seen.append(out.read_text())  # what a reader sees before this article is checked
                yield check_article(index, article, self.config, self.signature, self.max_bytes)

    monkeypatch.setattr(cli_batch, "_engine", OneAtATime)
    code = main(["batch", str(tmp_path / "feed"), "--no-models", "-q", "--no-store", "--max-failed", "9",
                 "--format", "jsonl", "--output", str(out)])
    assert code == 0
    ids = [[json.loads(line)["document"]["id"] for line in text.splitlines()] for text in seen]
    assert ids == [[], ["art0"], ["art0", "art1"]]
    assert [json.loads(line)["document"]["id"] for line in out.read_text().splitlines()] == ["art0", "art1", "art2"]
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


# --- hostile reasons ----------------------------------------------------------------------------------

HOSTILE = ArticleError("id\x1b]0;owned\x07[/][bold]", "target.txt \x1b[2J[/]gone [bold]loud[/bold] <b>&amp;</b> |x|",
                       "feed/a/source.txt", "feed/a/\x1b[31m.txt")


def _hostile_report() -> Report:
    return Report((), "sig", Gate(False, ("1 article errored and went unchecked: " + HOSTILE.id,)), errors=(HOSTILE,))


def _terminal(report: Report) -> str:
    from rich.console import Console

    from mtcheck.report.terminal_feed import render_feed_terminal

    console = Console(file=io.StringIO(), width=300, force_terminal=True, color_system="truecolor")
    console.print(render_feed_terminal(report))
    return console.file.getvalue()


def test_an_errored_articles_reason_stays_inert_in_every_renderer():
    from mtcheck.report.github import render_github
    from mtcheck.report.html_feed import feed_pages
    from mtcheck.report.json import iter_jsonl
    from mtcheck.report.junit import render_junit
    from mtcheck.report.markdown import render_markdown
    from mtcheck.report.sarif import render_sarif

    report = _hostile_report()
    terminal = _terminal(report)
    # rich styles with ESC of its own; the reason's ESC sequences must not be among them, and its markup is text.
    assert "\x1b[2J" not in terminal and "\x1b]0;owned" not in terminal
    assert "\\x1b[2J[/]gone [bold]loud[/bold]" in re.sub(r"\x1b\[[0-9;]*m", "", terminal)
    outputs = {
        "html": dict(feed_pages(report))["index.html"],
        "junit": render_junit(report),
        "sarif": render_sarif(report),
        "github": render_github(report),
        "markdown": render_markdown(report),
        "jsonl": "".join(iter_jsonl(report)),
    }
    for name, text in outputs.items():
        assert "\x1b" not in text and "\x07" not in text, name
    assert "\\x1b[2J[/]gone [bold]loud[/bold] &lt;b&gt;&amp;amp;&lt;/b&gt;" in outputs["html"]
    message = ElementTree.fromstring(outputs["junit"]).find(".//error").get("message")
    assert message == "target.txt \\x1b[2J[/]gone [bold]loud[/bold] <b>&amp;</b> |x|"
    notification = json.loads(outputs["sarif"])["runs"][0]["invocations"][0]["toolExecutionNotifications"][0]
    assert notification["message"]["text"].endswith(": target.txt \\x1b[2J[/]gone [bold]loud[/bold] <b>&amp;</b> |x|")
    (annotation,) = [line for line in outputs["github"].splitlines() if "article not checked" in line]
    assert annotation.count("::") == 2  # the reason cannot end the annotation and start a command
    assert r"\\x1b\[2J\[/\]gone \[bold\]loud\[/bold\] &lt;b&gt;&amp;amp;&lt;/b&gt; \|x\|" in outputs["markdown"]
    assert json.loads(outputs["jsonl"])["error"]["reason"] == HOSTILE.reason  # JSON keeps the data, escaped


def test_an_article_folder_that_cannot_be_listed_is_an_errored_article(tmp_path, monkeypatch):
    from mtcheck.batch import inputs

    for name in ("good", "gone"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "source.txt").write_text("A source.\n", encoding="utf-8")
        (tmp_path / name / "target.txt").write_text("A target.\n", encoding="utf-8")
    listing = os.scandir

    def scandir(path):  # the folder vanishes (or turns unreadable) between the feed's listing and its own
        if str(path).endswith("gone"):
            raise FileNotFoundError(2, "No such file or directory")
        return listing(path)

    monkeypatch.setattr(inputs.os, "scandir", scandir)
    feed = inputs.feed_from_directory(str(tmp_path))
    gone, good = feed.articles  # by name
    assert good.id == "good" and good.problem is None
    assert gone.id == "gone" and gone.source is None and gone.target is None
    assert gone.problem.endswith("gone: cannot list the article folder (No such file or directory)")
