"""Training examples: every MQM item run through the pipeline up to detect, its words and findings labelled.

Each item is one single-pair document (its ref.A English as the source, a
system's output as the target); a word or finding is labelled 1 where it
overlaps a rater's error span.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Sequence

from mtcheck.config import Config
from mtcheck.grade.judge.judging import NEEDS
from mtcheck.grade.judge.word_features import WordRow, document_rows
from mtcheck.grade.merging import by_pair, merged
from mtcheck.segment.documents import parallel_document
from mtcheck.training.mqm_data import MqmItem
from mtcheck.types import Document, Finding, Scores


@dataclass
class Example:
    """One item's facts for fitting: its word rows and labels, its findings and their labels."""

    item: MqmItem
    rows: list[WordRow]
    word_labels: list[int]
    findings: list[Finding]
    finding_labels: list[int]
    scores: Scores  # the pair's (chrF, BLEU, TER and, with the models, the model scores)


def item_document(item: MqmItem) -> Document:
    """One item as a single-pair document: its ref.A English as the source, the system's output as the target."""
    return parallel_document(item.id, [item.source], [item.target], pair_ids=[item.id])


def default_store() -> Path:
    from mtcheck.models.cache import cache_root

    return cache_root() / "training" / "wmt21-news-signals.sqlite"


def examples(items: Sequence[MqmItem], models: bool, store: Path | None = None, progress=None,
             dtype: str = "auto", engine: str = "ctranslate2") -> list[Example]:
    """Run the pipeline up to detect on every item (one single-pair document each) and label what it saw."""
    from mtcheck.analyses import analyse
    from mtcheck.checks import detect
    from mtcheck.pipeline import built_checks
    from mtcheck.score.scoring import score

    config = Config(models=models, judge="off", threads=1, dtype=dtype, engine=engine)
    documents = [item_document(item) for item in items]
    if models:
        from mtcheck.training.signal_store import cached_signals

        signals = cached_signals(documents, config, store or default_store(), progress)
        documents = [replace(d, signals=s) for d, s in zip(documents, signals)]
    checks = built_checks(config)
    needs = frozenset().union(NEEDS, *(check.needs for check in checks))
    out = []
    for item, document in zip(items, documents):
        scored_document = score(document)
        view = analyse(scored_document, needs)
        found = merged(detect(view, checks))
        rows = [row for pair_rows in document_rows(view, by_pair(found)) for row in pair_rows]
        gold = item.spans
        out.append(Example(
            item, rows, [int(_overlaps(gold, row.start, row.end)) for row in rows], found,
            [int(_overlaps(gold, f.target_span.start, f.target_span.end) if f.target_span else bool(gold))
             for f in found],
            scored_document.pairs[0].scores,
        ))
    return out


def _overlaps(spans, start: int, end: int) -> bool:
    return any(a < end and b > start for a, b, _ in spans)
