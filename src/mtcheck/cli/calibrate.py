"""``mtcheck calibrate``: one newsroom's confidence layer, refitted on its editors' verdicts."""

from __future__ import annotations

import argparse

from mtcheck.errors import InputError


def add_calibrate(commands, add_global_options) -> None:
    calibrate = commands.add_parser(
        "calibrate", help="refit the confidence layer on editors' verdicts",
        description="Refit the confidences on the shipped data plus editors' verdicts (docs/verdicts.md); "
        "the judge file written is then used with --judge FILE or `judge = \"FILE\"` in the settings.",
    )
    add_global_options(calibrate, in_command=True)
    calibrate.add_argument("verdicts", nargs="+", metavar="VERDICTS", help="mtcheck.verdicts/1 files")
    calibrate.add_argument("--output", "-o", required=True, metavar="FILE", help="the judge file to write")
    calibrate.add_argument("--judge", default="packaged", metavar="FILE",
                           help="the judge to start from (default: packaged)")
    calibrate.add_argument("--verdict-weight", type=float, metavar="W",
                           help="how many shipped rows one verdict counts as (default: 10)")
    calibrate.set_defaults(handler=run_calibrate)


def run_calibrate(args: argparse.Namespace) -> int:
    from rich.table import Table
    from rich.text import Text

    from mtcheck.grade.judge.model import parse, sigmoid, source_text
    from mtcheck.grade.judge.model import newsroom_features as features
    from mtcheck.training.newsroom import VERDICT_WEIGHT, calibrated_file
    from mtcheck.report.output import check_destinations, stdout_console, write_file
    from mtcheck.report.inert import inert
    from mtcheck.report.verdicts import read_article_judgements, read_verdicts

    weight = VERDICT_WEIGHT if args.verdict_weight is None else args.verdict_weight
    if not weight > 0:
        raise InputError("--verdict-weight must be a number above 0")
    verdicts = read_verdicts(args.verdicts)
    articles = read_article_judgements(args.verdicts)
    if not verdicts and not articles:
        raise InputError("the verdicts files hold no verdict")
    check_destinations([args.output], args.verdicts)
    base_text, name = source_text(args.judge)
    base = parse(base_text, name, args.judge)
    text = calibrated_file(base, base_text, verdicts, [str(p) for p in args.verdicts], verdict_weight=weight,
                           articles=articles)
    write_file(args.output, text)
    calibrated = parse(text, "new")
    console = stdout_console()
    for variant in ("rules", "models"):
        before, after = base.variant(variant == "models").verdict, calibrated.variant(variant == "models").verdict
        if before is not None and after is not None:
            console.print(Text(f"{variant}: review above {before.review_penalty:g} -> {after.review_penalty:g}, "
                               f"fail above {before.fail_penalty:g} -> {after.fail_penalty:g} estimated penalty "
                               f"points per 100 words ({sum(a.models == (variant == 'models') for a in articles)} "
                               "article verdicts)"))
    layer = calibrated.variant(models=False).newsroom
    if layer is None:
        return 0
    table = Table(title=Text(f"{len(verdicts)} verdicts → {inert(args.output, one_line=True)}"))
    for column in ("check", "verdicts", "confirmed", "a 0.50 finding becomes"):
        table.add_column(column, justify="left" if column == "check" else "right")
    for check in sorted({v.check for v in verdicts}):
        mine = [v for v in verdicts if v.check == check]
        after = sigmoid(layer.logit(features((check,), 0.5)))
        table.add_row(Text(inert(check, one_line=True)), str(len(mine)), str(sum(v.confirmed for v in mine)), f"{after:.2f}")
    console.print(table)
    return 0
