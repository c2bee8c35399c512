"""How far a feed run is, on stderr: a rich progress bar on a terminal, a plain line every few seconds in a log.

A CI log is not a terminal: a bar redrawn with carriage returns there is a
storm of half-lines, so when stderr is not a terminal a line such as

    mtcheck batch: 12/40 articles (3 from the store), 1 errored, 57 findings, 6.1/min, ETA 4m35s

is printed at most every ``PLAIN_EVERY`` seconds, and once at the end.
Article ids never appear here: they are data, and the report names them.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

from mtcheck.batch.work import Outcome

PLAIN_EVERY = 10.0  # seconds between two plain progress lines


class _Counts:
    def __init__(self) -> None:
        self.total = self.reused = self.done = self.errored = self.findings = self.known = 0
        self.started = time.monotonic()

    def start(self, total: int, reused: int, errored: int = 0, findings: int = 0) -> None:
        """``reused``: documents from the store; ``errored``: articles errored before any check (unreadable,
        refused, or errored as stored). Both are done before the run starts."""
        self.total, self.reused, self.known = total, reused, reused + errored
        self.done, self.errored, self.findings = self.known, errored, findings
        self.started = time.monotonic()

    def add(self, outcome: Outcome, findings: int) -> None:
        self.done += 1
        self.errored += not outcome.ok
        self.findings += findings

    def rate(self) -> float:
        """Articles checked (not known before the run) per minute."""
        elapsed = time.monotonic() - self.started
        return (self.done - self.known) * 60 / elapsed if elapsed > 0 else 0.0

    def eta(self) -> str:
        rate = self.rate()
        if rate <= 0 or self.done >= self.total:
            return "—"
        seconds = int((self.total - self.done) * 60 / rate)
        return f"{seconds // 60}m{seconds % 60:02d}s"

    def line(self) -> str:
        return (f"mtcheck batch: {self.done}/{self.total} articles ({self.reused} from the store), "
                f"{self.errored} errored, {self.findings} findings, {self.rate():.1f}/min, ETA {self.eta()}")


class PlainProgress(_Counts):
    def __init__(self, stream: TextIO | None = None, every: float = PLAIN_EVERY):
        super().__init__()
        self.stream = stream or sys.stderr
        self.every = every
        self._last = 0.0

    def start(self, total: int, reused: int, errored: int = 0, findings: int = 0) -> None:
        super().start(total, reused, errored, findings)
        self._say()

    def advance(self, outcome: Outcome, findings: int) -> None:
        self.add(outcome, findings)
        if time.monotonic() - self._last >= self.every:
            self._say()

    def finish(self) -> None:
        self._say()

    def _say(self) -> None:
        self._last = time.monotonic()
        print(self.line(), file=self.stream, flush=True)


class RichProgress(_Counts):
    """A bar with articles done, rate, ETA and findings so far, on a terminal's stderr."""

    def __init__(self, console=None):
        from rich.console import Console

        super().__init__()
        self.console = console or Console(stderr=True)
        self._progress = None

    def start(self, total: int, reused: int, errored: int = 0, findings: int = 0) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        super().start(total, reused, errored, findings)
        self._progress = Progress(
            TextColumn("mtcheck batch"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[status]}"),
            TimeElapsedColumn(), console=self.console, transient=False,
        )
        self._progress.start()
        self._task = self._progress.add_task("articles", total=total, completed=self.done, status=self._status())

    def advance(self, outcome: Outcome, findings: int) -> None:
        self.add(outcome, findings)
        self._progress.update(self._task, completed=self.done, status=self._status())

    def finish(self) -> None:
        if self._progress is not None:
            self._progress.update(self._task, completed=self.done, status=self._status())
            self._progress.stop()

    def _status(self) -> str:
        return (f"{self.reused} stored · {self.errored} errored · {self.findings} findings · "
                f"{self.rate():.1f}/min · ETA {self.eta()}")


class NoProgress(_Counts):
    def advance(self, outcome: Outcome, findings: int) -> None:
        self.add(outcome, findings)

    def finish(self) -> None:
        pass


def progress_for(stream: TextIO | None = None, quiet: bool = False):
    """A bar where stderr is a terminal, plain lines where it is not, nothing when ``quiet``."""
    stream = stream or sys.stderr
    if quiet:
        return NoProgress()
    isatty = getattr(stream, "isatty", lambda: False)
    return RichProgress() if isatty() else PlainProgress(stream)
