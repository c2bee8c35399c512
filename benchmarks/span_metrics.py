"""Character-level agreement between flagged spans and gold spans, and two naive span baselines.

Agreement is counted over the **non-space characters** of a text (a rater who
marks "the cat" and a check that marks "the" and "cat" agree on every
character that matters). Counts pool across items by adding confusions, so
long items weigh more than short ones, as in WMT's word-level QE.

MCC (Matthews correlation) is the headline figure, as in WMT QE: flagging
every character scores a good F1 whenever gold covers much of the text, but
its MCC is 0, and so is the MCC of random flags. MCC is defined as 0 where its
denominator is 0 (nothing flagged, everything flagged, no gold, all gold).

``Flag`` is a finding reduced to what these measurements need: its check,
category and severity, and its spans as offsets into the item's own source
and target strings (not into a document that joined many items).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Iterable, Sequence

import numpy as np
from tabulate import tabulate  # sacrebleu's dependency

Region = tuple[int, int]  # half-open character offsets

# Words for the baselines: letters and digits, with inner apostrophes ("don't").
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# A word starts a sentence when only opening quotes or brackets stand between
# it and the start of the text or a sentence-final mark plus whitespace.
_SENTENCE_START = re.compile(r"(?:^|[.!?…][\"'”’)\]]*\s+)[\"'“‘(\[]*$")


@dataclass(frozen=True)
class Flag:
    check: str
    category: str
    severity: str
    target: Region | None
    source: Region | None = None

    @property
    def top_category(self) -> str:
        return top_category(self.category)

    def to_json(self) -> list:
        return [self.check, self.category, self.severity, self.target, self.source]

    @classmethod
    def from_json(cls, row: Sequence) -> Flag:
        check, category, severity, target, source = row
        return cls(check, category, severity, tuple(target) if target else None, tuple(source) if source else None)


def document_flags(documents: Iterable) -> dict[str, list[Flag]]:
    """The findings of mtcheck documents as flags per pair id, offsets into the pair's own texts."""
    flags: dict[str, list[Flag]] = {}
    for document in documents:
        for finding in document.findings:
            pair = document.pairs[finding.pair] if finding.pair is not None else _pair_at(document, finding)
            # A merged finding (mtcheck.grade.merging) is a flag of every check that found it.
            for check in (finding.check, *finding.also):
                flags.setdefault(pair.id, []).append(Flag(
                    check, finding.category, finding.severity.value,
                    _local(finding.target_span, document.target_segments, pair.target),
                    _local(finding.source_span, document.source_segments, pair.source),
                ))
    return flags


def _pair_at(document, finding):
    """The pair whose segments hold a finding that names no pair."""
    span, side = (finding.target_span, "target") if finding.target_span else (finding.source_span, "source")
    segments = document.target_segments if side == "target" else document.source_segments
    index = next(s.index for s in segments if s.start <= span.start <= s.end)
    return next(pair for pair in document.pairs if index in getattr(pair, side))


def _local(span, segments, indices: Sequence[int]) -> Region | None:
    if span is None or not indices:
        return None
    start = segments[indices[0]].start
    return (span.start - start, span.end - start)


def top_category(category: str) -> str:
    """The MQM top level: "Accuracy/Omission" -> "Accuracy"; "Other" stays "Other"."""
    return category.split("/", 1)[0].strip()


@dataclass(frozen=True)
class Confusion:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def __add__(self, other: Confusion) -> Confusion:
        return Confusion(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn, self.tn + other.tn)

    @property
    def predicted(self) -> int:
        return self.tp + self.fp

    @property
    def gold(self) -> int:
        return self.tp + self.fn

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        both = self.precision + self.recall
        return 2 * self.precision * self.recall / both if both else 0.0

    @property
    def mcc(self) -> float:
        tp, fp, fn, tn = self.tp, self.fp, self.fn, self.tn
        denominator = (tp + fp) * (tp + fn) * (tn + fp) * (tn + fn)
        return (tp * tn - fp * fn) / math.sqrt(denominator) if denominator else 0.0


def total(confusions: Iterable[Confusion]) -> Confusion:
    return sum(confusions, Confusion())


def char_mask(length: int, regions: Iterable[Region]) -> np.ndarray:
    mask = np.zeros(length, dtype=bool)
    for start, end in regions:
        mask[max(start, 0) : min(end, length)] = True
    return mask


