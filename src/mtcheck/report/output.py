"""Where reports go: atomic file writes, special files, stdout.

A report file is either complete or absent: it is written to a temporary
file in the destination's own folder (named as temp_files.py says, so a
leftover of a killed run can be swept), flushed and fsync'd, then renamed over
the destination in one step (``os.replace``), so a disk filling up, an I/O
error or a Ctrl-C halfway never leaves a truncated report, and an earlier
report at that path survives a failed run. The one exception is a feed's
JSONL (``streamed_file``), which a reader follows as it grows. Devices, FIFOs and anything under
/dev or /proc (``/dev/stdout``, ``/dev/full``) cannot be renamed over; they
are written in place. Every failure, including one that only surfaces on the
final flush, becomes an ``OutputError`` (one line, exit 2). A closed pipe on
stdout (``mtcheck ... | head``) raises ``BrokenPipeError``, which the CLI
ends quietly on.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import Iterable, Iterator

from mtcheck.report import temp_files
from mtcheck.errors import OutputError
from mtcheck.read.text import shown

# Paths that name a stream or a kernel object rather than a file: even when
# they resolve to a regular file (``--output /dev/stdout > log``), replacing
# that file would cut it loose from the shell's redirection.
_SPECIAL_ROOTS = ("/dev/", "/proc/")
# --save retries with -2, -3, ... when reports land in the same second.
_MAX_SAVE_ATTEMPTS = 1000


def write_file(path: str | os.PathLike, text: str | Iterable[str]) -> Path:
    """Write ``text`` (UTF-8; a string or its pieces) to ``path`` atomically, or in place for a special file."""
    path = Path(path)
    if is_special(path):
        _write_in_place(path, text)
        return path
    # Through a symlink, the file it points to is replaced and the link kept.
    final = Path(os.path.realpath(path))
    _make_folder(final.parent, shown_as=path)
    mode = _mode_for(final)
    with _guard(path):
        scratch = _temporary(final.parent, final.name, text, mode)
        try:
            os.replace(scratch, final)
        except BaseException:
            _remove(scratch)
            raise
        _sync_directory(final.parent)
    return path


@contextlib.contextmanager
def streamed_file(path: str | os.PathLike) -> Iterator:
    """A text handle on ``path`` itself, for a report a reader follows as it grows (a feed's JSONL, a line
    per article as the run reaches it). The one report not written atomically: ``path`` is emptied at the
    start and each line is there once ``flush`` returns, so a run that stops early leaves the whole lines of
    the articles it reached, and no temporary file. fsync'd at the end; a symlink is followed."""
    path = Path(path)
    special = is_special(path)
    if not special:
        _make_folder(Path(os.path.realpath(path)).parent, shown_as=path)
    with _guard(path), open(path, "w", encoding="utf-8") as handle:
        yield handle
        handle.flush()
        if not special:
            os.fsync(handle.fileno())


def save_new(directory: str | os.PathLike, stem: str, stamp: str, text: str | Iterable[str]) -> Path:
    """Write ``text`` to a new ``directory/stem-stamp[-N].json``; never replaces a file.

    The name is claimed with an exclusive create (``O_EXCL``), so two runs in
    the same second, even two processes, each get their own report; the
    complete text is then renamed over the claimed, still empty, file.
    """
    directory = Path(directory)
    _make_folder(directory)
    mode = _mode_for(None)
    with _guard(directory):
        for attempt in range(1, _MAX_SAVE_ATTEMPTS + 1):
            name = directory / f"{stem}-{stamp}{'' if attempt == 1 else f'-{attempt}'}.json"
            try:
                os.close(os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode))
            except FileExistsError:
                continue
            try:
                os.replace(_temporary(directory, name.name, text, mode), name)
            except BaseException:
                _remove(name)
                raise
            _sync_directory(directory)
            return name
    raise OutputError(f"cannot save into {shown(directory)}: {_MAX_SAVE_ATTEMPTS} reports named {stem}-{stamp}")


