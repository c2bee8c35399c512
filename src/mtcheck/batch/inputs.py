"""A feed's articles: which source file goes with which translation, from one of three layouts.

- a directory with one folder per article, each holding ``source.*`` and ``target.*``;
- two directories whose files match by name (``--sources DIR --targets DIR``);
- a manifest, JSONL or CSV with a header, of ``id, source, target``; its paths are relative to the manifest.

Every article the layout names gets a verdict: one that cannot be checked as
listed (a folder without a target, a source with no translation) is an
article with a ``problem``, reported as errored, never silently left out.
Each file has a root it must resolve inside (batch/files.py): the feed
directory, the manifest's folder, or its own ``--sources``/``--targets``
folder; ``follow_symlinks`` lifts it. A layout that is not there at all (no
such directory, a malformed manifest) is bad usage: one line, exit 2.
"""

from __future__ import annotations

import csv
import io
import json
import os
from dataclasses import dataclass
from pathlib import Path

from mtcheck.batch.files import LINK_OUT, inside
from mtcheck.errors import InputError
from mtcheck.read.text import shown

MANIFEST_FIELDS = ("id", "source", "target")


@dataclass(frozen=True)
class Article:
    id: str
    source: str | None  # paths as the feed gives them (joined to the manifest's folder); None: there is none
    target: str | None
    problem: str | None = None  # why it cannot be checked, known from the listing alone (one line)
    source_root: str | None = None  # the folder each file must resolve inside; None: links are followed anywhere
    target_root: str | None = None


@dataclass(frozen=True)
class Feed:
    articles: tuple[Article, ...]
    unmatched: tuple[str, ...] = ()  # entries that are no article at all (a stray file beside the article folders)


def feed_from_directory(folder: str, follow_symlinks: bool = False) -> Feed:
    """One article per sub-folder (its name is the id), each with one ``source.*`` and one ``target.*``."""
    root = _directory(folder, "feed directory")
    bound = None if follow_symlinks else root
    articles, unmatched = [], []
    for entry in sorted(os.scandir(root), key=lambda e: e.name):
        if entry.name.startswith("."):
            continue
        if not entry.is_dir():  # a stray file (or a link to one, or to nothing) is no article, and is never read
            unmatched.append(f"{shown(entry.path)}: not an article folder")
            continue
        if bound is not None and entry.is_symlink() and not inside(entry.path, bound):
            # A linked article folder that leads out: refused before it is even listed.
            articles.append(Article(entry.name, None, None, f"{shown(entry.path)}: {LINK_OUT}"))
            continue
        # Whatever is named source.* or target.* (a folder, a broken link too): reading it says what is wrong.
        try:
            names = sorted(f.name for f in os.scandir(entry.path) if not f.name.startswith("."))
        except OSError as error:  # unlistable or gone since the feed was listed: errored, the run goes on
            reason = f"{shown(entry.path)}: cannot list the article folder ({error.strerror or error})"
            articles.append(Article(entry.name, None, None, reason))
            continue
        sources = [os.path.join(entry.path, name) for name in names if _stem(name) == "source"]
        targets = [os.path.join(entry.path, name) for name in names if _stem(name) == "target"]
        problem = _which_missing(entry.path, sources, targets)
        articles.append(Article(entry.name, sources[0] if len(sources) == 1 else None,
                                targets[0] if len(targets) == 1 else None, problem, bound, bound))
    return Feed(tuple(articles), tuple(unmatched))


def feed_from_pair_directories(sources: str, targets: str, follow_symlinks: bool = False) -> Feed:
    """Files of the same name in both folders are one article; the id is the name without its extension.
    A name in one folder only is an errored article."""
    source_root = _directory(sources, "--sources directory")
    target_root = _directory(targets, "--targets directory")
    source_names, target_names = _files(source_root), _files(target_root)
    roots = (None, None) if follow_symlinks else (source_root, target_root)
    articles = []
    for name in sorted(source_names | target_names):
        source = os.path.join(source_root, name) if name in source_names else None
        target = os.path.join(target_root, name) if name in target_names else None
        problem = (f"no translation of {shown(source)} in {shown(target_root)}" if target is None
                   else f"no source for {shown(target)} in {shown(source_root)}" if source is None else None)
        articles.append(Article(_stem(name), source, target, problem, *roots))
    _unique_ids(articles, "two files whose names differ only in extension")
    return Feed(tuple(articles))


