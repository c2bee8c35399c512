"""mtcheck's temporary report files: how they are named, and sweeping up the ones a killed run left.

An atomic write (output.py) fills ``.NAME.mtcheck-PID-HOST-XXXXXXXX.tmp``
beside NAME and renames it over NAME. Any failure removes it, Ctrl-C
included; only a process killed outright (SIGKILL, the OOM killer, a power
cut) leaves it behind. The name says who wrote it, so a later run can tell a
leftover from a file another run is still writing.

``sweep(folder)`` removes a file only when every one of these holds:

1. its name matches that pattern exactly (a dot, a name, ``.mtcheck-``, a
   process id, a host, mkstemp's 8 random characters, ``.tmp``): nothing
   another program names is ever touched, and neither is a file of an older
   mtcheck, whose temporary names said nothing of mtcheck;
2. it is a regular file itself, not a link or a folder;
3. its writer is gone: it was written on this host by a process that no
   longer runs, or it has not been modified for ``STALE_SECONDS`` (a writer
   on another host sharing the folder; a process id taken again since).
   A writer that is alive keeps writing: a report's temporary file lives for
   the seconds it takes to write one report, its time of modification moving
   with every buffer written, and an hour without a write means no one is.

SQLite's ``-wal`` and ``-shm`` files beside a store are not temporary: they
hold committed results, and are never swept.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import stat
import time
from pathlib import Path
from typing import Iterable

STALE_SECONDS = 3600.0
# mkstemp's random part: 8 characters of tempfile's alphabet.
_PATTERN = re.compile(r"\..+\.mtcheck-(?P<pid>[0-9]+)-(?P<host>[A-Za-z0-9]{1,20})-[a-z0-9_]{8}\.tmp")


def this_host() -> str:
    return re.sub(r"[^A-Za-z0-9]", "", socket.gethostname())[:20] or "host"


def prefix(name: str) -> str:
    """mkstemp's prefix for a temporary copy of ``name`` (its suffix is ``.tmp``)."""
    return f".{name}.mtcheck-{os.getpid()}-{this_host()}-"


def is_ours(name: str) -> bool:
    return _PATTERN.fullmatch(name) is not None


def sweep(folders: Iterable[str | os.PathLike], now: float | None = None) -> list[Path]:
    """Remove the stale temporary files mtcheck left in ``folders``; the paths removed. Never raises: a folder
    that is not there or cannot be listed has nothing to sweep, and a file another run removed first is fine."""
    now = time.time() if now is None else now
    host = this_host()
    removed = []
    for folder in dict.fromkeys(Path(f) for f in folders):
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            match = _PATTERN.fullmatch(entry.name)
            if match is None:
                continue
            with contextlib.suppress(OSError):
                info = entry.stat(follow_symlinks=False)
                if not stat.S_ISREG(info.st_mode):
                    continue
                gone = match["host"] == host and not _running(int(match["pid"]))
                if gone or now - info.st_mtime > STALE_SECONDS:
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)  # signal 0: asks whether the process exists, sends nothing
    except ProcessLookupError:
        return False
    except (OverflowError, OSError):  # PermissionError among them
        pass  # someone else's process, or a number we cannot ask about: assume it runs
    return True
