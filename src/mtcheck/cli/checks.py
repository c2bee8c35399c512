"""``mtcheck checks``: the checks, and with ``-v`` every parameter of every check and analysis."""

from __future__ import annotations

import argparse

from mtcheck.cli.app import EXIT_PASS


def add_checks(commands, _add_global_options) -> None:
    checks = commands.add_parser("checks", help="list the available checks", description="List the checks.")
    _add_global_options(checks, in_command=True)
    checks.set_defaults(handler=run_checks)


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
    for name, analysis in sorted(ANALYSES.all().items()):
        readers = ", ".join(check.name for check in checks if name in check.needs)
        lines.append(f"{name}: read by {readers or 'no check'}")
        for info in described(analysis.Params):
            lines.append(f"{name}.{info.name} = {shown_value(info.default)}  {info.meaning}")
    return lines