def confusion(text: str, gold: Iterable[Region], predicted: Iterable[Region]) -> Confusion:
    """Agreement of two span unions over the non-space characters of ``text``."""
    counted = np.fromiter((not ch.isspace() for ch in text), dtype=bool, count=len(text))
    truth, guess = char_mask(len(text), gold)[counted], char_mask(len(text), predicted)[counted]
    return Confusion(
        tp=int((truth & guess).sum()),
        fp=int((~truth & guess).sum()),
        fn=int((truth & ~guess).sum()),
        tn=int((~truth & ~guess).sum()),
    )


def overlaps(a: Region, b: Region) -> bool:
    """Half-open regions share a character; an empty region counts where it sits, ends included."""
    if a[0] == a[1] or b[0] == b[1]:
        return b[0] <= a[0] <= b[1] if a[0] == a[1] else a[0] <= b[0] <= a[1]
    return a[0] < b[1] and b[0] < a[1]


# --------------------------------------------------------------------------- baselines


def absent_word_regions(source: str, target: str) -> list[Region]:
    """Baseline (a): every target word whose lowercase form is not among the source's words."""
    known = {word.lower() for word in WORD.findall(source)}
    return [m.span() for m in WORD.finditer(target) if m.group().lower() not in known]


def capitalised_regions(target: str) -> list[Region]:
    """Baseline (b): every capitalised word that does not start a sentence."""
    return [
        m.span()
        for m in WORD.finditer(target)
        if m.group()[0].isupper() and not _SENTENCE_START.search(target[: m.start()])
    ]


BASELINES = {
    "baseline: word absent from source": absent_word_regions,
    "baseline: capitalised mid-sentence": lambda source, target: capitalised_regions(target),
}


def baseline_flags(name: str, source: str, target: str) -> list[Flag]:
    return [Flag(name, "baseline", "minor", region) for region in BASELINES[name](source, target)]


# --------------------------------------------------------------------------- scoring against gold spans

GoldSpan = tuple[int, int, str]  # (start, end, MQM category) in the target
ALL_FLAGS = "mtcheck (all checks)"
EVERYTHING = "flag every character"


@dataclass(frozen=True)
class SpanItem:
    source: str
    target: str
    gold: tuple[GoldSpan, ...]
    flags: tuple[Flag, ...]


@dataclass(frozen=True)
class SpanScores:
    systems: dict[str, Confusion]  # mtcheck, the baselines, flag-everything: against all gold spans
    checks: dict[str, Confusion]  # each check's spans alone, against all gold spans
    finding_counts: dict[str, int]  # findings with a target span, per check
    categories: dict[str, Confusion]  # mtcheck flags of one MQM top-level category against that category's gold


def span_scores(items: Sequence[SpanItem], checks: Iterable[str]) -> SpanScores:
    """Pooled character agreement of every predictor with the gold spans (see the module docstring)."""
    checks = list(checks)
    categories = sorted({top_category(g[2]) for i in items for g in i.gold}
                        | {f.top_category for i in items for f in i.flags if f.target})
    systems: dict[str, Confusion] = {}
    per_check = {name: Confusion() for name in checks}
    per_category = {name: Confusion() for name in categories}
    counts = {name: 0 for name in checks}
    for item in items:
        gold = [(start, end) for start, end, _ in item.gold]
        flagged = [f for f in item.flags if f.target is not None]
        predictions = {ALL_FLAGS: [f.target for f in flagged], EVERYTHING: [(0, len(item.target))]}
        predictions.update({name: rule(item.source, item.target) for name, rule in BASELINES.items()})
        for name, regions in predictions.items():
            systems[name] = systems.get(name, Confusion()) + confusion(item.target, gold, regions)
        for name in checks:
            mine = [f.target for f in flagged if f.check == name]
            counts[name] += len(mine)
            per_check[name] += confusion(item.target, gold, mine)
        for name in categories:
            gold_here = [(s, e) for s, e, category in item.gold if top_category(category) == name]
            mine = [f.target for f in flagged if f.top_category == name]
            per_category[name] += confusion(item.target, gold_here, mine)
    return SpanScores(systems, per_check, counts, per_category)


# --------------------------------------------------------------------------- markdown


def markdown_table(headers: Sequence[str], rows: Sequence[Sequence]) -> list[str]:
    """A GitHub table with a blank line either side, cells as given."""
    return ["", tabulate(rows, headers, tablefmt="github", disable_numparse=True), ""]


def percent(count: int, total: int) -> str:
    return f"{100 * count / total:.1f}%" if total else "—"
