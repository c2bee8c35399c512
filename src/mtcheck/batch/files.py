"""Reading an article's file: bounded in size, and never through a link that leads out of the feed.

A feed comes from elsewhere (a vendor's upload, a CMS export), and its
reports are uploaded in turn (SARIF, JUnit, JSONL as CI artefacts): a
``target.txt`` linked to ``/etc/passwd`` would be read and published. So each
file is resolved (``os.path.realpath``, every link on the way followed) and
must lie inside its root: the feed directory, the manifest's folder, or its
own ``--sources``/``--targets`` folder. ``--follow-symlinks`` gives no root.

The check and the read must be about the same file (TOCTOU): the resolved
path is what is opened, with ``O_NOFOLLOW`` so a link swapped in for its last
component is refused, and, where ``/proc`` shows what a descriptor opened,
the opened file is checked against the root once more, so a folder on the
way swapped for a link cannot lead out either.
"""

from __future__ import annotations

import os
import stat

from mtcheck.errors import InputError
from mtcheck.read.text import shown

LINK_OUT = "links outside the feed are not followed (--follow-symlinks follows them)"
NAMED_OUT = "is outside the manifest's folder, and files outside the feed are not read (--follow-symlinks reads them)"
# O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, and hold a worker until its timeout.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


def inside(path: str, root: str) -> bool:
    """Whether ``path`` (resolved) lies in or under ``root`` (resolved)."""
    return _within(os.path.realpath(path), os.path.realpath(root))


def outside_reason(path: str, root: str) -> str | None:
    """Why ``path`` may not be read under ``root``, or None when it may."""
    if inside(path, root):
        return None
    # Named inside the root yet resolving out of it: a link on the way leads out.
    named_inside = _within(os.path.abspath(path), os.path.abspath(root))
    return f"{shown(path)}: {LINK_OUT if named_inside else NAMED_OUT}"


def read_file(path: str, root: str | None, max_bytes: int) -> bytes:
    """The file's bytes; an InputError (one line) when it is outside ``root``, missing, not a regular file,
    unreadable or over ``max_bytes``."""
    if "\0" in path:  # a manifest may say anything; the OS would refuse it with a ValueError, not an OSError
        raise InputError(f"{shown(path)}: a file name cannot hold a NUL character")
    if root is not None and (why := outside_reason(path, root)) is not None:
        raise InputError(why)
    resolved = os.path.realpath(path)
    try:
        descriptor = os.open(resolved, _OPEN_FLAGS)
    except FileNotFoundError:
        broken = " (a link to nothing)" if os.path.islink(path) else ""
        raise InputError(f"no such file: {shown(path)}{broken}") from None
    except OSError as error:
        raise InputError(f"cannot read {shown(path)}: {error.strerror or error}") from None
    try:
        if root is not None and not _opened_inside(descriptor, root):
            raise InputError(f"{shown(path)}: {LINK_OUT}")
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(f"{shown(path)} is a directory")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{shown(path)} is not a regular file")
        if info.st_size > max_bytes:
            raise InputError(_oversized(path, info.st_size, max_bytes))
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            data = handle.read(max_bytes + 1)
    except OSError as error:
        raise InputError(f"cannot read {shown(path)}: {error.strerror or error}") from None
    finally:
        os.close(descriptor)
    if len(data) > max_bytes:  # it grew since fstat
        raise InputError(_oversized(path, len(data), max_bytes))
    return data


def _opened_inside(descriptor: int, root: str) -> bool:
    try:
        opened = os.readlink(f"/proc/self/fd/{descriptor}")
    except OSError:
        return True  # no /proc here: the realpath check before the open is all there is
    return _within(opened, os.path.realpath(root))


def _within(path: str, bound: str) -> bool:
    """Whether ``path`` is ``bound`` or under it; both absolute, and normalised alike."""
    return os.path.commonpath([path, bound]) == bound


def _oversized(path: str, size: int, max_bytes: int) -> str:
    return (f"{shown(path)} is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.1f} MB an article may be "
            "(--max-article-bytes)")
