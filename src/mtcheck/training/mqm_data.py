"""The human judgements the judge learns from: WMT21 news zh→en MQM with character error spans.

``training/data/wmt21_news_zhen_mqm_spans.tsv.gz`` (the WMT21 news set's
``wmt21-news-zhen-mqm/wmt21_news_zhen_mqm_spans.tsv``, gzipped, with its
licence and source in training/data/) has one row per (system, segment): ``system doc seg_id rater source target starts
ends severities``. In some rows a document name's hyphens became tabs, and
the seg_id or rater column is missing, so a row is read from its ends: the
system first, the five text and span columns last, and a segment is known by
its document and its Chinese source, not by a seg_id that may be absent.

``ref.A`` is the English source of every other row of its segment.
"""

from __future__ import annotations

import gzip
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

NEWS_FILE = "wmt21-news-zhen-mqm/wmt21_news_zhen_mqm_spans.tsv"  # its name in the published set
# The copy inside the project, so that a clone rebuilds the shipped judge (python -m mtcheck.training.train).
NEWS_DATA = Path(__file__).parent / "data" / "wmt21_news_zhen_mqm_spans.tsv.gz"
SOURCE_SYSTEM = "ref.A"
WEIGHTS = {"minor": 1.0, "major": 5.0}
# Documents by the rank of their name's hash: fit, calibrate (operating points
# too), test. The test documents are never fitted or tuned on.
SPLITS = (("fit", 0.55), ("calibrate", 0.2), ("test", 0.25))


@dataclass(frozen=True)
class MqmItem:
    system: str
    doc: str
    segment: int  # order of the segment in its document
    source: str  # ref.A's English
    target: str
    spans: tuple[tuple[int, int, str], ...]  # (start, end, severity) into target

    @property
    def id(self) -> str:
        return f"{self.doc}#{self.segment}:{self.system}"

    @property
    def mqm(self) -> float:
        """Minus the summed span weights: 0 for a segment the rater found no error in."""
        return -sum(WEIGHTS.get(severity, 1.0) for _, _, severity in self.spans)


def news_bytes(source: Path | str = NEWS_DATA) -> bytes:
    """The set's TSV, from the copy in the project (gzipped), another file, or a data folder holding NEWS_FILE."""
    path = Path(source)
    if path.is_dir():
        path = path / NEWS_FILE
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def load_news(source: Path | str = NEWS_DATA) -> list[MqmItem]:
    """Every translation row with its ref.A source, in file order."""
    rows = [_row(line) for line in news_bytes(source).decode("utf-8").splitlines() if line]
    order: dict[tuple[str, str], int] = {}
    for _, doc, chinese, _, _ in rows:
        order.setdefault((doc, chinese), sum(1 for d, _ in order if d == doc))
    sources = {(doc, chinese): target for system, doc, chinese, target, _ in rows if system == SOURCE_SYSTEM}
    return [
        MqmItem(system, doc, order[(doc, chinese)], sources[(doc, chinese)], target, spans)
        for system, doc, chinese, target, spans in rows
        if system != SOURCE_SYSTEM and (doc, chinese) in sources
    ]


def _row(line: str) -> tuple[str, str, str, str, tuple]:
    fields = line.split("\t")
    system, middle, (chinese, target, starts, ends, severities) = fields[0], fields[1:-5], fields[-5:]
    if middle and middle[-1].startswith("rater"):
        middle = middle[:-1]
    if middle and middle[-1].isdigit() and len(middle) > 1:
        middle = middle[:-1]
    spans = tuple(
        (int(start), int(end), severity)
        for start, end, severity in zip(starts.split(), ends.split(), severities.split())
        if int(start) >= 0 and severity != "no-error"
    )
    return system, "-".join(middle), chinese, target, spans


def assign_splits(docs: Iterable[str]) -> dict[str, str]:
    """Split a set of documents by the rank of their names' hashes, in the SPLITS shares."""
    ranked = sorted(set(docs), key=_digest)
    assigned, start = {}, 0
    for index, (name, share) in enumerate(SPLITS):
        end = len(ranked) if index == len(SPLITS) - 1 else start + round(share * len(ranked))
        assigned.update({doc: name for doc in ranked[start:end]})
        start = end
    return assigned


def _digest(doc: str) -> str:
    return hashlib.sha256(doc.encode("utf-8")).hexdigest()


def in_split(items: Sequence[MqmItem], name: str) -> list[MqmItem]:
    assigned = assign_splits(item.doc for item in items)
    return [item for item in items if assigned[item.doc] == name]
