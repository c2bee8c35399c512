"""`mtcheck batch`: feed layouts, the store, reruns, fault isolation, the feed gate and its outputs.

Rules only (--no-models) throughout: the batch machinery is the same with models, and a worker that loads
them costs half a minute per test here. tests/test_batch_resume.py kills runs; test_batch_ray.py runs Ray.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from mtcheck.gate.feed import feed_gate
from mtcheck.batch.inputs import feed_from_directory, feed_from_manifest, feed_from_pair_directories
from mtcheck.batch.store import ResultStore, article_key
from mtcheck.cli import main
from mtcheck.config import Config
from mtcheck.errors import InputError
from mtcheck.types import ArticleError, Document, Gate, Text

FIXTURES = Path(__file__).parent / "fixtures"
SOURCE = (FIXTURES / "article.source.txt").read_text(encoding="utf-8")
TARGET = (FIXTURES / "article.target.txt").read_text(encoding="utf-8")


def make_feed(root: Path, count: int = 3) -> Path:
    """``count`` article folders, each a different cut of the fixture article (so each has its own key)."""
    for i in range(count):
        folder = root / f"art{i}"
        folder.mkdir(parents=True)
        (folder / "source.en.txt").write_text(SOURCE, encoding="utf-8")
        (folder / "target.txt").write_text(TARGET + f"\n\nAdvertisement {i}\n", encoding="utf-8")
    return root


def batch(tmp_path: Path, *args: str) -> tuple[int, str]:
    """``mtcheck batch`` in a child process (the CLI's own exit code and stderr), rules only, quiet."""
    command = [sys.executable, "-m", "mtcheck", "batch", *args, "--no-models", "-q",
               "--store", str(tmp_path / "store.sqlite")]
    done = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, timeout=300)
    return done.returncode, done.stderr


# --- feed layouts ---------------------------------------------------------------------------------------

def test_a_feed_directory_gives_one_article_per_folder_and_names_what_it_left_out(tmp_path):
    make_feed(tmp_path / "feed", 2)
    (tmp_path / "feed" / "half").mkdir()
    (tmp_path / "feed" / "half" / "source.txt").write_text("x")
    (tmp_path / "feed" / "stray.txt").write_text("x")
    feed = feed_from_directory(str(tmp_path / "feed"))
    # A folder is an article, whatever it lacks: it gets a verdict (errored), not a warning.
    assert [(a.id, a.problem) for a in feed.articles] == [
        ("art0", None), ("art1", None), ("half", f"no target.* file in {tmp_path / 'feed' / 'half'}")]
    assert feed.articles[0].target.endswith(os.path.join("art0", "target.txt"))
    assert feed.articles[0].target_root == str(tmp_path / "feed")
    assert [line.split(": ", 1)[1] for line in feed.unmatched] == ["not an article folder"]


def test_two_directories_match_by_file_name(tmp_path):
    for side in ("src", "tgt"):
        (tmp_path / side).mkdir()
    for name in ("a.txt", "b.txt"):
        (tmp_path / "src" / name).write_text(SOURCE)
    for name in ("b.txt", "c.txt"):
        (tmp_path / "tgt" / name).write_text(TARGET)
    feed = feed_from_pair_directories(str(tmp_path / "src"), str(tmp_path / "tgt"))
    assert [(a.id, a.problem) for a in feed.articles] == [
        ("a", f"no translation of {tmp_path / 'src' / 'a.txt'} in {tmp_path / 'tgt'}"),
        ("b", None),
        ("c", f"no source for {tmp_path / 'tgt' / 'c.txt'} in {tmp_path / 'src'}"),
    ]
    assert (feed.articles[1].source_root, feed.articles[1].target_root) == (str(tmp_path / "src"), str(tmp_path / "tgt"))


