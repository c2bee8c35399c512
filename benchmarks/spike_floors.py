"""Sweep the spike checks' floors on the tuning data: DEMETR items 101-200 and the TED dev talks.

    .venv/bin/python benchmarks/spike_floors.py                     # about 10 minutes with models
    .venv/bin/python benchmarks/spike_floors.py --per-type 20 --ted-limit 300

The five spike checks (analyses/spikes.py, checks/spike_check.py) report a
word only from their own floor (the ``spike_bits`` parameter). This script
runs mtcheck once with models, analyses the spikes once, and then scores each
floor setting without rerunning the models: the checks themselves run again
with each floor as their ``spike_bits``; the other checks' findings stay as
they are. Per setting it prints DEMETR detection per severity class and the
share of distinct clean pairs with any finding (tuning items only: results.md
reports items 1-100), and for TED dev the character MCC against the raters'
spans and the share of error-free segments with any finding.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import demetr  # noqa: E402
from checks_eval import demetr_key, demetr_records, ted_records  # noqa: E402
from mqm_correlation import limited, make_config  # noqa: E402
from span_metrics import ALL_FLAGS, Flag, SpanItem, document_flags, markdown_table, span_scores  # noqa: E402
from ted import load_ted, split  # noqa: E402

SPIKE_CHECKS = ("surprisal", "spelling", "meaning-flip", "literal-idiom", "lexical-substitution")


def run(records, config):
    """Flags of the non-spike checks per record id, and each document's view with its spikes analysed."""
    from mtcheck.analyses import analyse
    from mtcheck.pipeline import compare_records

    documents = compare_records(records, config, default_id="floors")
    return document_flags(documents), [analyse(document, {"spikes"}) for document in documents]


def with_floors(flags, views, floors: dict[str, float]):
    """Flags per record id with the spike checks run as shipped, but at ``floors``."""
    from mtcheck.checks import all_checks

    registry = all_checks()
    checks = [registry[name](dataclasses.replace(registry[name].Params(), spike_bits=floor))
              for name, floor in floors.items() if floor != float("inf")]
    spiking = document_flags(
        dataclasses.replace(view.document, findings=tuple(f for check in checks for f in check.run(view)))
        for view in views
    )

    def flags_of(key: str) -> list[Flag]:
        return flags.get(key, []) + spiking.get(key, [])
    return flags_of


def settings() -> dict[str, dict[str, float]]:
    from mtcheck.checks import all_checks

    shipped = {name: all_checks()[name].Params().spike_bits for name in SPIKE_CHECKS}
    common = {f"all at {bits}": dict.fromkeys(SPIKE_CHECKS, float(bits)) for bits in (12, 14, 16, 18)}
    return {**common, "shipped: " + ", ".join(f"{n} {b:g}" for n, b in shipped.items()): shipped,
            "no spike checks": dict.fromkeys(SPIKE_CHECKS, float("inf"))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-type", type=int, default=100, help="DEMETR tuning items per file (after the first 100)")
    parser.add_argument("--ted-limit", type=int, help="TED dev items (whole segments)")
    args = parser.parse_args()
    config = dataclasses.replace(make_config(True), skip_checks=SPIKE_CHECKS)
    reported = {(i.perturbation, i.id) for i in demetr.load_demetr(per_type=100)}
    items = [i for i in demetr.load_demetr(per_type=100 + args.per_type) if (i.perturbation, i.id) not in reported]
    d_flags, d_views = run(demetr_records(items), config)
    dev, _ = split(load_ted())
    dev = limited(dev, args.ted_limit)
    t_flags, t_views = run(ted_records(dev), config)
    error_free = [i for i in dev if not i.errors]
    clean = demetr.clean_pairs(items)

    rows = []
    for label, floors in settings().items():
        d_of = with_floors(d_flags, d_views, floors)
        t_of = with_floors(t_flags, t_views, floors)
        totals = {s: caught / n for s, n, caught, _ in demetr.class_totals(
            demetr.type_rows(items, lambda s, t: d_of(demetr_key(s, t))))}
        fp = sum(bool(d_of(demetr_key(s, t))) for s, t in clean) / len(clean)
        scored = [SpanItem(i.source, i.target, tuple(e[:3] for e in i.errors), tuple(t_of(f"ted:{i.id}"))) for i in dev]
        mcc = span_scores(scored, []).systems[ALL_FLAGS].mcc
        quiet = sum(bool(t_of(f"ted:{i.id}")) for i in error_free) / len(error_free)
        rows.append([label, f"{totals['critical']:.1%}", f"{totals['major']:.1%}", f"{totals['minor']:.1%}",
                     f"{fp:.1%}", f"{mcc:.3f}", f"{quiet:.1%}"])
    print(f"DEMETR tuning items: {len(items)} ({len(clean)} clean pairs); TED dev items: {len(dev)}\n")
    print("\n".join(markdown_table(["floors", "DEMETR critical", "major", "minor", "clean pairs flagged",
                                    "TED dev MCC", "TED dev error-free flagged"], rows)))


if __name__ == "__main__":
    main()
