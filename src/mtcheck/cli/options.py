"""The options `compare` and `batch` share: what to check and how to gate it, and where the reports go.

Every setting has a flag of the same name (``--max-major`` sets ``max_major``), so ``settings_from`` can
merge the flags given over the settings files without a table of them.
"""

from __future__ import annotations

import argparse
from dataclasses import fields
from pathlib import Path
from typing import Callable

from mtcheck.report.emit import FORMATS, ReportAction
from mtcheck.errors import InputError
from mtcheck.read.text import shown


def add_report_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format", action=ReportAction, choices=FORMATS, metavar="FORMAT",
        help="report format: rich (terminal, the default), json, jsonl (a line per document), html (a self-contained "
        "review page), github "
        "(workflow annotations), markdown (a summary), junit (JUnit XML, a test case per article) or sarif "
        "(SARIF 2.1.0, for code scanning); repeatable, each paired with the --output in its place",
    )
    parser.add_argument(
        "--output", "-o", action=ReportAction, metavar="PATH",
        help="write the report to PATH instead of stdout (repeatable: one per --format)",
    )
    parser.add_argument(
        "--min-severity", choices=("minor", "major", "critical"), default="minor",
        help="terminal report: list findings of this severity and above (default: minor, all)",
    )
    parser.add_argument(
        "--show-furniture", action="store_true",
        help="terminal report: list each page-furniture finding instead of one line per label",
    )
    parser.add_argument(
        "--all", action="store_true", dest="list_all",
        help="terminal report: list every minor finding (by default the most confident few, then a count of the rest)",
    )


# `mtcheck batch --engine ray` named the scale-out before --engine named the models' engine; it still works.
EXECUTOR_SPELLINGS = ("local", "ray")


def add_settings_options(parser: argparse.ArgumentParser, executor_spellings: bool = False) -> None:
    parser.add_argument(
        "--config", metavar="FILE", help="settings file (default: mtcheck.toml or pyproject.toml, found upwards)"
    )
    parser.add_argument("--max-critical", type=count, metavar="N", help="fail with more than N critical findings")
    parser.add_argument("--max-major", type=count, metavar="N", help="fail with more than N major findings")
    parser.add_argument(
        "--fail-on", choices=("fail", "review"),
        help="which verdict fails the gate (exit 1): fail (the default) or review (review and fail)",
    )
    parser.add_argument(
        "--min-quality", type=quality, metavar="Q",
        help="verdict fail when a document's quality is below Q (default: none; the judge's estimate decides)",
    )
    parser.add_argument(
        "--review-quality", type=quality, metavar="Q",
        help="verdict review when a document's quality is below Q (default: none; the judge's estimate decides)",
    )
    parser.add_argument(
        "--min-coverage", type=share, metavar="S",
        help="verdict fail when less than S (0 to 1) of a document's target or source has a counterpart "
        "(default: 0.5; review below 0.85)",
    )
    parser.add_argument(
        "--operating-point", choices=("review", "gate"),
        help="which findings are listed: review (editors; favours recall, the default) or gate (CI); "
        "the gate counts only findings at or above its own point either way",
    )
    parser.add_argument("--min-confidence", type=share, metavar="C", help="list only findings with confidence >= C")
    parser.add_argument(
        "--judge", metavar="FILE",
        help="the learned confidence layer: a file `mtcheck calibrate` wrote, packaged (default) or off",
    )
    parser.add_argument(
        "--verdicts", nargs="+", action="extend", metavar="FILE",
        help="editors' verdicts files (mtcheck.verdicts/1, e.g. exported from the HTML page): false alarms are "
        "dismissed and not counted by the gate, confirmed findings are marked",
    )
    parser.add_argument("--checks", type=names, metavar="A,B", help="run only these checks")
    parser.add_argument("--skip-checks", type=names, metavar="A,B", help="do not run these checks")
    parser.add_argument(
        "--no-models", dest="models", action="store_const", const=False,
        help="rules and sacrebleu only: no language model or embedder (fastest)",
    )
    parser.add_argument("--lm", metavar="MODEL", help="causal LM for fluency: Hub id or path (default: packaged SmolLM2)")
    parser.add_argument(
        "--embedder", metavar="MODEL", help="sentence embedder: Hub id or path (default: packaged all-MiniLM-L6-v2)"
    )
    from mtcheck.models.compute import DTYPES, RUNTIMES  # names only: no model library is imported

    engines = RUNTIMES + (EXECUTOR_SPELLINGS if executor_spellings else ())
    parser.add_argument(
        "--engine", choices=engines,
        help="what runs the models: ctranslate2 (default; the models converted once, no torch at run time) or torch "
        "(for a model CTranslate2 cannot convert)" + ("; local and ray are the old spellings of --executor"
                                                     if executor_spellings else ""),
    )
    parser.add_argument(
        "--dtype", choices=DTYPES,
        help="the models' number type (default: auto: float32, or on torch bfloat16 where measured faster here)",
    )
    parser.add_argument("--threads", metavar="N", help="CPU threads for the models (default: auto, the CPUs available)")
    parser.add_argument(
        "--allow-non-english-source", action="store_const", const=True,
        help="the source is not English on purpose: compare anyway (default: refuse it, exit 2)",
    )
    parser.add_argument(
        "--set", action="append", metavar="NAME.PARAM=VALUE",
        help="set a check's or an analysis's parameter, e.g. spelling.spike_bits=14 (repeatable; see mtcheck checks -v)",
    )


def settings_from(args: argparse.Namespace, say: Callable[[str], None]):
    """(config, the settings files read, the editors' verdicts): files, then flags, then ``--set``; every
    setting is checked here, before any article is read or model loaded."""
    from mtcheck.config import Config, find_config_files, read_config
    from mtcheck.grade.judge import judge_model
    from mtcheck.grade.judge import selected_checks
    from mtcheck.report.verdicts import read_verdicts

    config_files = (Path(args.config),) if args.config else find_config_files(Path.cwd())
    if args.verbose:
        for path in config_files or ("none (defaults and flags only)",):
            say(f"config: {shown(path)}")
    config = read_config(config_files)
    # Every setting has a flag of the same name; unset flags leave the files' values.
    flags = {
        field.name: getattr(args, field.name)
        for field in fields(Config)
        if getattr(args, field.name, None) is not None
    }
    config = config.merged(flags, "command line")
    if args.set:
        config = config.with_check_params(_assignments(args.set), "--set")
    judge_model(config)  # an unreadable judge file fails here, before any text is read
    verdicts = read_verdicts(config.verdicts)  # and so does a bad verdicts file
    # Unknown names fail before any file or model loads; no check at all would pass everything.
    if not selected_checks(config):
        raise InputError("no check left to run: 'skip_checks' removes every selected check")
    return config, config_files, verdicts


def _assignments(texts: list[str]) -> dict[str, dict]:
    from mtcheck.params import parse_assignment

    tables: dict[str, dict] = {}
    for text in texts:
        check, name, value = parse_assignment(text)
        tables.setdefault(check, {})[name] = value
    return tables


def count(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"expected a whole number >= 0, got '{value}'")
    return int(value)


def _number_in(low: float, high: float, what: str):
    """An argparse type: a number from ``low`` to ``high``, else an error naming ``what`` it must be."""

    def parse(value: str) -> float:
        try:
            number = float(value)
        except ValueError:
            number = low - 1
        if not low <= number <= high:
            raise argparse.ArgumentTypeError(f"expected {what}, got '{value}'")
        return number

    return parse


share = _number_in(0, 1, "a share from 0 to 1")
quality = _number_in(0, 100, "a number from 0 to 100")


def names(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(",") if part.strip())