@pytest.mark.parametrize("name, text", [
    ("feed.jsonl", '{"id": "one", "source": "a/s.txt", "target": "a/t.txt"}\n\n{"id": "two", "source": "a/s.txt", '
                   '"target": "missing.txt"}\n'),
    ("feed.csv", "id,source,target\none,a/s.txt,a/t.txt\ntwo,a/s.txt,missing.txt\n"),
])
def test_a_manifest_resolves_paths_from_its_own_folder(tmp_path, name, text):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "s.txt").write_text(SOURCE)
    (tmp_path / "a" / "t.txt").write_text(TARGET)
    (tmp_path / name).write_text(text)
    feed = feed_from_manifest(str(tmp_path / name))
    assert [(a.id, a.source, a.target) for a in feed.articles] == [
        ("one", str(tmp_path / "a" / "s.txt"), str(tmp_path / "a" / "t.txt")),
        ("two", str(tmp_path / "a" / "s.txt"), str(tmp_path / "missing.txt")),  # errored when it is read
    ]
    assert {a.target_root for a in feed.articles} == {str(tmp_path)}


@pytest.mark.parametrize("name, text, message", [
    ("m.jsonl", "{not json\n", "line 1: not JSON"),
    ("m.jsonl", '{"id": "x", "source": "s"}\n', "line 1: needs target"),
    ("m.csv", "name,path\nx,y\n", "needs a header with id, source and target"),
    ("m.csv", "id,source,target\nx,s,t\nx,s,t\n", "article id 'x' twice"),
])
def test_a_bad_manifest_is_one_input_error(tmp_path, name, text, message):
    for file in ("s", "t"):
        (tmp_path / file).write_text("text")
    (tmp_path / name).write_text(text)
    with pytest.raises(InputError, match=message):
        feed_from_manifest(str(tmp_path / name))


# --- the store ------------------------------------------------------------------------------------------

def test_the_key_covers_both_texts_and_the_signature_without_ambiguity():
    key = article_key(b"ab", b"c", "sig")
    assert key != article_key(b"a", b"bc", "sig")
    assert key != article_key(b"ab", b"c", "sig2")
    assert key == article_key(b"ab", b"c", "sig")


def test_the_store_is_sqlite_in_wal_mode_and_keeps_results_between_connections(tmp_path):
    path = tmp_path / "s.sqlite"
    with ResultStore(path) as store:
        store.put("k1", "a", "sig", '{"v": 1}', 0.5)
        store.put_error("k2", "b", "sig", "empty")
    with ResultStore(path) as store:
        assert store.documents(["k1", "k2", "k3"]) == {"k1": '{"v": 1}'}
        assert store.errors(["k1", "k2"]) == {"k2": "empty"}
        store.put("k2", "b", "sig", '{"v": 2}', 0.1)  # checked at last: no longer an error
        assert store.errors(["k2"]) == {}
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_store_opened_while_another_run_writes_it_waits_instead_of_failing(tmp_path):
    # What two runs starting on one fresh store meet: the file is not yet WAL and the other run holds
    # the write lock, so SQLite refuses the switch to WAL at once ("database is locked"), busy timeout or not.
    path = tmp_path / "s.sqlite"
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("CREATE TABLE early (x)")
    other.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.5, lambda: other.execute("COMMIT"))
    release.start()
    try:
        with ResultStore(path) as store:
            store.put("k1", "a", "sig", '{"v": 1}', 0.5)
            assert store.count() == 1
    finally:
        release.join()
        other.close()


def test_a_file_that_is_not_a_store_is_an_input_error(tmp_path):
    path = tmp_path / "s.sqlite"
    path.write_text("not a database at all, but long enough to be read as one" * 40)
    with pytest.raises(InputError, match="cannot use store"):
        ResultStore(path)


# --- the feed gate --------------------------------------------------------------------------------------

def _documents(n: int) -> list[Document]:
    return [Document(f"d{i}", Text("a"), Text("a"), (), (), ()) for i in range(n)]


@pytest.mark.parametrize("failed, settings, passed", [
    (0, {}, True),
    (1, {}, False),  # no limit set: one failed article fails the feed
    (2, {"max_failed": 2}, True),
    (3, {"max_failed": 2}, False),
    (1, {"max_failed_share": 0.25}, True),
    (2, {"max_failed_share": 0.25}, False),
    (2, {"max_failed": 5, "max_failed_share": 0.25}, False),  # both limits apply
])
def test_the_feed_gate_counts_failed_articles(failed, settings, passed):
    gates = [Gate(i >= failed, ("x",)) for i in range(4)]
    gate = feed_gate(_documents(4), gates, [], Config(**settings))
    assert gate.passed is passed
    assert gate.reasons[0].startswith(f"{failed} of 4 articles failed their gate")


