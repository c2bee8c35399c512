"""``mtcheck verdicts stats``: each check's precision as the newsroom's editors judged it."""

from __future__ import annotations

import argparse
from collections import Counter


def add_verdicts(commands, add_global_options) -> None:
    verdicts = commands.add_parser(
        "verdicts", help="read editors' verdicts files",
        description="Read editors' verdicts files (mtcheck.verdicts/1, docs/verdicts.md).",
    )
    add_global_options(verdicts, in_command=True)
    actions = verdicts.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=type(verdicts))
    stats = actions.add_parser(
        "stats", help="per-check precision as the editors judged it",
        description="A table of each check's verdicts: confirmed, false alarms, and the share confirmed.",
    )
    add_global_options(stats, in_command=True)
    stats.add_argument("files", nargs="+", metavar="VERDICTS", help="mtcheck.verdicts/1 files")
    stats.set_defaults(handler=run_stats)


def run_stats(args: argparse.Namespace) -> int:
    from mtcheck.report.output import stdout_console, stdout_guard
    from mtcheck.report.verdicts import read_verdicts

    table = stats_table(read_verdicts(args.files), len(args.files))
    with stdout_guard():
        stdout_console(highlight=False).print(table)
    return 0


def stats_table(verdicts, files: int):
    """The rich table: one row per check (most judged first), then the total."""
    from rich.table import Table
    from rich.text import Text

    from mtcheck.report.inert import inert

    judged = Counter(v.check for v in verdicts)
    confirmed = Counter(v.check for v in verdicts if v.confirmed)
    table = Table(title=f"{len(verdicts)} verdict{'s' if len(verdicts) != 1 else ''} in {files} "
                        f"file{'s' if files != 1 else ''}", show_footer=bool(verdicts))
    total = len(verdicts)
    hits = sum(confirmed.values())
    columns = (("check", "all checks"), ("verdicts", str(total)), ("confirmed", str(hits)),
               ("false alarms", str(total - hits)), ("precision", _share(hits, total)))
    for name, footer in columns:
        table.add_column(name, footer=footer, justify="left" if name == "check" else "right")
    for check, count in sorted(judged.items(), key=lambda kv: (-kv[1], kv[0])):
        # A check name comes from a verdicts file: a rich Text, so "[bold]" in it is shown, never parsed.
        table.add_row(Text(inert(check, one_line=True)), str(count), str(confirmed[check]),
                      str(count - confirmed[check]), _share(confirmed[check], count))
    return table


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.2f}" if whole else "—"
