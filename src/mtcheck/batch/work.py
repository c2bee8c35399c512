"""Checking one article of a feed: the function every engine runs, in whatever process it runs in.

It never raises for the article's sake: unreadable, binary, empty or
oversized files, and any exception a stage raises, come back as an errored
``Outcome`` with a one-line reason, so one bad article cannot stop a feed.
What crosses between processes is plain data: paths in, the document as
batch/codec.py's JSON out.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from mtcheck.batch.files import read_file
from mtcheck.batch.inputs import Article
from mtcheck.batch.store import article_key
from mtcheck.config import Config
from mtcheck.errors import InputError
from mtcheck.read.text import text_from_bytes

DEFAULT_MAX_BYTES = 5 * 1024 * 1024  # a news article is tens of kilobytes; 5 MB is a page dump, not an article


@dataclass(frozen=True)
class Outcome:
    index: int  # the article's place in the feed
    article: Article
    key: str | None  # where the store keeps it; None when the files could not be read
    document: str | None  # batch/codec.py's JSON of the finished document, or None when it errored
    error: str | None = None  # one line
    seconds: float = 0.0
    # The error is the article's own (empty, binary, a check raising on it): the same bytes under the same
    # settings fail the same way, so the store keeps it. A timeout or a dead worker is not lasting.
    lasting: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None


def article_bytes(article: Article, max_bytes: int) -> tuple[bytes, bytes]:
    """Both files' bytes; an InputError (one line) for an article the listing already found wanting, or a
    file that is missing, unreadable, oversized or a link out of the feed (batch/files.py)."""
    if article.problem is not None:
        raise InputError(article.problem)
    return (read_file(article.source, article.source_root, max_bytes),
            read_file(article.target, article.target_root, max_bytes))


def check_article(index: int, article: Article, config: Config, signature: str,
                  max_bytes: int = DEFAULT_MAX_BYTES) -> Outcome:
    """Read, check and finish one article; its store key is computed from the bytes actually checked."""
    from mtcheck.batch.codec import dump_document
    from mtcheck.pipeline import compare_texts
    from mtcheck.report.build import finished

    started = time.perf_counter()
    key = None
    try:
        source_bytes, target_bytes = article_bytes(article, max_bytes)
        key = article_key(source_bytes, target_bytes, signature)
        # Decoded from the bytes the key was made of: the key names exactly what was checked.
        source, target = text_from_bytes(source_bytes, article.source), text_from_bytes(target_bytes, article.target)
        document = finished(compare_texts(source, target, config, doc_id=article.id))
        return Outcome(index, article, key, dump_document(document), seconds=time.perf_counter() - started)
    except InputError as error:
        reason = str(error)
    except MemoryError:
        reason = "out of memory"
    except Exception as error:  # noqa: BLE001 - a stage's bug fails this article, not the feed
        reason = f"internal error: {type(error).__name__}" + (f": {error}" if str(error) else "")
    return Outcome(index, article, key, None, _one_line(reason), time.perf_counter() - started, lasting=key is not None)


def _one_line(text: str) -> str:
    from mtcheck.report.inert import inert

    return inert(" ".join(text.split()), one_line=True)[:500]


# Checked once when a worker starts: every stage then has loaded its tables (the judge's leaf table and word
# frequencies, verb forms, compiled patterns), which cost the first feed article 0.52 s against 0.29 s.
_WARM_UP_PAIR = ("The minister said on Monday that 12 soldiers were not hurt in the attack.",
                 "The minister stated on Monday that 12 soldiers were hurt in the assault.")


def warm_up(config: Config) -> None:
    """Load what the first article would (models, the judge, the checks, every stage's tables), so no
    article pays for it: an --article-timeout then bounds the checking alone."""
    from mtcheck.grade.judge import judge_model
    from mtcheck.pipeline import compare_texts
    from mtcheck.types import Text

    if config.threads is not None:  # the engines give each worker its share of the CPUs
        from mtcheck.models.threads import limit_blas

        limit_blas(config.threads)
    judge_model(config)
    if config.models:
        from mtcheck.models.signals import load_models

        load_models(config.model_engine())
    source, target = _WARM_UP_PAIR
    try:
        compare_texts(Text(source), Text(target), config, doc_id="warm-up")
    except Exception:  # noqa: BLE001 - whatever fails here fails each article too, which reports it as its own
        pass
