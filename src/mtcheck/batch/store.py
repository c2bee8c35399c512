"""Checked articles kept between runs: SQLite in WAL mode, one row per (article content, settings).

The key is the sha256 of the source bytes, the target bytes and the report
signature (mtcheck version, segmenter, aligner, models, judge, every changed
parameter), so a rerun finds an unchanged article under the same settings and
a changed article or setting misses. Each result is written in a transaction
of its own: a run killed at any moment (SIGKILL included) leaves every
finished result whole and no half-written one, and WAL lets two runs on one
store read while the other writes (SQLite serialises the writers; a busy
writer is waited for, not an error).

Documents are kept in batch/codec.py's JSON, compressed: plain data, never pickle.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
import zlib
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable

from mtcheck.errors import InputError
from mtcheck.read.text import shown

SCHEMA_VERSION = "1"
BUSY_SECONDS = 60.0  # how long a writer waits for another run's transaction
_LOOKUP_CHUNK = 500  # keys per SELECT: SQLite caps the parameters of one statement


def article_key(source: bytes, target: bytes, signature: str) -> str:
    """sha256 over each part's length and bytes, so no two different triples can run together."""
    digest = hashlib.sha256()
    for part in (source, target, signature.encode("utf-8")):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


class ResultStore:
    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # Autocommit: every write below opens and commits its own transaction.
            self._db = sqlite3.connect(self.path, timeout=BUSY_SECONDS, isolation_level=None)
            into_wal(self._db)
            # NORMAL with WAL: a committed result survives the process being killed; only a power
            # failure can take back the last few commits, never corrupt the file.
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._create()
        except sqlite3.DatabaseError as error:
            raise InputError(f"cannot use store {shown(self.path)}: {error}") from None
        except OSError as error:
            raise InputError(f"cannot use store {shown(self.path)}: {error.strerror or error}") from None

    def _create(self) -> None:
        with self._transaction():
            self._db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, article TEXT NOT NULL, "
                "signature TEXT NOT NULL, document BLOB NOT NULL, seconds REAL NOT NULL, stored_at TEXT NOT NULL)"
            )
            # Articles that cannot be checked as they are (empty, binary, a check that raises on them): a rerun
            # under the same settings would fail them again, so it reports them without a worker. Timeouts and
            # dead workers are never kept: they may pass next time.
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS errors (key TEXT PRIMARY KEY, article TEXT NOT NULL, "
                "signature TEXT NOT NULL, reason TEXT NOT NULL, stored_at TEXT NOT NULL)"
            )
            self._db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
        (version,) = self._db.execute("SELECT value FROM meta WHERE name = 'schema'").fetchone()
        if version != SCHEMA_VERSION:
            raise InputError(f"store {shown(self.path)} is of schema {version}, this mtcheck writes {SCHEMA_VERSION}: "
                             "give another --store")

    def _transaction(self):
        return _Transaction(self._db)

    def documents(self, keys: Iterable[str]) -> dict[str, str]:
        """The stored document JSON of each key that has one."""
        return {key: zlib.decompress(blob).decode("utf-8") for key, blob in self._select("results", "document", keys)}

    def errors(self, keys: Iterable[str]) -> dict[str, str]:
        """The stored one-line reason of each key that errored for good."""
        return dict(self._select("errors", "reason", keys))

    def _select(self, table: str, column: str, keys: Iterable[str]) -> list[tuple[str, object]]:
        keys = list(dict.fromkeys(keys))
        rows: list[tuple[str, object]] = []
        for start in range(0, len(keys), _LOOKUP_CHUNK):
            chunk = keys[start : start + _LOOKUP_CHUNK]
            marks = ",".join("?" * len(chunk))
            rows += self._db.execute(f"SELECT key, {column} FROM {table} WHERE key IN ({marks})", chunk).fetchall()
        return rows

    def put_error(self, key: str, article: str, signature: str, reason: str) -> None:
        stamp = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with self._transaction():
            self._db.execute("INSERT OR REPLACE INTO errors VALUES (?, ?, ?, ?, ?)", (key, article, signature, reason, stamp))

    def put(self, key: str, article: str, signature: str, document: str, seconds: float) -> None:
        stamp = datetime.now(timezone.utc).isoformat(timespec="seconds")
        blob = zlib.compress(document.encode("utf-8"), 6)
        with self._transaction():
            self._db.execute("INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?, ?)",
                             (key, article, signature, blob, seconds, stamp))
            self._db.execute("DELETE FROM errors WHERE key = ?", (key,))

    def count(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM results").fetchone()[0]

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> ResultStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def into_wal(db: sqlite3.Connection, patience: float = BUSY_SECONDS) -> None:
    """Switch the file to WAL, waiting out another run that is doing the same.

    Two runs that open a fresh store at once both hold a shared lock when they ask
    for WAL; SQLite answers one of them "database is locked" at once, without its
    busy handler (waiting could deadlock). Once the other has switched, asking
    again finds WAL already set and succeeds.
    """
    deadline = time.monotonic() + patience
    while True:
        try:
            db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error: a write is whole or absent."""

    def __init__(self, db: sqlite3.Connection):
        self._db = db

    def __enter__(self) -> None:
        # IMMEDIATE takes the write lock at once, so a second run waits here (busy timeout), not at COMMIT.
        self._db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind, value, traceback) -> None:
        self._db.execute("COMMIT" if kind is None else "ROLLBACK")
