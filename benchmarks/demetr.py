"""DEMETR items, the span each perturbation injected, and whether a flag caught it.

DEMETR (``$MTCHECK_DATA/demetr``, one JSON file per perturbation) gives each
item an English reference (``eng_sent``: mtcheck's source), a clean machine
translation (``mt_sent``: a negative) and the same translation with one
perturbation injected (``pert_sent``: a positive). Only items with
``pert_check`` true are used; ``load_demetr(per_type=N)`` keeps the first N of
each file by id, so samples are deterministic.

The injected span
-----------------
DEMETR does not say where it changed the sentence, so ``injected`` diffs
``mt_sent`` against ``pert_sent`` (difflib) on tokens: words (with inner
apostrophes) and single punctuation marks, each with whether whitespace
precedes it, so "food ." differs from "food.". Every changed run of tokens
contributes:

- a *replacement or insertion*: the perturbed tokens, as offsets into
  ``pert_sent`` (a misspelling marks its word, "food" -> "food food food"
  marks the repeats, an inserted "~" marks the "~");
- a *pure deletion* (tokens gone, nothing in their place: a removed verb,
  named entity, prepositional phrase or final full stop): the deletion point,
  represented by the tokens just before and after it in ``pert_sent``
  ("both found in" -> "both in" marks "both in"). Such an item is a deletion
  item;
- a *deletion with a recapitalised neighbour*: a replacement whose new tokens,
  case aside, are a shorter subsequence of the old ones. DEMETR removes a
  sentence's subject or opening name and capitalises the word after it
  ("Turkey would also" -> "Would also"), so difflib sees "Turkey would"
  replaced by "Would"; it is a deletion item too, marking "Would".

A flag **catches** an item when its target span overlaps (shares a
character with) one of those regions, or, for deletion items only, when it
has no target span but a source span (an omission reported on the source).
Whole-sentence perturbations (``WHOLE_SENTENCE``: empty output, an unrelated
translation, shuffled words) are caught by any flag on the pair. Items whose
``pert_sent`` equals ``mt_sent`` token for token inject nothing and are
dropped (their number is reported). ``base_id35_reference`` (the reference
given as the translation) is a sanity row: nothing was injected, and any flag
there is a false positive.
"""

from __future__ import annotations

import difflib
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

import data_sets
from span_metrics import Flag, Region, markdown_table, overlaps, percent

SEVERITY_ORDER = ("critical", "major", "minor", "base")
WHOLE_SENTENCE = frozenset({"base_id33_empty", "base_id33_shuffle_trans", "critical_id20_shuffled"})
SANITY = frozenset({"base_id35_reference"})
# Words (with inner apostrophes) and single punctuation marks.
_TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")


@dataclass(frozen=True)
class Injection:
    regions: tuple[Region, ...]  # offsets into pert_sent
    deletion: bool = False  # some tokens were removed with nothing in their place
    whole: bool = False  # the whole sentence is the perturbation

    def caught_by(self, flag: Flag) -> bool:
        if self.whole:
            return True
        if flag.target is None:
            return self.deletion and flag.source is not None
        return any(overlaps(flag.target, region) for region in self.regions)


@dataclass(frozen=True)
class DemetrItem:
    perturbation: str  # the file's stem, e.g. "critical_id10_numbers_replaced"
    severity: str
    id: int
    source: str  # eng_sent
    clean: str  # mt_sent
    perturbed: str  # pert_sent
    injection: Injection | None  # None: nothing changed


def injected(clean: str, perturbed: str, *, whole: bool = False) -> Injection | None:
    """The regions of ``perturbed`` that differ from ``clean`` (see the module docstring)."""
    if whole:
        return Injection(((0, len(perturbed)),), whole=True)
    old = _tokens(clean)
    new_matches = list(_TOKEN.finditer(perturbed))
    new = _tokens(perturbed)
    regions: list[Region] = []
    deletion = False
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if j2 > j1:
            regions.append((new_matches[j1].start(), new_matches[j2 - 1].end()))
            deletion = deletion or _removed_from(old[i1:i2], new[j1:j2])
            continue
        deletion = True
        neighbours = new_matches[max(j1 - 1, 0) : j1 + 1]
        if neighbours:
            regions.append((neighbours[0].start(), neighbours[-1].end()))
    if not regions and not deletion:
        return None
    return Injection(tuple(regions), deletion=deletion)


