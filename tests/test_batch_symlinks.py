"""`mtcheck batch` never reads through a link that leads out of the feed (unless --follow-symlinks): such an
article is errored with "links outside the feed are not followed", and the linked file's content appears in
no report. Links inside the feed are read. The root is the feed directory, the manifest's folder, or each of
--sources and --targets on its own. Rules only (--no-models)."""

from __future__ import annotations

import json
import os
import re
import threading
from pathlib import Path

import pytest

from mtcheck.batch import files
from mtcheck.batch.files import LINK_OUT, NAMED_OUT, read_file
from mtcheck.batch.inputs import feed_from_directory, feed_from_manifest, feed_from_pair_directories
from mtcheck.batch.work import article_bytes
from mtcheck.errors import InputError
from tests.test_batch import SOURCE, TARGET, batch, make_feed
from tests.test_batch_errors import ALL_FORMATS

# Reads as an English article, so that were it read, every format would quote it.
SECRET = "The secret root password of the newsroom server is hunter2-42. It must never be published anywhere."


def _outside(tmp_path: Path) -> Path:
    (tmp_path / "private").mkdir()
    secret = tmp_path / "private" / "secret.txt"
    secret.write_text(SECRET)
    (tmp_path / "private" / "source.txt").write_text(SECRET)
    (tmp_path / "private" / "target.txt").write_text(SECRET)
    return secret


def _report_files(folder: Path) -> list[Path]:
    return [*folder.glob("r.*"), *folder.glob("pages/**/*.html")]


def test_links_out_of_the_feed_are_errored_and_their_content_is_in_no_report(tmp_path):
    secret = _outside(tmp_path)
    feed = make_feed(tmp_path / "feed", 1)
    (feed / "inside").mkdir()  # a link to another article's file: inside the feed, read
    (feed / "inside" / "source.txt").symlink_to(Path("..") / "art0" / "source.en.txt")
    (feed / "inside" / "target.txt").write_text(TARGET)
    (feed / "linked-file").mkdir()
    (feed / "linked-file" / "source.txt").write_text(SOURCE)
    (feed / "linked-file" / "target.txt").symlink_to(secret)
    (feed / "linked-folder").symlink_to(tmp_path / "private", target_is_directory=True)
    (feed / "relative-link").mkdir()
    (feed / "relative-link" / "source.txt").write_text(SOURCE)
    (feed / "relative-link" / "target.txt").symlink_to(Path("..") / ".." / "private" / "secret.txt")
    code, err = batch(tmp_path, "feed", "--max-failed", "100", "--store", "store.sqlite", *ALL_FORMATS)
    assert code == 2, err
    for path in _report_files(tmp_path):
        assert "hunter2" not in path.read_text(encoding="utf-8"), path.name
    assert b"hunter2" not in (tmp_path / "store.sqlite").read_bytes()
    report = json.loads((tmp_path / "r.json").read_text())
    assert [d["id"] for d in report["documents"]] == ["art0", "inside"]
    reasons = {e["id"]: e["reason"] for e in report["errors"]}
    assert reasons == {
        "linked-file": f"{os.path.join('feed', 'linked-file', 'target.txt')}: {LINK_OUT}",
        "linked-folder": f"{os.path.join('feed', 'linked-folder')}: {LINK_OUT}",
        "relative-link": f"{os.path.join('feed', 'relative-link', 'target.txt')}: {LINK_OUT}",
    }
    assert "links outside the feed are not followed" in LINK_OUT


def test_follow_symlinks_reads_them(tmp_path):
    secret = _outside(tmp_path)
    feed = make_feed(tmp_path / "feed", 1)
    (feed / "linked-file").mkdir()
    (feed / "linked-file" / "source.txt").write_text(SOURCE)
    (feed / "linked-file" / "target.txt").symlink_to(secret)
    (feed / "linked-folder").symlink_to(tmp_path / "private", target_is_directory=True)
    code, err = batch(tmp_path, "feed", "--follow-symlinks", "--max-failed", "100", "--format", "jsonl",
                      "--output", "r.jsonl")
    assert code == 0, err
    lines = [json.loads(line) for line in (tmp_path / "r.jsonl").read_text().splitlines()]
    assert [line["document"]["id"] for line in lines] == ["art0", "linked-file", "linked-folder"]
    assert "hunter2" in (tmp_path / "r.jsonl").read_text()  # what the default run above keeps out


