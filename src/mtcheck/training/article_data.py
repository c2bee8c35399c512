"""The articles the verdict is fitted and tested on: WMT21 news zh→en, one article per (system, document).

Training-time only (``python -m mtcheck.training.train_verdict``); nothing at run time imports it.

An article is every segment of one document as one system translated it, in order, one paragraph each;
its source is ``ref.A``'s English of the same segments. Its human score is the document's MQM penalty
per 100 target words: the raters' span weights (minor 1, major 5) summed over its segments. Each
article is checked as a user would check it (``compare_texts``: segmented and aligned, not given its
pairs), and what the verdict reads of the report is kept as one JSON line, so a refit does not check the
articles again.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from mtcheck.training.mqm_data import MqmItem, assign_splits

PARAGRAPH = "\n\n"


@dataclass(frozen=True)
class Article:
    system: str
    doc: str
    split: str  # fit, calibrate or test (training.mqm_data: by document)
    source: str
    target: str
    human_penalty: float  # summed span weights of the raters
    words: int  # target words, the penalty's denominator

    @property
    def id(self) -> str:
        return f"{self.doc}:{self.system}"

    @property
    def human_per_100_words(self) -> float:
        return 100.0 * self.human_penalty / max(self.words, 1)


def articles(items: Sequence[MqmItem], splits: Iterable[str] = ("calibrate", "test")) -> list[Article]:
    """The (system, document) articles of ``items`` whose document is in one of ``splits``."""
    wanted = set(splits)
    split_of = assign_splits(item.doc for item in items)
    grouped: dict[tuple[str, str], list[MqmItem]] = defaultdict(list)
    for item in items:
        if split_of[item.doc] in wanted:
            grouped[(item.system, item.doc)].append(item)
    found = []
    for (system, doc), members in sorted(grouped.items()):
        members.sort(key=lambda item: item.segment)
        target = PARAGRAPH.join(item.target for item in members)
        found.append(Article(
            system, doc, split_of[doc], PARAGRAPH.join(item.source for item in members), target,
            -sum(item.mqm for item in members), len(target.split()),
        ))
    return found


@dataclass(frozen=True)
class ArticleReading:
    """What the verdict reads of one article's report, with the human score beside it."""

    id: str
    system: str
    doc: str
    split: str
    human_per_100_words: float
    words: int
    quality: float
    chrf: float
    target_coverage: float
    source_coverage: float
    mqm_penalty: float
    # Severity weight x confidence of every listed finding, per 100 target words.
    weighted_penalty: float
    expected_penalty: float  # the same over every judged finding, listed or not (Scores.expected_penalty)
    unpaired_share: float  # pairs with one side empty (0-1 and 1-0), of all pairs
    critical: int  # findings at or above the gate's confidence, by severity
    major: int
    checks: tuple[str, ...]  # the checks of the critical findings counted
    seconds: float


def read_article(article: Article, check: Callable, gate_floor: float) -> ArticleReading:
    """``check(source, target) -> Document``: the graded article, as ``compare_texts`` gives it."""
    started = time.perf_counter()
    document = check(article.source, article.target)
    seconds = time.perf_counter() - started
    scores = document.scores
    weighted = sum(f.severity.weight * f.confidence for f in document.findings)
    counted = [f for f in document.findings if f.confidence >= gate_floor]
    unpaired = sum(1 for pair in document.pairs if not pair.source or not pair.target)
    return ArticleReading(
        article.id, article.system, article.doc, article.split, round(article.human_per_100_words, 4),
        article.words, round(scores.quality, 4), round(scores.chrf, 4), scores.target_coverage or 0.0,
        scores.source_coverage or 0.0, round(scores.mqm_penalty or 0.0, 4),
        round(100.0 * weighted / max(article.words, 1), 4), scores.expected_penalty or 0.0,
        round(unpaired / max(len(document.pairs), 1), 4),
        sum(f.severity.value == "critical" for f in counted), sum(f.severity.value == "major" for f in counted),
        tuple(sorted({f.check for f in counted if f.severity.value == "critical"})), round(seconds, 3),
    )


def write_readings(path: Path, readings: Iterable[ArticleReading]) -> Iterator[ArticleReading]:
    """Each reading appended to ``path`` as it is made (a killed run keeps what it read), and passed on."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as handle:
        for reading in readings:
            handle.write(json.dumps(asdict(reading)) + "\n")
            handle.flush()
            yield reading


def load_readings(path: Path) -> list[ArticleReading]:
    readings = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            values = json.loads(line)
            values["checks"] = tuple(values["checks"])
            readings.append(ArticleReading(**values))
    return readings