def feed_from_manifest(path: str, follow_symlinks: bool = False) -> Feed:
    """Rows of ``id, source, target``, JSONL (one object per line) or CSV with a header (by extension,
    else by whether the first character is ``{``). A row whose file is missing is an errored article."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"no such manifest: {shown(path)}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read manifest {shown(path)}: {getattr(error, 'strerror', None) or error}") from None
    is_jsonl = path.endswith((".jsonl", ".ndjson", ".json")) or (not path.endswith(".csv") and text.lstrip()[:1] == "{")
    rows = _jsonl_rows(text, path) if is_jsonl else _csv_rows(text, path)
    folder = os.path.dirname(path)
    bound = None if follow_symlinks else (folder or os.curdir)
    articles = []
    for line, row in rows:
        values = [row.get(name) for name in MANIFEST_FIELDS]
        if not all(isinstance(value, str) and value.strip() for value in values):
            missing = [name for name, value in zip(MANIFEST_FIELDS, values) if not (isinstance(value, str) and value.strip())]
            raise InputError(f"{shown(path)}, line {line}: needs {', '.join(missing)} (text)")
        article_id, source, target = (value.strip() for value in values)
        # Missing files, links out and paths out of the folder are found when the files are read (batch/files.py).
        articles.append(Article(article_id, os.path.join(folder, source), os.path.join(folder, target),
                                None, bound, bound))
    _unique_ids(articles, "the manifest names an id twice")
    return Feed(tuple(articles))


def _jsonl_rows(text: str, path: str) -> list[tuple[int, dict]]:
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(f"{shown(path)}, line {number}: not JSON ({error.msg})") from None
        if not isinstance(row, dict):
            raise InputError(f"{shown(path)}, line {number}: expected an object with id, source and target")
        rows.append((number, row))
    return rows


def _csv_rows(text: str, path: str) -> list[tuple[int, dict]]:
    reader = csv.DictReader(io.StringIO(text))
    header = [name.strip() for name in reader.fieldnames or ()]
    if not set(MANIFEST_FIELDS) <= set(header):
        raise InputError(f"{shown(path)}: a CSV manifest needs a header with id, source and target (got {', '.join(header) or 'none'})")
    reader.fieldnames = header
    try:
        return [(reader.line_num, row) for row in reader]
    except csv.Error as error:
        raise InputError(f"{shown(path)}, line {reader.line_num}: {error}") from None


def _directory(folder: str, what: str) -> str:
    if not os.path.isdir(folder):
        raise InputError(f"no such {what}: {shown(folder)}" if not os.path.exists(folder)
                         else f"{what} {shown(folder)} is not a directory")
    return folder


def _files(folder: str) -> set[str]:
    """The names that may be articles: files and links (a link to nothing too; reading it says so), not folders."""
    return {e.name for e in os.scandir(folder)
            if not e.name.startswith(".") and (e.is_symlink() or not e.is_dir(follow_symlinks=False))}


def _stem(name: str) -> str:
    return name.split(".", 1)[0]


def _which_missing(folder: str, sources: list[str], targets: list[str]) -> str | None:
    """Why an article folder is not one source and one target, or None when it is."""
    for side, found in (("source", sources), ("target", targets)):
        if len(found) > 1:
            names = ", ".join(shown(os.path.basename(path)) for path in found)
            return f"more than one {side}.* file in {shown(folder)}: {names}"
    if not sources and not targets:
        return f"no source.* or target.* file in {shown(folder)}"
    if not targets:
        return f"no target.* file in {shown(folder)}"
    return f"no source.* file in {shown(folder)}" if not sources else None


def _unique_ids(articles: list[Article], why: str) -> None:
    seen: set[str] = set()
    for article in articles:
        if article.id in seen:
            raise InputError(f"article id {article.id!r} twice: {why}")
        seen.add(article.id)