def _removed_from(old: Sequence[tuple[str, bool]], new: Sequence[tuple[str, bool]]) -> bool:
    """Whether ``new`` is ``old`` with tokens taken out, case aside: "Would" from "Turkey would"."""
    if len(new) >= len(old):
        return False
    rest = iter(word.lower() for word, _ in old)
    return all(any(word.lower() == kept for kept in rest) for word, _ in new)


def _tokens(text: str) -> list[tuple[str, bool]]:
    """Tokens with whether whitespace precedes them, so "food ." differs from "food."."""
    return [(m.group(), m.start() > 0 and text[m.start() - 1].isspace()) for m in _TOKEN.finditer(text)]


def default_root() -> Path:
    """DEMETR's folder under ``MTCHECK_DATA`` (benchmarks/data_sets.py); a one-line exit when it is not there."""
    return data_sets.data_set("demetr")


def load_demetr(root: Path | None = None, per_type: int | None = 100) -> list[DemetrItem]:
    """The first ``per_type`` ``pert_check`` items of every perturbation file, by id (``root``: DEMETR's folder)."""
    root = default_root() if root is None else root
    items = []
    for path in sorted(root.glob("*.json")):
        rows = sorted((row for row in json.loads(path.read_text(encoding="utf-8")) if row["pert_check"]),
                      key=lambda row: int(row["id"]))
        for row in rows[:per_type]:
            whole = path.stem in WHOLE_SENTENCE
            change = injected(row["mt_sent"], row["pert_sent"], whole=whole)
            items.append(DemetrItem(path.stem, row["severity"], int(row["id"]), row["eng_sent"], row["mt_sent"],
                                    row["pert_sent"], change))
    return items


# --------------------------------------------------------------------------- per-type results


@dataclass(frozen=True)
class TypeRow:
    perturbation: str
    severity: str
    n: int  # items that injected something (all items for the sanity row)
    unchanged: int  # items dropped because pert_sent == mt_sent token for token
    caught: int  # perturbed items with a flag that catches the injection (sanity row: any flag)
    clean_flagged: int  # the same items' mt_sent with any flag
    catchers: tuple[tuple[str, int], ...]  # checks by items caught, most first

    @property
    def sanity(self) -> bool:
        return self.perturbation in SANITY

    @property
    def detection(self) -> float:
        return self.caught / self.n if self.n else 0.0

    @property
    def false_positive_rate(self) -> float:
        return self.clean_flagged / self.n if self.n else 0.0


FlagsOf = Callable[[str, str], Sequence[Flag]]  # (source, target) -> flags


def type_rows(items: Iterable[DemetrItem], flags_of: FlagsOf) -> list[TypeRow]:
    """One row per perturbation file, ordered critical -> major -> minor -> base, then by name."""
    grouped: dict[str, list[DemetrItem]] = {}
    for item in items:
        grouped.setdefault(item.perturbation, []).append(item)
    rows = [_type_row(name, members, flags_of) for name, members in grouped.items()]
    return sorted(rows, key=lambda row: (_severity_rank(row.severity), row.perturbation))


def _type_row(name: str, members: list[DemetrItem], flags_of: FlagsOf) -> TypeRow:
    sanity = name in SANITY
    kept = members if sanity else [item for item in members if item.injection is not None]
    caught, catchers, clean_flagged = 0, Counter(), 0
    for item in kept:
        flags = flags_of(item.source, item.perturbed)
        hits = flags if sanity else [flag for flag in flags if item.injection.caught_by(flag)]
        caught += bool(hits)
        catchers.update({flag.check for flag in hits})
        clean_flagged += bool(flags_of(item.source, item.clean))
    return TypeRow(name, members[0].severity, len(kept), len(members) - len(kept), caught, clean_flagged,
                   tuple(sorted(catchers.items(), key=lambda kv: (-kv[1], kv[0]))))  # ties by name: stable results.md


def _severity_rank(severity: str) -> int:
    return SEVERITY_ORDER.index(severity) if severity in SEVERITY_ORDER else len(SEVERITY_ORDER)


def detection_items(items: Iterable[DemetrItem]) -> list[DemetrItem]:
    """Items that count towards detection: something injected, not the sanity row."""
    return [item for item in items if item.injection is not None and item.perturbation not in SANITY]


def clean_pairs(items: Iterable[DemetrItem]) -> list[tuple[str, str]]:
    """Distinct (source, mt_sent) pairs: the same clean sentence recurs across perturbation files."""
    return list(dict.fromkeys((item.source, item.clean) for item in items))