def test_a_manifests_root_is_its_folder(tmp_path):
    secret = _outside(tmp_path)
    folder = tmp_path / "feed"
    folder.mkdir()
    (folder / "s.txt").write_text(SOURCE)
    (folder / "t.txt").write_text(TARGET)
    (folder / "link-in.txt").symlink_to("t.txt")
    (folder / "link-out.txt").symlink_to(secret)
    (folder / "m.jsonl").write_text("".join(json.dumps({"id": i, "source": "s.txt", "target": t}) + "\n" for i, t in (
        ("plain", "t.txt"), ("in", "link-in.txt"), ("out", "link-out.txt"), ("up", "../private/secret.txt"),
        ("absolute", str(secret)))))
    articles = {a.id: a for a in feed_from_manifest(str(folder / "m.jsonl")).articles}
    assert article_bytes(articles["plain"], 10**6) == article_bytes(articles["in"], 10**6)
    for name, why in (("out", LINK_OUT), ("up", NAMED_OUT), ("absolute", NAMED_OUT)):
        with pytest.raises(InputError) as refused:
            article_bytes(articles[name], 10**6)
        assert str(refused.value) == f"{articles[name].target}: {why}", name
    followed = {a.id: a for a in feed_from_manifest(str(folder / "m.jsonl"), follow_symlinks=True).articles}
    assert article_bytes(followed["out"], 10**6)[1] == SECRET.encode()


def test_sources_and_targets_are_each_their_own_root(tmp_path):
    for side in ("src", "tgt"):
        (tmp_path / side).mkdir()
    (tmp_path / "src" / "a.txt").write_text(SOURCE)
    (tmp_path / "tgt" / "a.txt").symlink_to(tmp_path / "src" / "a.txt")  # out of tgt/, though not out of tmp_path
    (tmp_path / "src" / "b.txt").write_text(SOURCE)
    (tmp_path / "tgt" / "b.txt").write_text(TARGET)
    (tmp_path / "tgt" / "b-copy.txt").symlink_to("b.txt")
    (tmp_path / "src" / "b-copy.txt").write_text(SOURCE)
    articles = {a.id: a for a in feed_from_pair_directories(str(tmp_path / "src"), str(tmp_path / "tgt")).articles}
    with pytest.raises(InputError, match=re.escape(LINK_OUT)):
        article_bytes(articles["a"], 10**6)
    assert article_bytes(articles["b"], 10**6) == article_bytes(articles["b-copy"], 10**6)


def test_a_link_swapped_in_after_the_check_is_still_refused(tmp_path, monkeypatch):
    """TOCTOU: the check passes (here, forced to), then the file opened turns out to lie outside the root;
    the descriptor itself is checked against the root before a byte is read."""
    secret = _outside(tmp_path)
    (tmp_path / "feed").mkdir()
    (tmp_path / "feed" / "t.txt").symlink_to(secret)
    monkeypatch.setattr(files, "outside_reason", lambda path, root: None)
    with pytest.raises(InputError, match=re.escape(LINK_OUT)):
        read_file(str(tmp_path / "feed" / "t.txt"), str(tmp_path / "feed"), 10**6)


def test_what_is_not_a_regular_file_is_refused_without_waiting(tmp_path):
    (tmp_path / "fifo").mkdir()
    os.mkfifo(tmp_path / "fifo" / "target.txt")
    (tmp_path / "dir").mkdir()
    (tmp_path / "dir" / "target.txt").mkdir()
    outcome: list[str] = []

    def read() -> None:
        try:
            read_file(str(tmp_path / "fifo" / "target.txt"), str(tmp_path), 100)
        except InputError as error:
            outcome.append(str(error))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(timeout=5)
    assert outcome == [f"{tmp_path / 'fifo' / 'target.txt'} is not a regular file"]  # a FIFO never blocks it
    with pytest.raises(InputError, match="is a directory"):
        read_file(str(tmp_path / "dir" / "target.txt"), str(tmp_path), 100)
    (tmp_path / "big.txt").write_text("x" * 101)
    with pytest.raises(InputError, match="over the"):
        read_file(str(tmp_path / "big.txt"), str(tmp_path), 100)


def test_a_linked_article_folder_inside_the_feed_is_an_article(tmp_path):
    feed = make_feed(tmp_path / "feed", 1)
    (feed / "alias").symlink_to("art0", target_is_directory=True)
    (feed / "stray.txt").symlink_to(tmp_path / "nowhere")  # a link to no folder: no article, never read
    listed = feed_from_directory(str(feed))
    assert [(a.id, a.problem) for a in listed.articles] == [("alias", None), ("art0", None)]
    assert article_bytes(listed.articles[0], 10**6) == article_bytes(listed.articles[1], 10**6)
    assert [line.split(": ", 1)[1] for line in listed.unmatched] == ["not an article folder"]
