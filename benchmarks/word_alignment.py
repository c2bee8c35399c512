"""How often the word alignment links a substituted word to the word it replaced, on DEMETR.

DEMETR's substitution perturbations (antonym, hypernym, a replaced name or
number, gender, a part-of-speech shift) swap one word of ``mt_sent`` for
another. Where the swapped-out word is, in some form, exactly one word of the
English source (``eng_sent``), that source word is the gold counterpart: a
good alignment of the source with ``pert_sent`` links the new word to it.

Rows: per perturbation type, the share of such items whose new word links to
the gold source word (accuracy), to some other source word, or to nothing.
Also, on the clean ``mt_sent``, the share of target content words linked to
something, and of those, by which kind of link.

    .venv/bin/python benchmarks/word_alignment.py [--per-type N]
"""

from __future__ import annotations

import argparse
import difflib
from collections import Counter

from tabulate import tabulate

import demetr
from mtcheck.align.word_match import align

SUBSTITUTIONS = (
    "critical_id7_antonym",
    "major_id3_hypernym",
    "critical_id9_ne_replaced",
    "critical_id10_numbers_replaced",
    "critical_id11_gender",
    "minor_id13_pos_shift",
)


def swapped_word(clean_alignment, perturbed_alignment) -> tuple[int, int] | None:
    """(index in clean, index in perturbed) of the one target word that was replaced, else None."""
    old = [t.word.text for t in clean_alignment.target]
    new = [t.word.text for t in perturbed_alignment.target]
    changes = [op for op in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes() if op[0] != "equal"]
    if len(changes) != 1 or changes[0][0] != "replace":
        return None
    _, i1, i2, j1, j2 = changes[0]
    return (i1, j1) if i2 - i1 == 1 and j2 - j1 == 1 else None


def gold_counterpart(alignment, target_index: int) -> int | None:
    """The one source word that is the clean target word in some form, if there is exactly one."""
    token = alignment.target[target_index]
    found = [i for i, other in enumerate(alignment.source) if alignment.matches(token, other)]
    return found[0] if len(found) == 1 else None


def measure(items) -> tuple[list[list], list[list]]:
    tallies: dict[str, Counter] = {}
    kinds: Counter = Counter()
    content = 0
    for item in items:
        if item.perturbation not in SUBSTITUTIONS:
            continue
        clean = align(item.source, item.clean)
        for token, kind in zip(clean.target, clean.links.kinds):
            if token.content:
                content += 1
                kinds[kind.value] += 1
        perturbed = align(item.source, item.perturbed)
        swap = swapped_word(clean, perturbed)
        tally = tallies.setdefault(item.perturbation, Counter())
        if swap is None:
            tally["not one word"] += 1
            continue
        gold = gold_counterpart(clean, swap[0])
        if gold is None:
            tally["no gold"] += 1
            continue
        linked = perturbed.links.sources[swap[1]]
        tally["gold" if gold in linked else "other" if linked else "nothing"] += 1
    rows = []
    for name in SUBSTITUTIONS:
        tally = tallies.get(name, Counter())
        judged = tally["gold"] + tally["other"] + tally["nothing"]
        rows.append([name, judged, _share(tally["gold"], judged), _share(tally["other"], judged),
                     _share(tally["nothing"], judged)])
    total = Counter()
    for tally in tallies.values():
        total.update(tally)
    judged = total["gold"] + total["other"] + total["nothing"]
    rows.append(["all", judged, _share(total["gold"], judged), _share(total["other"], judged),
                 _share(total["nothing"], judged)])
    kind_rows = [[kind, _share(count, content)] for kind, count in kinds.most_common()]
    return rows, kind_rows


def _share(count: int, total: int) -> str:
    return f"{100 * count / total:.1f}%" if total else "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-type", type=int, default=1000, help="items per perturbation file (default: all)")
    args = parser.parse_args()
    rows, kind_rows = measure(demetr.load_demetr(per_type=args.per_type))
    print("Substituted word linked to the source word it replaced (DEMETR, eng_sent vs pert_sent):\n")
    print(tabulate(rows, headers=["perturbation", "items", "gold", "other word", "nothing"], tablefmt="github"))
    print("\nClean mt_sent content words, by link kind:\n")
    print(tabulate(kind_rows, headers=["link", "share"], tablefmt="github"))


if __name__ == "__main__":
    main()
