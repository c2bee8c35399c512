"""Where `compare`'s reports go: each ``--format`` to its ``--output`` (or one of them to stdout), and ``--save``.

``--format`` and ``--output`` pair up in order: ``--format json --output
r.json --format sarif --output r.sarif``. A format given without an output
goes to stdout, and only one may. The pairing is checked before any work
(``report_targets``), so a mistyped command line fails in a millisecond, not after
the models have read the article.
"""

from __future__ import annotations

import argparse
import io
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable, Sequence

from mtcheck.errors import InputError
from mtcheck.plugins import Registry
from mtcheck.read.text import STDIN, shown
from mtcheck.types import Report

# Each format but rich: its renderer, imported when asked for (mtcheck.plugins; a plugin adds a format
# through the ``mtcheck.renderers`` entry points). A renderer takes a ``Report`` and gives its text in
# pieces (json, jsonl and github stream: the JSON of a 10 MB article is ~100 MB) or whole.
RENDERERS: Registry[Callable[[Report], str | Iterable[str]]] = Registry("mtcheck.renderers", {
    "json": "mtcheck.report.json:iter_json",
    "jsonl": "mtcheck.report.json:iter_jsonl",
    "html": "mtcheck.report.html:render_html",
    "github": "mtcheck.report.github:iter_github",
    "markdown": "mtcheck.report.markdown:render_markdown",
    "junit": "mtcheck.report.junit:render_junit",
    "sarif": "mtcheck.report.sarif:render_sarif",
})
FORMATS = ("rich", *RENDERERS.names())


class ReportAction(argparse.Action):
    """``--format`` and ``--output`` as one ordered list of ("format"|"output", value), so they can pair up."""

    def __call__(self, parser, namespace, value, option_string=None):
        events = list(getattr(namespace, "reports", None) or [])
        events.append((self.dest, value))
        namespace.reports = events


def report_targets(events: Sequence[tuple[str, str]] | None) -> list[tuple[str, str | None]]:
    """(format, output or None for stdout) per report to write, from the flags in command-line order.

    An ``--output`` belongs to the ``--format`` just before it, or, given before any open one, to the next
    ``--format`` (``--output r.json --format json``); with no ``--format`` at all, to the terminal report.
    """
    done: list[tuple[str, str | None]] = []
    open_formats: list[str] = []
    waiting: list[str] = []
    for kind, value in events or ():
        if kind == "format":
            if waiting:
                done.append((value, waiting.pop(0)))
            else:
                open_formats.append(value)
        elif open_formats:
            done.append((open_formats.pop(), value))
        else:
            waiting.append(value)
    if waiting and (done or open_formats):
        raise InputError(f"--output {waiting[0]} has no --format of its own")
    if len(waiting) > 1:
        raise InputError("several --output for one report: give each --output its --format")
    done += [("rich", output) for output in waiting]
    done += [(name, None) for name in open_formats]
    if not done:
        done = [("rich", None)]
    if sum(output is None for _, output in done) > 1:
        raise InputError("only one --format can go to stdout: give the others an --output")
    outputs = [output for _, output in done if output is not None]
    if len(set(outputs)) < len(outputs):
        raise InputError("two --output name the same file")
    return done


def emit(report: Report, targets: Sequence[tuple[str, str | None]], *, listing=None, save: str | None = None,
         named: str | None = None, say: Callable[[str], None] = print, feed: bool = False) -> None:
    """``feed``: a batch's report: the terminal shows the feed's table, and html writes a folder of pages."""
    from mtcheck.report.output import save_new, stdout_guard, write_file
    from mtcheck.report.json import iter_json

    if save:
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        name = "stdin" if named in (None, STDIN) else Path(named).stem
        say(f"saved {shown(save_new(save, name, stamp, iter_json(report)))}")
    for name, output in targets:
        if name == "rich":
            _rich(report, output, listing, feed)
            continue
        if name == "html" and feed:
            _feed_pages(report, output)
            continue
        pieces = _pieces(name, report)
        if output:
            write_file(output, pieces)
        else:
            with stdout_guard():
                sys.stdout.writelines(pieces)


def _pieces(name: str, report: Report) -> Iterable[str]:
    text = RENDERERS.get(name)(report)
    return [text] if isinstance(text, str) else text


def _feed_pages(report: Report, folder: str | None) -> None:
    """A feed's review pages go into a folder: each written atomically, the index last, so a folder whose
    index exists holds every page it links to."""
    from mtcheck.report.output import write_file
    from mtcheck.report.html_feed import feed_pages

    if folder is None:
        raise InputError("--format html for a feed writes a folder of pages: give it --output DIR")
    for name, text in feed_pages(report):
        write_file(Path(folder) / name, text)


def _rich(report: Report, output: str | None, listing, feed: bool = False) -> None:
    from rich.console import Console

    from mtcheck.report.output import stdout_console, stdout_guard, write_file
    from mtcheck.report.terminal import render_terminal
    from mtcheck.report.terminal_feed import render_feed_terminal

    render = render_feed_terminal if feed else render_terminal  # a feed: its table, not every finding

    if output:
        # Rendered whole, then written like any report: atomically, or not at all.
        console = Console(file=io.StringIO(), width=120, no_color=True, highlight=False)
        console.print(render(report, listing))
        write_file(output, console.file.getvalue())
    else:
        with stdout_guard():
            stdout_console(highlight=False).print(render(report, listing))