@pytest.mark.parametrize("failed, errored, settings, passed", [
    (0, 1, {}, False),  # no limit set: one errored article fails the feed
    (1, 1, {"max_failed": 2}, True),
    (1, 2, {"max_failed": 2}, False),  # 3 failed or errored
    (0, 1, {"max_failed_share": 0.25}, True),  # 1 of 4 articles, errored ones counted in the share's base
    (0, 2, {"max_failed_share": 0.25}, False),
])
def test_errored_articles_count_against_the_feed_gate_as_failed_ones(failed, errored, settings, passed):
    documents = 4 - errored
    gates = [Gate(i >= failed) for i in range(documents)]
    errors = [ArticleError(f"bad{i}", "no target.* file in feed/bad") for i in range(errored)]
    gate = feed_gate(_documents(documents), gates, errors, Config(**settings))
    assert gate.passed is passed
    assert gate.reasons[0].startswith(f"{failed + errored} of 4 articles failed their gate or errored ({errored} errored)")
    # Named as errored, not as failed translations.
    assert gate.reasons[-1] == f"{errored} article{'s' if errored > 1 else ''} errored and went unchecked: " + \
        ", ".join(f"bad{i}" for i in range(errored))
    assert not any(reason.startswith("failed:") and "bad" in reason for reason in gate.reasons)


# --- the command ----------------------------------------------------------------------------------------

def test_a_rerun_checks_only_what_changed_and_gives_the_same_report(tmp_path):
    make_feed(tmp_path / "feed", 3)
    code, err = batch(tmp_path, "feed", "--format", "json", "--output", "first.json")
    assert code == 0, err
    assert "3 checked, 0 from the store" in err
    code, err = batch(tmp_path, "feed", "--format", "json", "--output", "again.json")
    assert "0 checked, 3 from the store" in err
    assert (tmp_path / "first.json").read_text() == (tmp_path / "again.json").read_text()
    (tmp_path / "feed" / "art1" / "target.txt").write_text(TARGET + "\n\nA changed line.\n", encoding="utf-8")
    code, err = batch(tmp_path, "feed")
    assert "1 checked, 2 from the store" in err
    code, err = batch(tmp_path, "feed", "--set", "length-ratio.run_on_above=9")  # changed settings: all again
    assert "3 checked, 0 from the store" in err


def test_bad_articles_are_errored_with_a_reason_and_the_run_goes_on(tmp_path):
    make_feed(tmp_path / "feed", 2)
    for name, data in (("empty", b""), ("binary", b"\x00\x01\x02binary"), ("big", b"x" * 3000)):
        folder = tmp_path / "feed" / name
        folder.mkdir()
        (folder / "source.txt").write_bytes(SOURCE.encode())
        (folder / "target.txt").write_bytes(data)
    code, err = batch(tmp_path, "feed", "--max-article-bytes", "2500", "--format", "json", "--output", "r.json")
    assert code == 2, err
    report = json.loads((tmp_path / "r.json").read_text())
    assert [d["id"] for d in report["documents"]] == ["art0", "art1"]
    reasons = {e["id"]: e["reason"] for e in report["errors"]}
    assert reasons["empty"].endswith("target.txt is empty")
    assert "looks binary" in reasons["binary"]
    assert "over the" in reasons["big"] and "--max-article-bytes" in reasons["big"]
    assert "3 articles errored and went unchecked: big, binary, empty" in report["gate"]["reasons"]
    # --allow-errors takes exit 2 away; the errored articles still count against the gate.
    code, _ = batch(tmp_path, "feed", "--max-article-bytes", "2500", "--allow-errors", "--max-failed", "3")
    assert code == 0
    code, _ = batch(tmp_path, "feed", "--max-article-bytes", "2500", "--allow-errors", "--max-failed", "2")
    assert code == 1


