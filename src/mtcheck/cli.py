"""Command line: parse arguments, run the pipeline, render, set the exit code.

Exit codes: 0 the gate passed, 1 the gate failed, 2 bad usage or input.
Heavy modules (numpy, sacrebleu, rich) load inside the commands, so that
``mtcheck --help`` answers at once.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import fields
from datetime import datetime, timezone
from pathlib import Path
from typing import Sequence

from mtcheck import __version__
from mtcheck.errors import InputError

EXIT_PASS, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, never the usage block
        raise InputError(f"{message} (see '{self.prog} --help')")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="mtcheck", description="Check machine-translated news articles against their source.")
    parser.add_argument("--version", action="version", version=f"mtcheck {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    compare = commands.add_parser(
        "compare",
        help="compare a translation with its English source",
        description="Align TARGET with SOURCE, flag artifacts, score, and gate. "
        "Exit 0: passed; 1: the gate failed; 2: bad usage or input.",
    )
    compare.add_argument("source", nargs="?", metavar="SOURCE", help="the English source article")
    compare.add_argument("target", nargs="?", metavar="TARGET", help="its translation")
    compare.add_argument("--pairs", metavar="FILE", help="pre-aligned pairs (JSONL or TSV) instead of two articles")
    compare.add_argument("--format", choices=("rich", "json"), default="rich", help="report format (default: rich)")
    compare.add_argument("--output", "-o", metavar="PATH", help="write the report to PATH instead of the terminal")
    compare.add_argument(
        "--save", nargs="?", const="reports", metavar="DIR",
        help="also save the JSON report into DIR (default: reports/)",
    )
    compare.add_argument("--config", metavar="FILE", help="settings file (default: ./mtcheck.toml, ./pyproject.toml)")
    compare.add_argument("--max-critical", type=_count, metavar="N", help="fail with more than N critical findings")
    compare.add_argument("--max-major", type=_count, metavar="N", help="fail with more than N major findings")
    compare.add_argument("--min-quality", type=_quality, metavar="Q", help="fail when a document's quality is below Q")
    compare.add_argument("--checks", type=_names, metavar="A,B", help="run only these checks")
    compare.add_argument("--skip-checks", type=_names, metavar="A,B", help="do not run these checks")
    compare.add_argument(
        "--no-models", dest="models", action="store_const", const=False,
        help="rules and sacrebleu only: no language model or embedder (fastest)",
    )
    compare.add_argument("--lm", metavar="MODEL", help="causal LM for fluency: Hub id or path (default: packaged SmolLM2)")
    compare.add_argument(
        "--embedder", metavar="MODEL", help="sentence embedder: Hub id or path (default: packaged all-MiniLM-L6-v2)"
    )
    compare.add_argument("--dtype", choices=("auto", "float32", "bfloat16"), help="model weights (default: auto)")
    compare.set_defaults(handler=run_compare)

    checks = commands.add_parser("checks", help="list the available checks", description="List the checks.")
    checks.set_defaults(handler=run_checks)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        if args.command is None:
            build_parser().print_help()
            return EXIT_USAGE
        return args.handler(args)
    except InputError as error:
        print(f"mtcheck: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


def run_compare(args: argparse.Namespace) -> int:
    from mtcheck.config import Config, load_config
    from mtcheck.io import read_pairs, read_text
    from mtcheck.pipeline import build_report, compare_records, compare_texts, selected_checks

    if args.pairs and (args.source or args.target):
        raise InputError("give either SOURCE and TARGET or --pairs FILE, not both")
    if not args.pairs and not (args.source and args.target):
        raise InputError("compare needs SOURCE and TARGET, or --pairs FILE")
    config = load_config(explicit=Path(args.config) if args.config else None)
    # Every setting has a flag of the same name; unset flags leave the files' values.
    flags = {
        field.name: getattr(args, field.name)
        for field in fields(Config)
        if getattr(args, field.name, None) is not None
    }
    config = config.merged(flags, "command line")
    selected_checks(config)  # unknown names fail before any file or model loads
    if args.pairs:
        records = read_pairs(args.pairs)
        documents = compare_records(records, config, default_id=Path(args.pairs).stem)
    else:
        source, target = read_text(args.source), read_text(args.target)
        documents = [compare_texts(source, target, config, doc_id=str(args.target))]
    report = build_report(documents, config, pre_aligned=bool(args.pairs))
    _emit(report, args)
    return EXIT_PASS if report.gate.passed else EXIT_FAIL


def _emit(report, args: argparse.Namespace) -> None:
    from mtcheck.report.json import render_json

    if args.save:
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        name = Path(args.pairs or args.target).stem
        saved = _write(Path(args.save) / f"{name}-{stamp}.json", render_json(report))
        print(f"mtcheck: saved {saved}", file=sys.stderr)
    if args.format == "json":
        text = render_json(report)
        if args.output:
            _write(Path(args.output), text)
        else:
            sys.stdout.write(text)
        return
    from rich.console import Console

    from mtcheck.report.terminal import render_terminal

    if args.output:
        with _open_output(Path(args.output)) as handle:
            Console(file=handle, width=120, no_color=True, highlight=False).print(render_terminal(report))
    else:
        Console(highlight=False).print(render_terminal(report))


def _write(path: Path, text: str) -> Path:
    with _open_output(path) as handle:
        handle.write(text)
    return path


def _open_output(path: Path):
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return path.open("w", encoding="utf-8")
    except OSError as error:
        raise InputError(f"cannot write {path}: {error.strerror or error}") from None


def run_checks(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table

    from mtcheck.checks import all_checks

    table = Table(title="mtcheck checks", title_justify="left")
    table.add_column("name", no_wrap=True, style="bold")
    table.add_column("category", no_wrap=True)
    table.add_column("severity", no_wrap=True)
    table.add_column("finds")
    for name, check in sorted(all_checks().items()):
        summary = (check.__doc__ or "").strip().splitlines()[0] if check.__doc__ else ""
        table.add_row(name, check.category, check.severity.value, summary)
    Console(highlight=False).print(table)
    return EXIT_PASS


def _count(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"expected a whole number >= 0, got '{value}'")
    return int(value)


def _quality(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not 0 <= number <= 100:
        raise argparse.ArgumentTypeError(f"expected a number from 0 to 100, got '{value}'")
    return number


def _names(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(",") if part.strip())