def check_destinations(outputs: Iterable[str | os.PathLike], inputs: Iterable[str | os.PathLike]) -> None:
    """Refuse, before any work, an output that is one of the inputs or a folder."""
    existing_inputs = [Path(p) for p in inputs if p is not None and os.path.exists(p)]
    for output in outputs:
        if output is None or not os.path.exists(output):
            continue
        for source in existing_inputs:
            if os.path.samefile(output, source):
                raise OutputError(f"refusing to write the report over the input file {shown(source)}")
        if os.path.isdir(output):
            raise OutputError(f"cannot write the report to {shown(output)}: it is a directory")


def check_save_directory(directory: str | os.PathLike, inputs: Iterable[str | os.PathLike]) -> None:
    """``--save DIR`` must be a folder (or not exist yet), never an input file."""
    if not os.path.exists(directory) or os.path.isdir(directory):
        return
    for source in inputs:
        if source is not None and os.path.exists(source) and os.path.samefile(directory, source):
            raise OutputError(f"--save {shown(directory)}: that is an input file, not a folder")
    raise OutputError(f"--save {shown(directory)}: not a folder")


@contextlib.contextmanager
def stdout_guard() -> Iterator[None]:
    """Turn write failures on stdout into one line; the final flush is inside."""
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        raise OutputError(f"cannot write to stdout: {_reason(error)}") from None
    except UnicodeEncodeError:
        encoding = getattr(sys.stdout, "encoding", None) or "its encoding"
        raise OutputError(
            f"cannot write to stdout: the report has characters {encoding} cannot encode (set PYTHONIOENCODING=utf-8)"
        ) from None


def stdout_console(**options):
    """A rich ``Console`` on stdout that lets a closed pipe raise ``BrokenPipeError``.

    rich's own handler exits with status 1, which to mtcheck's callers means
    "the gate failed".
    """
    from rich.console import Console

    class _StdoutConsole(Console):
        def on_broken_pipe(self) -> None:
            self.quiet = True  # drop what is still buffered
            raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))

    return _StdoutConsole(**options)


def is_special(path: str | os.PathLike) -> bool:
    """A stream or kernel object (/dev/stdout, a FIFO): written in place, never renamed over."""
    absolute = os.path.abspath(path)
    if absolute.startswith(_SPECIAL_ROOTS):
        return True
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False  # absent (or unreadable): the atomic path reports it
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _write_in_place(path: Path, text: str | Iterable[str]) -> None:
    with _guard(path):
        # close() flushes: /dev/full's ENOSPC surfaces there for a short report.
        with open(path, "w", encoding="utf-8") as handle:
            _write_all(handle, text)


def _temporary(folder: Path, name: str, text: str | Iterable[str], mode: int) -> Path:
    """A complete, fsync'd temporary copy of ``text`` in ``folder``."""
    descriptor, scratch_name = tempfile.mkstemp(prefix=temp_files.prefix(name), suffix=".tmp", dir=folder)
    scratch = Path(scratch_name)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            _write_all(handle, text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(scratch, mode)
    except BaseException:
        _remove(scratch)
        raise
    return scratch


def _write_all(handle, text: str | Iterable[str]) -> None:
    # A report may come in pieces (streamed JSON), so that it never has to
    # exist as one string.
    if isinstance(text, str):
        handle.write(text)
    else:
        handle.writelines(text)


def _mode_for(final: Path | None) -> int:
    """The existing file's permissions, else what a plain ``open`` would give (0666 less the umask)."""
    if final is not None:
        with contextlib.suppress(OSError):
            return stat.S_IMODE(os.stat(final).st_mode)
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _make_folder(folder: Path, shown_as: Path | None = None) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"cannot write {shown(shown_as or folder)}: {_reason(error)}") from None


def _sync_directory(folder: Path) -> None:
    # Makes the rename itself durable. Some filesystems cannot fsync a folder;
    # the report is already in place by then, so that is no reason to fail.
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


@contextlib.contextmanager
def _guard(path: Path) -> Iterator[None]:
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as error:
        raise OutputError(f"cannot write {shown(path)}: {_reason(error)}") from None


def _reason(error: OSError) -> str:
    return error.strerror or str(error) or type(error).__name__
