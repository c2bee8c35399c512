"""A feed run: look every article up in the store, check the rest on an engine, keep what finishes.

Articles come back in input order whatever order the engine finishes them
in: ``on_document`` sees article 3 only after 1 and 2, so a JSONL stream is
in feed order and a rerun gives the same output. Each checked article is in
the store the moment it finishes, before the next is reported, so a run
killed at any point loses at most the articles still being checked.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable, Protocol, Sequence

from mtcheck.batch.codec import load_document
from mtcheck.batch.inputs import Article, Feed
from mtcheck.batch.store import ResultStore, article_key
from mtcheck.batch.work import Outcome, article_bytes
from mtcheck.errors import InputError
from mtcheck.types import ArticleError, Document


class Engine(Protocol):
    name: str

    def run(self, jobs: Sequence[tuple[int, Article]]): ...


class Progress(Protocol):
    def start(self, total: int, reused: int, errored: int = 0, findings: int = 0) -> None: ...

    def advance(self, outcome: Outcome, findings: int) -> None: ...

    def finish(self) -> None: ...


@dataclass(frozen=True)
class BatchResult:
    """Two partitions of the feed's articles: documents + errors, and checked + reused + errors."""

    documents: tuple[Document, ...]  # the articles checked or found in the store, in feed order
    errors: tuple[ArticleError, ...]  # in feed order: unreadable, refused, errored now or as stored
    checked: int  # documents checked in this run
    reused: int  # documents found in the store
    seconds: float


def run_batch(feed: Feed, signature: str, store: ResultStore, engine: Engine, progress: Progress, *,
              max_bytes: int, on_document: Callable[[Document | ArticleError], None] = lambda item: None
              ) -> BatchResult:
    started = time.perf_counter()
    results: dict[int, Document | ArticleError] = {}
    keys: dict[int, str] = {}
    for index, article in enumerate(feed.articles):
        try:
            keys[index] = article_key(*article_bytes(article, max_bytes), signature)
        except InputError as error:
            results[index] = _error(article, str(error))
    stored, failed = store.documents(keys.values()), store.errors(keys.values())
    pending = []
    for index, key in keys.items():
        if key in stored:
            results[index] = load_document(stored[key])
        elif key in failed:
            results[index] = _error(feed.articles[index], failed[key])
        else:
            pending.append((index, feed.articles[index]))
    reused = sum(isinstance(r, Document) for r in results.values())
    progress.start(len(feed.articles), reused, errored=len(results) - reused,
                   findings=sum(len(r.findings) for r in results.values() if isinstance(r, Document)))
    released = _Releaser(len(feed.articles), results, on_document)
    released.flush()
    for outcome in engine.run(pending):
        if outcome.ok:
            document = load_document(outcome.document)
            # Stored under the key of the bytes the worker read: an article edited mid-run is kept as checked.
            store.put(outcome.key, outcome.article.id, signature, outcome.document, outcome.seconds)
            results[outcome.index] = document
            findings = len(document.findings)
        else:
            if outcome.lasting:
                store.put_error(outcome.key, outcome.article.id, signature, outcome.error)
            results[outcome.index] = _error(outcome.article, outcome.error)
            findings = 0
        progress.advance(outcome, findings)
        released.flush()
    progress.finish()
    ordered = [results[index] for index in range(len(feed.articles))]
    documents = tuple(item for item in ordered if isinstance(item, Document))
    return BatchResult(
        documents=documents,
        errors=tuple(item for item in ordered if isinstance(item, ArticleError)),
        checked=len(documents) - reused,
        reused=reused,
        seconds=time.perf_counter() - started,
    )


def _error(article: Article, reason: str) -> ArticleError:
    return ArticleError(article.id, reason, article.source, article.target)


class _Releaser:
    """Hands results on in feed order, each as soon as every one before it is in."""

    def __init__(self, total: int, results: dict, on_document: Callable):
        self.total, self.results, self.on_document = total, results, on_document
        self.next = 0

    def flush(self) -> None:
        while self.next < self.total and self.next in self.results:
            self.on_document(self.results[self.next])
            self.next += 1
