"""``mtcheck compare``: one article against its source (or a pairs file), its report and its gate."""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

from mtcheck.cli.app import EXIT_FAIL, EXIT_PASS, STDIN_ID, _emit, _say
from mtcheck.cli.options import add_report_options, add_settings_options, settings_from
from mtcheck.errors import InputError
from mtcheck.read.text import STDIN
from mtcheck.report.emit import report_targets


def add_compare(commands, _add_global_options) -> None:
    from mtcheck.read.pairs import PAIRS_FORMATS

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


def run_compare(args: argparse.Namespace) -> int:
    from mtcheck.read.text import decode_warning, read_text
    from mtcheck.read.pairs import read_pairs_file
    from mtcheck.report.output import check_destinations, check_save_directory
    from mtcheck.handover import Handover
    from mtcheck.pipeline import compare_records, compare_texts
    from mtcheck.report.build import build_report

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
    box = Handover(documents)  # build_report lets each graded document go as it finishes it
    del documents
    report = build_report(box, config, pre_aligned=bool(args.pairs), verdicts=verdicts)
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
