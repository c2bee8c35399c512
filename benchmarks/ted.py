"""WMT21 TED zh->en MQM as English-vs-English items, its dev/test split, and Kendall tau.

Shared by the benchmark scripts that measure how well mtcheck's scores track
human MQM judgements (``$MTCHECK_DATA/wmt21-ted-zhen-mqm``, Apache-2.0).

Items
-----
``load_ted()`` returns one ``TedItem`` per (system, seg_id) for every system
except ``ref``: 14 systems (13 MT systems and the second human reference
``refB``) x 529 annotated segments = 7,406 items. mtcheck compares English with
English, so the English of ``ref`` for the same ``seg_id`` is every item's
``source``; ``target`` is the system's text with the ``<v>…</v>`` marks
removed. ``mqm`` is the average MQM score from ``*.avg_seg_scores.tsv``
(0 is perfect, more negative is worse; Major 5, Minor 1, Minor
Fluency/Punctuation 0.1, Non-translation 25; each segment has one rater here).
``errors`` holds the annotated error spans as ``(start, end, category,
severity, rater)`` offsets into ``target``; errors the raters marked without a
span (most Accuracy/Omission and Source error rows) are in ``unspanned`` as
``(category, severity, rater)``. One ``<v>`` in the file is never closed; its
span runs to the end of the target.

Split
-----
``split(items)`` holds out whole talks, so no source sentence (and no talk's
topic or vocabulary) is shared between the two parts: ``TEST_DOCS`` (talk.6,
talk.9: 288 segments, 4,032 items) is the test split the project reports on;
the other talks (talk.2, talk.5, talk.7: 241 segments, 3,374 items) are DEV,
the only part any weight or threshold may be fitted or tuned on.

Correlations
------------
``kendall_tau(x, y)`` is Kendall's tau-b over the n items where both x and y
are finite (NaN pairs are dropped)::

    tau_b = (C - D) / sqrt((n0 - n1) * (n0 - n2))

with C / D the concordant / discordant pairs, n0 = n(n-1)/2, n1 and n2 the
pairs tied in x and in y (pairs tied in both count in n1 and n2). It is NaN
when x or y is constant (or fewer than 2 items). Same value as
``scipy.stats.kendalltau(x, y)`` (variant "b"); scipy is used when importable,
else an O(n log^2 n) numpy implementation (Knight's algorithm: sort by (x, y),
count the discordant pairs as inversions of y by a vectorised bottom-up merge).

``grouped_tau(metric, human, groups)`` is WMT's "group-by-item" segment-level
correlation: tau-b computed separately within each group (here: the 14
systems' items of one seg_id), then the plain mean over the groups in which the
human scores take at least 2 distinct values (groups where the humans rank
nothing are skipped). A group where the metric is constant but the humans are
not counts as tau 0 (the metric ranked nothing), so a metric cannot raise its
average by abstaining. "Global" tau is ``kendall_tau`` over all items at once,
pooling segments and systems.
"""

from __future__ import annotations

import csv
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

import data_sets

ANNOTATIONS = "ted_zhen_mqm_ted_zhen.tsv"
SCORES = "ted_zhen_mqm_ted_zhen.avg_seg_scores.tsv"
SOURCE_SYSTEM = "ref"  # its English is the source of every other system
# The scores file spells the two references differently from the annotations.
SCORE_SYSTEM_NAMES = {"ref-A": "ref", "ref-B": "refB"}

# Held-out talks: the TEST split the project reports on (talk.6 and talk.9:
# 288 of 529 segments, 4,032 of 7,406 items). Everything else is DEV,
# for fitting and tuning. Never fit or tune on these; never change them
# without saying so where results are reported.
TEST_DOCS = frozenset({"talk.6", "talk.9"})

_TAG = re.compile(r"</?v>")