def test_a_timed_out_article_is_errored_and_the_others_are_checked(tmp_path):
    make_feed(tmp_path / "feed", 2)
    slow = tmp_path / "feed" / "slow"
    slow.mkdir()
    (slow / "source.txt").write_text("\n\n".join([SOURCE] * 400), encoding="utf-8")
    (slow / "target.txt").write_text("\n\n".join([TARGET] * 400), encoding="utf-8")
    code, err = batch(tmp_path, "feed", "--article-timeout", "2", "--format", "jsonl", "--output", "r.jsonl")
    lines = [json.loads(line) for line in (tmp_path / "r.jsonl").read_text().splitlines()]
    assert [line["document"]["id"] if line["document"] else line["error"]["id"] for line in lines] == \
        ["art0", "art1", "slow"]
    assert lines[2]["error"]["reason"] == "timed out after 2 s (--article-timeout)"
    assert code == 2


def test_usage_errors_exit_2_before_any_work(tmp_path, capsys):
    assert main(["batch"]) == 2
    assert main(["batch", str(tmp_path), "--manifest", "m.csv"]) == 2
    assert main(["batch", "--sources", str(tmp_path)]) == 2
    assert main(["batch", str(tmp_path / "nowhere")]) == 2
    assert main(["batch", str(tmp_path), "--address", "auto"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[-1] == f"mtcheck: error: no such feed directory: {tmp_path / 'nowhere'}" or "--executor ray" in err[-1]


def test_outputs_of_a_feed(tmp_path):
    make_feed(tmp_path / "feed", 2)
    code, err = batch(tmp_path, "feed", "--max-failed", "5", "--format", "jsonl", "--output", "r.jsonl",
                      "--format", "html", "--output", "pages", "--format", "markdown", "--output", "r.md")
    assert code == 0, err
    lines = (tmp_path / "r.jsonl").read_text().splitlines()
    assert [json.loads(line)["document"]["id"] for line in lines] == ["art0", "art1"]
    index = (tmp_path / "pages" / "index.html").read_text()
    for page in ("articles/0001-art0.html", "articles/0002-art1.html"):
        assert f'href="{page}"' in index
        assert "mtcheck-data" in (tmp_path / "pages" / page).read_text()
    assert "| art0 |" in (tmp_path / "r.md").read_text()
    assert not list(tmp_path.glob(".r.jsonl.*"))  # the streamed file's scratch copy is gone


def test_hostile_ids_cannot_name_a_page_outside_the_folder():
    from mtcheck.report.html_feed import page_name

    assert page_name(0, "../../etc/passwd") == "articles/0001-etc-passwd.html"
    assert page_name(4, "/") == "articles/0005-article.html"
    assert page_name(1, "a b\x1b[31m") == "articles/0002-a-b-31m.html"


# --- progress -------------------------------------------------------------------------------------------

class _Clock:
    def __init__(self):
        self.now = 100.0

    def monotonic(self):
        return self.now


def test_progress_in_a_log_is_a_plain_line_at_most_every_few_seconds(monkeypatch):
    import io

    from mtcheck.batch import progress as progress_module
    from mtcheck.batch.inputs import Article
    from mtcheck.batch.work import Outcome

    clock = _Clock()
    monkeypatch.setattr(progress_module, "time", clock)
    stream = io.StringIO()
    progress = progress_module.progress_for(stream)
    assert isinstance(progress, progress_module.PlainProgress)
    progress.start(4, 1, errored=0, findings=5)
    article = Article("a", "s", "t")
    for seconds, ok in ((6, True), (6, False), (6, True)):  # 6 s apart: the second line comes at 12 s
        clock.now += seconds
        progress.advance(Outcome(0, article, "k", "{}" if ok else None, None if ok else "bad"), 10 if ok else 0)
    progress.finish()
    assert stream.getvalue().splitlines() == [
        "mtcheck batch: 1/4 articles (1 from the store), 0 errored, 5 findings, 0.0/min, ETA —",
        "mtcheck batch: 3/4 articles (1 from the store), 1 errored, 15 findings, 10.0/min, ETA 0m06s",
        "mtcheck batch: 4/4 articles (1 from the store), 1 errored, 25 findings, 10.0/min, ETA —",
    ]


def test_progress_on_a_terminal_is_a_rich_bar():
    import io

    from rich.console import Console

    from mtcheck.batch.inputs import Article
    from mtcheck.batch.progress import RichProgress
    from mtcheck.batch.work import Outcome

    console = Console(file=io.StringIO(), force_terminal=True, width=100)
    progress = RichProgress(console)
    progress.start(2, 0)
    progress.advance(Outcome(0, Article("a", "s", "t"), "k", "{}"), 3)
    progress.advance(Outcome(1, Article("b", "s", "t"), "k", "{}"), 4)
    progress.finish()
    assert "2/2" in console.file.getvalue() and "7 findings" in console.file.getvalue()


def test_verdicts_and_settings_apply_to_each_article_without_checking_it_again(tmp_path):
    from mtcheck.report.verdicts import Verdict, verdicts_json

    make_feed(tmp_path / "feed", 2)
    code, err = batch(tmp_path, "feed", "--max-major", "0", "--format", "json", "--output", "first.json")
    assert code == 1, err
    first = json.loads((tmp_path / "first.json").read_text())
    article = first["documents"][0]
    major = [f for f in article["findings"] if f["severity"] in ("major", "critical")]
    assert major
    verdicts = [Verdict(f["fingerprint"], f["check"], f["target_span"]["text"] if f["target_span"] else "",
                        "false-alarm", "2026-12-02T00:00:00Z") for f in major]
    (tmp_path / "verdicts.json").write_text(verdicts_json(verdicts))
    code, err = batch(tmp_path, "feed", "--max-major", "0", "--verdicts", "verdicts.json",
                      "--format", "jsonl", "--output", "again.jsonl")
    assert "0 checked, 2 from the store" in err  # verdicts and gates are applied to what is stored
    lines = [json.loads(line) for line in (tmp_path / "again.jsonl").read_text().splitlines()]
    # A fingerprint names an error by its words, not by its article: the copy in art1 is dismissed too.
    assert [line["gate"]["passed"] for line in lines] == [True, True]
    assert {f["verdict"] for f in lines[0]["document"]["findings"] if f["severity"] == "major"} == {"false-alarm"}
    assert code == 0, err


def test_worker_processes_share_the_cpus_out():
    from mtcheck.batch.local_engine import worker_threads
    from mtcheck.models.threads import available_cpus

    assert worker_threads(Config(), 1).threads == available_cpus()
    assert worker_threads(Config(), available_cpus() * 2).threads == 1
    assert worker_threads(Config(threads=3), 2).threads == 3  # the user's choice stands


def test_a_workers_warm_up_loads_every_stages_tables_before_its_first_article():
    # So that --article-timeout bounds the checking alone: the judge's word-frequency table is one of the
    # tables the first article would otherwise load.
    from mtcheck.batch.work import warm_up
    from mtcheck.config import Config
    from mtcheck.english import frequency

    frequency._table.cache_clear()
    warm_up(Config(models=False))
    assert frequency._table.cache_info().currsize == 1


def test_a_workers_warm_up_keeps_numpys_blas_to_its_share_of_the_cpus():
    # OpenBLAS's idle threads spin: two workers each on two BLAS threads fought over two cores. In a fresh
    # interpreter, as a worker is: the limit is for the whole process.
    probe = (
        "from threadpoolctl import threadpool_info\n"
        "from mtcheck.batch.work import warm_up\n"
        "from mtcheck.config import Config\n"
        "import numpy\n"
        "blas = lambda: [p['num_threads'] for p in threadpool_info() if p['user_api'] == 'blas']\n"
        "before = blas()\n"
        "warm_up(Config(models=False, threads=1))\n"
        "print(before, blas())\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                          env={**os.environ, "OPENBLAS_NUM_THREADS": "2"})
    before, after = done.stdout.strip().split("] [")
    assert before == "[2" and after == "1]"