@dataclass(frozen=True)
class CheckTally:
    """One check on DEMETR: its flags on perturbed items, how many caught the injection, its clean items."""

    findings: int = 0
    catching: int = 0
    clean_flagged: int = 0
    clean_items: int = 0

    @property
    def false_positive_rate(self) -> float:
        return self.clean_flagged / self.clean_items if self.clean_items else 0.0


def check_tallies(items: Sequence[DemetrItem], flags_of: FlagsOf, checks: Iterable[str]) -> dict[str, CheckTally]:
    """Per check: flags on the detection items, those catching the injection, and the distinct clean pairs it flags."""
    findings, catching, flagged = Counter(), Counter(), Counter()
    for item in detection_items(items):
        for flag in flags_of(item.source, item.perturbed):
            findings[flag.check] += 1
            catching[flag.check] += item.injection.caught_by(flag)
    clean = clean_pairs(items)
    for source, target in clean:
        flagged.update({flag.check for flag in flags_of(source, target)})
    return {name: CheckTally(findings[name], catching[name], flagged[name], len(clean)) for name in checks}


def class_totals(rows: Iterable[TypeRow]) -> list[tuple[str, int, int, int]]:
    """(severity, items, caught, clean flagged) per severity class, sanity rows left out."""
    sums: dict[str, list[int]] = {}
    for row in rows:
        if not row.sanity:
            total = sums.setdefault(row.severity, [0, 0, 0])
            total[0] += row.n
            total[1] += row.caught
            total[2] += row.clean_flagged
    return [(severity, *sums[severity]) for severity in sorted(sums, key=_severity_rank)]


# --------------------------------------------------------------------------- markdown


def markdown(rows: Sequence[TypeRow], baselines: dict[str, Sequence[TypeRow]]) -> list[str]:
    """The DEMETR section of results.md: the rule, a table per severity class, a table per perturbation."""
    lines = ["", "## DEMETR: injected perturbations", "",
             "A finding *catches* a perturbed item when its target span shares a character with the injected span "
             "(a token diff of `mt_sent` against `pert_sent`). For a pure deletion the injected span is the tokens "
             "on either side of the deletion point, and a finding with only a source span (an omission) also "
             "catches it. Empty, unrelated and shuffled outputs are caught by any finding. *Detected*: share of "
             "perturbed items caught. *FP*: share of the same items' clean `mt_sent` with any finding at all. "
             "Baselines: *word absent* flags every target word whose lowercase form is not among the source's "
             "words; *capitalised* flags every capitalised word that does not start a sentence. Rule details: "
             "the docstring of `benchmarks/demetr.py`."]
    classes = {name: {c[0]: c for c in class_totals(other)} for name, other in baselines.items()}
    table = []
    for severity, n, caught, clean in class_totals(rows):
        table.append([severity, n, percent(caught, n), percent(clean, n)]
                     + [cell for name in baselines for cell in (percent(classes[name][severity][2], n),
                                                                percent(classes[name][severity][3], n))])
    headers = ["class", "items", "detected", "FP"] + [h for name in baselines for h in (f"{name}: detected", "FP")]
    lines += ["", "### By severity class"] + markdown_table(headers, table)
    by_name = {name: {r.perturbation: r for r in other} for name, other in baselines.items()}
    table = []
    for row in rows:
        n = f"{row.n}" + (f" ({row.unchanged} unchanged, dropped)" if row.unchanged else "")
        found = f"sanity: {percent(row.caught, row.n)} flagged" if row.sanity else percent(row.caught, row.n)
        top = ", ".join(f"{check} {count}" for check, count in row.catchers[:3]) or "—"
        name = f"{row.severity}: {row.perturbation.split('_', 2)[-1]}"
        table.append([name, n, found, percent(row.clean_flagged, row.n), top] + [
            f"{percent(other.caught, other.n)} / {percent(other.clean_flagged, other.n)}"
            for other in (by_name[b][row.perturbation] for b in baselines)])
    headers = ["perturbation", "n", "detected", "FP on mt_sent", "caught most by (items)"]
    headers += [f"{name} (det / FP)" for name in baselines]
    return lines + ["### By perturbation", "", "*base: reference* gives the reference itself as the translation: "
                    "any finding there is a false positive (shown as *sanity*)."] + markdown_table(headers, table)
