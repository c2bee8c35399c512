"""The user cache: where converted models live, keyed by content, published atomically.

Several mtcheck processes may start at once on a fresh machine (a CI matrix, a
shell loop). Each builds its cache entry in a private temporary directory next
to the final one and renames it into place; the rename is atomic, so a reader
sees either no entry or a complete one, never a half-written folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Callable

# Temporary folders a killed process left behind are removed after this long;
# a live writer touches its folder far more often than that.
STALE_TEMP_SECONDS = 3600

_digests: dict[tuple[str, int, int], str] = {}


def cache_root() -> Path:
    """``$MTCHECK_CACHE``, else ``$XDG_CACHE_HOME/mtcheck``, else ``~/.cache/mtcheck``."""
    explicit = os.environ.get("MTCHECK_CACHE")
    if explicit:
        return Path(explicit).expanduser()
    # The XDG spec says a relative XDG_CACHE_HOME is invalid and must be ignored.
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "mtcheck"
    return Path.home() / ".cache" / "mtcheck"


def file_digest(path: str | os.PathLike[str]) -> str:
    """sha256 hex digest of a file, remembered while its size and mtime stay the same."""
    resolved = os.path.realpath(path)
    stat = os.stat(resolved)
    key = (resolved, stat.st_size, stat.st_mtime_ns)
    if key not in _digests:
        digest = hashlib.sha256()
        with open(resolved, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        _digests[key] = digest.hexdigest()
    return _digests[key]


def atomic_directory(final: Path, write: Callable[[Path], None]) -> Path:
    """Return ``final``, first building it with ``write(folder)`` if it does not exist.

    ``write`` fills a fresh empty folder on the same filesystem as ``final``;
    the folder is then renamed to ``final`` in one step. If another process
    published ``final`` meanwhile, ours is discarded and theirs is used. If
    ``write`` raises, nothing is published and the temporary folder is removed.
    """
    final = Path(final)
    if final.is_dir():
        return final
    final.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_temps(final)
    scratch = Path(tempfile.mkdtemp(prefix=f".{final.name}.", suffix=".tmp", dir=final.parent))
    try:
        write(scratch)
        _sync_tree(scratch)
        try:
            # rename() refuses to replace a non-empty directory, which is exactly
            # the "someone else won" signal we want (os.replace behaves the same
            # for directories on POSIX, and raises on Windows).
            os.rename(scratch, final)
        except OSError:
            if not final.is_dir():
                raise
    finally:
        if scratch.exists():
            shutil.rmtree(scratch, ignore_errors=True)
    return final


def write_atomically(path: Path, text: str) -> None:
    """Write a small cache file whole or not at all: a temporary file beside it, then one rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, scratch = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(scratch, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(scratch)
        raise


def _sync_tree(folder: Path) -> None:
    # Without fsync a power cut after the rename can leave a complete-looking
    # folder with empty files; it costs about a second, once per machine.
    for path in folder.rglob("*"):
        if path.is_file():
            with open(path, "rb") as handle:
                os.fsync(handle.fileno())


def _remove_stale_temps(final: Path) -> None:
    cutoff = time.time() - STALE_TEMP_SECONDS
    for leftover in final.parent.glob(f".{final.name}.*.tmp"):
        try:
            if leftover.stat().st_mtime < cutoff:
                shutil.rmtree(leftover, ignore_errors=True)
        except OSError:
            pass  # another process removed it first