@dataclass(frozen=True)
class TedItem:
    system: str
    doc: str  # talk id, e.g. "talk.6"
    seg_id: int
    source: str  # the English of system `ref` for this seg_id
    target: str  # this system's English, tags removed
    mqm: float  # average MQM score: 0 best, more negative worse
    errors: tuple[tuple[int, int, str, str, str], ...] = ()  # (start, end, category, severity, rater)
    unspanned: tuple[tuple[str, str, str], ...] = ()  # (category, severity, rater): errors with no <v> span

    @property
    def id(self) -> str:
        return f"{self.system}:{self.seg_id}"


def default_root() -> Path:
    """The TED set's folder under ``MTCHECK_DATA`` (benchmarks/data_sets.py); a one-line exit if it is not there."""
    return data_sets.data_set("wmt21-ted-zhen-mqm")


def load_ted(root: Path | str | None = None) -> list[TedItem]:
    """All annotated items except system ``ref``, sorted by (seg_id, system)."""
    root = default_root() if root is None else Path(root)
    scores = _read_scores(root / SCORES)
    texts: dict[tuple[str, int], str] = {}
    docs: dict[int, str] = {}
    errors: dict[tuple[str, int], list] = defaultdict(list)
    unspanned: dict[tuple[str, int], list] = defaultdict(list)
    with open(root / ANNOTATIONS, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        column = {name: i for i, name in enumerate(header)}
        for row in reader:
            if not row:
                continue
            system, doc, seg_id = row[column["system"]], row[column["doc"]], int(row[column["seg_id"]])
            marked, category, severity = row[column["target"]], row[column["category"]], row[column["severity"]]
            rater = row[column["rater"]]
            key = (system, seg_id)
            plain, span = _strip_tags(marked)
            if texts.setdefault(key, plain) != plain:
                raise ValueError(f"{system} segment {seg_id}: target text differs between rows")
            if docs.setdefault(seg_id, doc) != doc:
                raise ValueError(f"segment {seg_id} is in two talks")
            if category == "No-error":
                continue
            if span is None:
                unspanned[key].append((category, severity, rater))
            else:
                errors[key].append((*span, category, severity, rater))
    items = []
    for (system, seg_id), target in texts.items():
        if system == SOURCE_SYSTEM:
            continue
        mqm = scores.get((system, seg_id))
        if mqm is None:
            continue
        source = texts.get((SOURCE_SYSTEM, seg_id))
        if source is None:
            continue
        key = (system, seg_id)
        items.append(
            TedItem(system, docs[seg_id], seg_id, source, target, mqm,
                    tuple(sorted(errors.get(key, ()))), tuple(unspanned.get(key, ())))
        )
    items.sort(key=lambda item: (item.seg_id, item.system))
    return items


def _read_scores(path: Path) -> dict[tuple[str, int], float | None]:
    """``system score seg_id``; the header is space-separated, rows tab + space."""
    scores: dict[tuple[str, int], float | None] = {}
    with open(path, encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        fields = line.split()
        if len(fields) != 3:
            raise ValueError(f"{path} line {number}: expected 3 fields, got {len(fields)}")
        system, value, seg_id = fields
        system = SCORE_SYSTEM_NAMES.get(system, system)
        # 0.0 + turns the file's "-0.000000" into 0.0.
        scores[(system, int(seg_id))] = None if value == "None" else 0.0 + float(value)
    return scores


def _strip_tags(marked: str) -> tuple[str, tuple[int, int] | None]:
    """Plain text and the span the first ``<v>…</v>`` marks in it (None if none)."""
    start = marked.find("<v>")
    plain = _TAG.sub("", marked)
    if start < 0:
        return plain, None
    before = _TAG.sub("", marked[:start])
    close = marked.find("</v>", start)
    if close < 0:  # one row in the file never closes its <v>
        return plain, (len(before), len(plain))
    inside = _TAG.sub("", marked[start + 3 : close])
    return plain, (len(before), len(before) + len(inside))


def split(items: Iterable[TedItem]) -> tuple[list[TedItem], list[TedItem]]:
    """(dev, test): test is every item of the talks in ``TEST_DOCS``."""
    dev, test = [], []
    for item in items:
        (test if item.doc in TEST_DOCS else dev).append(item)
    return dev, test


# --------------------------------------------------------------------------- Kendall tau


def kendall_tau(x: Sequence[float], y: Sequence[float]) -> float:
    """Kendall's tau-b of x and y (NaN pairs dropped); NaN if either is constant."""
    x, y = _finite_pairs(x, y)
    if _scipy_kendalltau is not None and len(x) >= 2:
        return float(_scipy_kendalltau(x, y, variant="b").statistic)
    return _tau_b_numpy(x, y)


def grouped_tau(metric: Sequence[float], human: Sequence[float], groups: Sequence) -> float:
    """Mean within-group tau-b over groups whose human scores are not all equal."""
    metric, human = np.asarray(metric, dtype=float), np.asarray(human, dtype=float)
    members: dict[object, list[int]] = defaultdict(list)
    for index, group in enumerate(groups):
        members[group].append(index)
    taus = []
    for indices in members.values():
        m, h = _finite_pairs(metric[indices], human[indices])
        if len(np.unique(h)) < 2:
            continue
        tau = kendall_tau(m, h)
        taus.append(0.0 if math.isnan(tau) else tau)
    return float(np.mean(taus)) if taus else math.nan


def _finite_pairs(x, y) -> tuple[np.ndarray, np.ndarray]:
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if x.shape != y.shape or x.ndim != 1:
        raise ValueError("x and y must be 1-D and of the same length")
    keep = np.isfinite(x) & np.isfinite(y)
    return x[keep], y[keep]


def _tau_b_numpy(x: np.ndarray, y: np.ndarray) -> float:
    n = len(x)
    if n < 2:
        return math.nan
    order = np.lexsort((y, x))  # by x, ties by y
    xs, ys = x[order], y[order]
    n0 = n * (n - 1) // 2
    n1 = _tied_pairs(np.unique(x, return_counts=True)[1])
    n2 = _tied_pairs(np.unique(y, return_counts=True)[1])
    boundaries = np.flatnonzero((xs[1:] != xs[:-1]) | (ys[1:] != ys[:-1])) + 1
    n3 = _tied_pairs(np.diff(np.concatenate(([0], boundaries, [n]))))
    # Sorted by x then y, a discordant pair is exactly an inversion of ys:
    # tied-x pairs are in ascending y and tied-y pairs are no inversion.
    discordant = _inversions(np.unique(ys, return_inverse=True)[1].astype(np.int64))
    concordant = n0 - n1 - n2 + n3 - discordant
    denominator = (n0 - n1) * (n0 - n2)
    if denominator == 0:
        return math.nan
    return float((concordant - discordant) / math.sqrt(denominator))


def _tied_pairs(counts: np.ndarray) -> int:
    counts = counts.astype(np.int64)
    return int((counts * (counts - 1) // 2).sum())


def _inversions(ranks: np.ndarray) -> int:
    """Pairs i < j with ranks[i] > ranks[j], by a vectorised bottom-up merge sort.

    At width w the array is sorted within blocks of w; for each element of an
    odd (right) block, count the elements of its left neighbour block that are
    larger with one global searchsorted over (pair, value) keys, then sort each
    pair of blocks into one. log2(n) rounds of O(n log n).
    """
    n = len(ranks)
    values = ranks.copy()
    base = int(values.max()) + 1 if n else 1
    positions = np.arange(n, dtype=np.int64)
    total = 0
    width = 1
    while width < n:
        block = positions // width
        pair = block // 2
        right = (block % 2).astype(bool)
        keys = pair * base + values
        left_keys = keys[~right]  # globally sorted: pairs ascend, each left block is sorted
        right_keys, right_pair = keys[right], pair[right]
        # left elements of the same pair: those with key < (pair + 1) * base; larger than v: key > pair*base + v
        end_of_pair = np.searchsorted(left_keys, (right_pair + 1) * base, side="left")
        not_larger = np.searchsorted(left_keys, right_keys, side="right")
        total += int((end_of_pair - not_larger).sum())
        values = np.sort(keys) - pair * base  # pairs stay where they are, sorted inside
        width *= 2
    return total


try:  # pragma: no cover - depends on the environment
    from scipy.stats import kendalltau as _scipy_kendalltau
except ImportError:  # the project does not depend on scipy
    _scipy_kendalltau = None


# --------------------------------------------------------------------------- self-check


def _brute_tau_b(x: Sequence[float], y: Sequence[float]) -> float:
    n = len(x)
    concordant = discordant = tied_x = tied_y = 0
    for i in range(n):
        for j in range(i + 1, n):
            dx, dy = x[i] - x[j], y[i] - y[j]
            if dx == 0:
                tied_x += 1
            if dy == 0:
                tied_y += 1
            if dx * dy > 0:
                concordant += 1
            elif dx * dy < 0:
                discordant += 1
    n0 = n * (n - 1) // 2
    denominator = (n0 - tied_x) * (n0 - tied_y)
    return (concordant - discordant) / math.sqrt(denominator) if denominator else math.nan


def _self_check() -> None:
    import time

    rng = np.random.default_rng(0)
    cases = 0
    for n in (2, 3, 5, 17, 64, 200, 513):
        for levels in (2, 4, 30, None):
            for _ in range(3):
                if levels is None:
                    x, y = rng.normal(size=n), rng.normal(size=n)
                else:
                    x = rng.integers(0, levels, size=n).astype(float)
                    y = (x * rng.integers(-1, 2) + rng.integers(0, levels, size=n)).astype(float)
                expected, got = _brute_tau_b(list(x), list(y)), _tau_b_numpy(x, y)
                assert (math.isnan(expected) and math.isnan(got)) or abs(expected - got) < 1e-12, (n, levels, expected, got)
                if _scipy_kendalltau is not None and not math.isnan(expected):
                    assert abs(kendall_tau(x, y) - expected) < 1e-9
                cases += 1
    assert math.isnan(_tau_b_numpy(np.ones(5), np.arange(5.0)))
    assert _tau_b_numpy(np.arange(9.0), np.arange(9.0)) == 1.0
    assert _tau_b_numpy(np.arange(9.0), -np.arange(9.0)) == -1.0
    assert kendall_tau([1, np.nan, 2, 3], [1, 5, 2, 3]) == 1.0
    # grouped: group a perfectly agrees, b perfectly disagrees, c has constant humans (skipped),
    # d has a constant metric (counts 0).
    g = grouped_tau([1, 2, 3, 3, 2, 1, 1, 2, 5, 5], [1, 2, 3, 1, 2, 3, 0, 0, 1, 2], list("aaabbbccdd"))
    assert abs(g - (1 - 1 + 0) / 3) < 1e-12, g
    x = rng.integers(0, 50, size=8000).astype(float)
    y = x + rng.normal(scale=20, size=8000).round()
    started = time.perf_counter()
    tau = _tau_b_numpy(x, y)
    elapsed = time.perf_counter() - started
    assert elapsed < 2.0, elapsed
    print(f"kendall_tau self-check: {cases} random cases match the O(n^2) loop; "
          f"n=8000 with ties: tau={tau:.4f} in {elapsed * 1000:.1f} ms (numpy); "
          f"scipy {'used' if _scipy_kendalltau is not None else 'not installed'}")


if __name__ == "__main__":
    _self_check()
    items = load_ted()
    dev, test = split(items)
    print(f"items: {len(items)} ({len({i.system for i in items})} systems); "
          f"dev {len(dev)} ({len({i.seg_id for i in dev})} segments), "
          f"test {len(test)} ({len({i.seg_id for i in test})} segments)")
