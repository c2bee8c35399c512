"""Command line: parse arguments, run the pipeline, render, set the exit code.

Exit codes (docs/cli.md): 0 the gate passed, 1 the gate failed, 2 bad usage,
unreadable input or an unwritable output, 3 an internal error; 130 on Ctrl-C,
141 (quietly) when stdout is a pipe closed early. Heavy modules (numpy,
sacrebleu, rich) load inside the commands, so that ``mtcheck --help``
answers at once.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
import traceback
from pathlib import Path
from typing import Sequence

from mtcheck import __version__
from mtcheck.errors import InputError
from mtcheck.cli.options import add_report_options, add_settings_options, settings_from
from mtcheck.report.emit import pairs as report_targets
from mtcheck.read.text import STDIN, shown  # light: no numpy, no models

EXIT_PASS, EXIT_FAIL, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
# 128 + the signal, as a shell reports a process that SIGINT or SIGPIPE ended.
EXIT_INTERRUPTED, EXIT_BROKEN_PIPE = 130, 141
# The document id of an article read from stdin, and its --save file name.
STDIN_ID = "<stdin>"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, never the usage block
        raise InputError(f"{message} (see '{self.prog} --help')")


def build_parser() -> argparse.ArgumentParser:
    from mtcheck.read.pairs import PAIRS_FORMATS

    parser = _Parser(prog="mtcheck", description="Check machine-translated news articles against their source.")
    parser.add_argument("--version", action="version", version=f"mtcheck {__version__}")
    _add_global_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    compare = commands.add_parser(
        "compare",
        help="compare a translation with its English source",
        description="Align TARGET with SOURCE, flag artifacts, score, and gate. "
        "Exit 0: passed; 1: the gate failed; 2: bad usage, input or output; 3: internal error.",
    )
    _add_global_options(compare, in_command=True)
    compare.add_argument("source", nargs="?", metavar="SOURCE", help="the English source article ('-': stdin)")
    compare.add_argument("target", nargs="?", metavar="TARGET", help="its translation ('-': stdin)")
    compare.add_argument(
        "--pairs", metavar="FILE", help="pre-aligned pairs (JSONL or TSV) instead of two articles ('-': stdin)"
    )
    compare.add_argument(
        "--pairs-format", choices=PAIRS_FORMATS,
        help="how --pairs FILE is written (default: by its extension, else its content)",
    )
    add_report_options(compare)
    compare.add_argument(
        "--save", nargs="?", const="reports", metavar="DIR",
        help="also save the JSON report into DIR (default: reports/)",
    )
    add_settings_options(compare)
    compare.set_defaults(handler=run_compare)

    checks = commands.add_parser("checks", help="list the available checks", description="List the checks.")
    _add_global_options(checks, in_command=True)
    checks.set_defaults(handler=run_checks)

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


def run_compare(args: argparse.Namespace) -> int:
    from mtcheck.read.text import decode_warning, read_text
    from mtcheck.read.pairs import read_pairs_file
    from mtcheck.report.output import check_destinations, check_save_directory
    from mtcheck.pipeline import build_report, compare_records, compare_texts

    _check_inputs(args)
    config, config_files, verdicts = settings_from(args, _say)
    # Refused before any work, so that a mistyped --output cannot eat an input.
    inputs = [path for path in (args.source, args.target, args.pairs, *config_files) if path and path != STDIN]
    targets = report_targets(getattr(args, "reports", None))
    check_destinations([output for _, output in targets], inputs)
    if args.save:
        check_save_directory(args.save, inputs)
    if args.pairs:
        records, warning = read_pairs_file(args.pairs, format=args.pairs_format)
        _warn_decoding(warning)
        default_id = STDIN_ID if args.pairs == STDIN else Path(args.pairs).stem
        documents = compare_records(records, config, default_id=default_id)
    else:
        source = read_text(args.source)
        _warn_decoding(decode_warning(source))
        target = read_text(args.target)
        _warn_decoding(decode_warning(target))
        doc_id = STDIN_ID if args.target == STDIN else str(args.target)
        with stage_progress(sys.stderr) as progress:
            documents = [compare_texts(source, target, config, doc_id=doc_id, progress=progress)]
    report = build_report(documents, config, pre_aligned=bool(args.pairs), verdicts=verdicts, handed=True)
    _emit(report, args, targets)
    return EXIT_PASS if report.gate.passed else EXIT_FAIL


@contextlib.contextmanager
def stage_progress(stream):
    """A callback that shows the stage a check is in, with a spinner and the time so far, on ``stream`` when
    it is a terminal (a models run takes seconds to a minute); None, and nothing shown, when it is not. The
    line is cleared when the block ends, so the report starts on a clean screen."""
    if not getattr(stream, "isatty", lambda: False)():
        yield None
        return
    from rich.console import Console

    console = Console(file=stream, highlight=False)
    with console.status("mtcheck: starting", spinner="dots") as status:
        yield lambda stage: status.update(f"mtcheck: {stage}")


def _check_inputs(args: argparse.Namespace) -> None:
    if args.pairs and (args.source or args.target):
        raise InputError("give either SOURCE and TARGET or --pairs FILE, not both")
    if not args.pairs and not (args.source and args.target):
        raise InputError("compare needs SOURCE and TARGET, or --pairs FILE")
    if args.source == STDIN and args.target == STDIN:
        raise InputError("only one of SOURCE and TARGET can be '-' (stdin)")
    if args.pairs_format and not args.pairs:
        raise InputError("--pairs-format needs --pairs FILE")


def _warn_decoding(warning: str | None) -> None:
    if warning:
        _say(f"warning: {warning}")


def _emit(report, args: argparse.Namespace, targets, feed: bool = False) -> None:
    from mtcheck.report.emit import emit
    from mtcheck.report.terminal_findings import Listing
    from mtcheck.types import Severity

    emit(report, targets, listing=Listing(Severity(args.min_severity), args.show_furniture, args.list_all),
         save=getattr(args, "save", None), named=getattr(args, "pairs", None) or getattr(args, "target", None),
         say=_say, feed=feed)


def run_checks(args: argparse.Namespace) -> int:
    from rich.table import Table
    from rich.text import Text

    from mtcheck.checks import all_checks
    from mtcheck.report.output import stdout_console, stdout_guard

    table = Table(title="mtcheck checks", title_justify="left")
    table.add_column("name", no_wrap=True, style="bold")
    table.add_column("category", no_wrap=True)
    table.add_column("severity", no_wrap=True)
    table.add_column("finds")
    for name, check in sorted(all_checks().items()):
        table.add_row(name, check.category, check.severity.value, check.summary())
    from mtcheck.grade.judge.judging import CHECK, SUMMARY

    table.add_row(CHECK, "Accuracy/… or Fluency/Grammar", "minor", SUMMARY)
    with stdout_guard():
        console = stdout_console(highlight=False)
        console.print(table)
        if args.verbose:
            console.print(Text("\n".join(parameter_lines(all_checks().values()))), soft_wrap=True)
    return EXIT_PASS


def parameter_lines(checks) -> list[str]:
    """``NAME.param = default  meaning``, one line per parameter of every check, by check name,
    then of every analysis, with the checks that read it."""
    from mtcheck.analyses import ANALYSES
    from mtcheck.params import described, shown_value

    checks = sorted(checks, key=lambda c: c.name)
    lines = ["", "Parameters ([checks.NAME] in mtcheck.toml, [tool.mtcheck.checks.NAME] in pyproject.toml,"
             " --set NAME.param=VALUE):"]
    for check in checks:
        for info in described(check.Params):
            lines.append(f"{check.name}.{info.name} = {shown_value(info.default)}  {info.meaning}")
    lines += ["", "Analyses several checks read ([analyses.NAME], [tool.mtcheck.analyses.NAME], --set NAME.param=VALUE):"]
    for name, analysis in sorted(ANALYSES.items()):
        readers = ", ".join(check.name for check in checks if name in check.needs)
        lines.append(f"{name}: read by {readers or 'no check'}")
        for info in described(analysis.Params):
            lines.append(f"{name}.{info.name} = {shown_value(info.default)}  {info.meaning}")
    return lines
