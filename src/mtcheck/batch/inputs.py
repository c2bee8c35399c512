"""A feed's articles: which source file goes with which translation, from one of three layouts.

- a directory with one folder per article, each holding ``source.*`` and ``target.*``;
- two directories whose files match by name (``--sources DIR --targets DIR``);
- a manifest, JSONL or CSV with a header, of ``id, source, target``; its paths are relative to the manifest.

What cannot be matched (a folder without a target, a source with no
translation) is listed by name and left out; it never stops the run. A
layout that is not there at all (no such directory, a malformed manifest) is
bad usage: one line, exit 2.
"""

from __future__ import annotations

import csv
import io
import json
import os
from dataclasses import dataclass
from pathlib import Path

from mtcheck.errors import InputError
from mtcheck.io import shown

MANIFEST_FIELDS = ("id", "source", "target")


@dataclass(frozen=True)
class Article:
    id: str
    source: str  # paths as the feed gives them (joined to the manifest's folder)
    target: str


@dataclass(frozen=True)
class Feed:
    articles: tuple[Article, ...]
    unmatched: tuple[str, ...] = ()  # one line per file or folder left out, saying why


def feed_from_directory(folder: str) -> Feed:
    """One article per sub-folder (its name is the id), each with one ``source.*`` and one ``target.*``."""
    root = _directory(folder, "feed directory")
    articles, unmatched = [], []
    for entry in sorted(os.scandir(root), key=lambda e: e.name):
        if entry.name.startswith("."):
            continue
        if not entry.is_dir():
            unmatched.append(f"{shown(entry.path)}: not an article folder")
            continue
        files = sorted(f.name for f in os.scandir(entry.path) if f.is_file() and not f.name.startswith("."))
        sources = [name for name in files if _stem(name) == "source"]
        targets = [name for name in files if _stem(name) == "target"]
        if len(sources) == 1 and len(targets) == 1:
            articles.append(Article(entry.name, os.path.join(entry.path, sources[0]),
                                    os.path.join(entry.path, targets[0])))
        else:
            unmatched.append(f"{shown(entry.path)}: {_which_missing(sources, targets)}")
    return Feed(tuple(articles), tuple(unmatched))


def feed_from_pair_directories(sources: str, targets: str) -> Feed:
    """Files of the same name in both folders are one article; the id is the name without its extension."""
    source_root = _directory(sources, "--sources directory")
    target_root = _directory(targets, "--targets directory")
    source_names, target_names = _files(source_root), _files(target_root)
    articles = [Article(_stem(name), os.path.join(source_root, name), os.path.join(target_root, name))
                for name in sorted(source_names & target_names)]
    unmatched = [f"{shown(os.path.join(source_root, n))}: no translation of that name" for n in sorted(source_names - target_names)]
    unmatched += [f"{shown(os.path.join(target_root, n))}: no source of that name" for n in sorted(target_names - source_names)]
    _unique_ids(articles, "two files whose names differ only in extension")
    return Feed(tuple(articles), tuple(unmatched))


def feed_from_manifest(path: str) -> Feed:
    """Rows of ``id, source, target``, JSONL (one object per line) or CSV with a header (by extension,
    else by whether the first character is ``{``)."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"no such manifest: {shown(path)}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read manifest {shown(path)}: {getattr(error, 'strerror', None) or error}") from None
    is_jsonl = path.endswith((".jsonl", ".ndjson", ".json")) or (not path.endswith(".csv") and text.lstrip()[:1] == "{")
    rows = _jsonl_rows(text, path) if is_jsonl else _csv_rows(text, path)
    folder = os.path.dirname(path)
    articles, unmatched = [], []
    for line, row in rows:
        values = [row.get(name) for name in MANIFEST_FIELDS]
        if not all(isinstance(value, str) and value.strip() for value in values):
            missing = [name for name, value in zip(MANIFEST_FIELDS, values) if not (isinstance(value, str) and value.strip())]
            raise InputError(f"{shown(path)}, line {line}: needs {', '.join(missing)} (text)")
        article_id, source, target = (value.strip() for value in values)
        article = Article(article_id, os.path.join(folder, source), os.path.join(folder, target))
        missing_files = [p for p in (article.source, article.target) if not os.path.exists(p)]
        if missing_files:
            unmatched.append(f"{article_id}: no such file {', '.join(shown(p) for p in missing_files)}")
        else:
            articles.append(article)
    _unique_ids(articles, "the manifest names an id twice")
    return Feed(tuple(articles), tuple(unmatched))


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
    return {e.name for e in os.scandir(folder) if e.is_file() and not e.name.startswith(".")}


def _stem(name: str) -> str:
    return name.split(".", 1)[0]


def _which_missing(sources: list[str], targets: list[str]) -> str:
    if not sources and not targets:
        return "no source.* or target.* file"
    if len(sources) > 1 or len(targets) > 1:
        return f"more than one {'source' if len(sources) > 1 else 'target'}.* file"
    return "no target.* file" if not targets else "no source.* file"


def _unique_ids(articles: list[Article], why: str) -> None:
    seen: set[str] = set()
    for article in articles:
        if article.id in seen:
            raise InputError(f"article id {article.id!r} twice: {why}")
        seen.add(article.id)
