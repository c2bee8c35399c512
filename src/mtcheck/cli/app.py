"""Command line: parse arguments, dispatch to the command (cli/compare.py, checks.py, batch.py, calibrate.py,
verdicts.py), set the exit code.

Exit codes (docs/cli.md): 0 the gate passed, 1 the gate failed, 2 bad usage,
unreadable input or an unwritable output, 3 an internal error; 130 on Ctrl-C,
141 (quietly) when stdout is a pipe closed early. Heavy modules (numpy,
sacrebleu, rich) load inside the commands, so that ``mtcheck --help``
answers at once.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import traceback
from typing import Sequence

from mtcheck import __version__
from mtcheck.errors import InputError

EXIT_PASS, EXIT_FAIL, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
# 128 + the signal, as a shell reports a process that SIGINT or SIGPIPE ended.
EXIT_INTERRUPTED, EXIT_BROKEN_PIPE = 130, 141
# The document id of an article read from stdin, and its --save file name.
STDIN_ID = "<stdin>"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, never the usage block
        raise InputError(f"{message} (see '{self.prog} --help')")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="mtcheck", description="Check machine-translated news articles against their source.")
    parser.add_argument("--version", action="version", version=f"mtcheck {__version__}")
    _add_global_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    from mtcheck.cli.compare import add_compare

    add_compare(commands, _add_global_options)
    from mtcheck.cli.checks import add_checks

    add_checks(commands, _add_global_options)
    from mtcheck.cli.calibrate import add_calibrate

    add_calibrate(commands, _add_global_options)
    from mtcheck.cli.verdicts import add_verdicts

    add_verdicts(commands, _add_global_options)
    from mtcheck.cli.batch import add_batch

    add_batch(commands, _add_global_options)
    return parser


def _add_global_options(parser: argparse.ArgumentParser, *, in_command: bool = False) -> None:
    # Accepted before and after the command; SUPPRESS keeps a command's unset
    # default from overwriting `mtcheck --debug compare ...`.
    default = argparse.SUPPRESS if in_command else False
    parser.add_argument(
        "--debug", action="store_true", default=default, help="show the traceback of an internal error (exit 3)"
    )
    parser.add_argument(
        "--verbose", "-v", action="store_true", default=default, help="say on stderr which settings files are used"
    )


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = None
    try:
        args = build_parser().parse_args(argv)
        if args.command is None:
            build_parser().print_help()
            return EXIT_USAGE
        return args.handler(args)
    except InputError as error:
        _say(f"error: {error}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except SystemExit as stop:
        if stop.code in (None, 0):  # --help, --version
            raise
        error: BaseException = stop  # a library's sys.exit(1) would pass for a failed gate
    except Exception as caught:  # noqa: BLE001 - the last line of defence, MemoryError included
        error = caught
    return _internal_error(error, getattr(args, "debug", "--debug" in argv))


def _internal_error(error: BaseException, debug: bool) -> int:
    """Exit 3: one line naming the exception; the traceback only with --debug."""
    if debug:
        traceback.print_exception(error, file=sys.stderr)
    detail = str(error) or ("out of memory" if isinstance(error, MemoryError) else "")
    line = f"internal error: {type(error).__name__}" + (f": {detail}" if detail else "")
    _say(line if debug else f"{line} (run with --debug for the traceback)")
    return EXIT_INTERNAL


def _say(message: str) -> None:
    """One line on stderr. Messages quote file names and ids, which are data: no control gets through."""
    from mtcheck.report.inert import inert

    print(inert(f"mtcheck: {message}", one_line=True), file=sys.stderr)


def _silence_stdout() -> None:
    # The reader is gone; point stdout at /dev/null so that Python's own flush
    # at exit does not raise again and print "Exception ignored ...".
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        pass


def _emit(report, args: argparse.Namespace, targets, feed: bool = False) -> None:
    from mtcheck.report.emit import emit
    from mtcheck.report.terminal_findings import Listing
    from mtcheck.types import Severity

    emit(report, targets, listing=Listing(Severity(args.min_severity), args.show_furniture, args.list_all),
         save=getattr(args, "save", None), named=getattr(args, "pairs", None) or getattr(args, "target", None),
         say=_say, feed=feed)
