"""Checking a feed on this machine: N worker processes, each loading the models once.

Each worker gets its articles one at a time over a pipe, so the parent always
knows which article a worker holds and since when. That is what isolates a
fault: an article past ``--article-timeout``, or one whose worker dies (a
crash, the OOM killer), becomes an errored outcome, the worker is replaced,
and the feed goes on. Workers are started with ``spawn``: a fresh interpreter
each, so nothing of the parent's threads or locks is inherited.

The CPUs are shared out: with N workers each runs its models on CPUs // N
threads (mtcheck.models.threads), so the workers never oversubscribe the cores.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import deque
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection, wait
from typing import Iterable, Iterator

from mtcheck.batch.inputs import Article
from mtcheck.batch.work import Outcome, check_article, warm_up
from mtcheck.config import Config

_POLL_SECONDS = 0.2
_READY = "ready"


@dataclass(frozen=True)
class Limits:
    article_timeout: float | None = None  # seconds an article may take; None: no bound
    max_bytes: int = 5 * 1024 * 1024


def worker_threads(config: Config, workers: int) -> Config:
    """``config`` with the model threads split between ``workers`` processes, unless the user set them."""
    from mtcheck.models.threads import available_cpus

    if config.threads is not None:
        return config
    return replace(config, threads=max(1, available_cpus() // max(1, workers)))


def _worker_main(connection: Connection, config: Config, signature: str, max_bytes: int) -> None:
    # Ctrl-C goes to the whole process group: the parent decides what stops, the worker only obeys.
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        warm_up(config)
    except Exception as error:  # noqa: BLE001 - told to the parent, which fails every article with it
        connection.send(("failed", f"{type(error).__name__}: {error}"))
        return
    connection.send((_READY, os.getpid()))
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        index, article = job
        connection.send(check_article(index, article, config, signature, max_bytes))


class _Worker:
    def __init__(self, context, config: Config, signature: str, limits: Limits):
        self.connection, child = context.Pipe()
        # Not a daemon: a stage may start processes of its own (sacrebleu scoring does, on a long article), which
        # a daemon may not. The engine stops every worker it started, killed or not, before it returns.
        self.process = context.Process(target=_worker_main, args=(child, config, signature, limits.max_bytes))
        self.process.start()
        child.close()
        self.ready = False
        self.closed = False
        self.job: tuple[int, Article] | None = None
        self.since = 0.0

    def give(self, job: tuple[int, Article]) -> None:
        self.job, self.since = job, time.monotonic()
        self.connection.send(job)

    def stop(self, kill: bool = False) -> None:
        if self.closed:
            return
        self.closed = True
        if kill:
            self.process.kill()
        else:
            try:
                self.connection.send(None)
            except OSError:
                pass
        self.process.join(timeout=None if kill else 5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.connection.close()


class LocalEngine:
    name = "local"

    def __init__(self, config: Config, signature: str, workers: int = 1, limits: Limits = Limits()):
        self.config = worker_threads(config, workers)
        self.signature = signature
        self.workers = max(1, workers)
        self.limits = limits
        self.pids: list[int] = []  # of every worker started, for the benchmark's memory readings

    def run(self, jobs: Iterable[tuple[int, Article]]) -> Iterator[Outcome]:
        """Each job's outcome as it finishes (not in job order)."""
        queue = deque(jobs)
        if not queue:
            return
        context = multiprocessing.get_context("spawn")
        workers = [self._start(context) for _ in range(min(self.workers, len(queue)))]
        try:
            while queue or any(w.job for w in workers):
                ready = wait([w.connection for w in workers], timeout=_POLL_SECONDS)
                for worker in list(workers):
                    outcome = None
                    if worker.connection in ready:
                        outcome = self._receive(worker)
                    elif worker.job is not None and self._late(worker):
                        outcome = self._failed(worker, f"timed out after {self.limits.article_timeout:g} s "
                                                       "(--article-timeout)")
                    elif not worker.process.is_alive():
                        outcome = self._receive(worker)  # the pipe says why: EOF, or a last message
                    if outcome is not None:
                        yield outcome
                    if worker.closed:
                        workers.remove(worker)
                        if queue:
                            workers.append(self._start(context))
                    elif worker.ready and worker.job is None and queue:
                        worker.give(queue.popleft())
        finally:
            for worker in workers:
                worker.stop(kill=worker.job is not None)

    def _start(self, context) -> _Worker:
        return _Worker(context, self.config, self.signature, self.limits)

    def _receive(self, worker: _Worker) -> Outcome | None:
        try:
            message = worker.connection.recv()
        except (EOFError, OSError):
            worker.process.join()
            if worker.job is None:
                worker.stop(kill=True)
                if not worker.ready:
                    raise RuntimeError(f"a worker could not start ({_death(worker.process.exitcode)})") from None
                return None
            return self._failed(worker, _death(worker.process.exitcode))
        if isinstance(message, tuple) and message[0] == _READY:
            worker.ready = True
            self.pids.append(message[1])
            return None
        if isinstance(message, tuple) and message[0] == "failed":
            raise RuntimeError(f"a worker could not load the models: {message[1]}")
        worker.job = None
        return message

    def _late(self, worker: _Worker) -> bool:
        timeout = self.limits.article_timeout
        return timeout is not None and time.monotonic() - worker.since > timeout

    def _failed(self, worker: _Worker, reason: str) -> Outcome:
        index, article = worker.job
        seconds = time.monotonic() - worker.since
        worker.job = None
        worker.stop(kill=True)  # replaced by the caller: its models are lost with it
        return Outcome(index, article, None, None, reason, seconds)


def _death(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        import signal

        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        return f"the worker checking it died ({name})"
    return f"the worker checking it died (exit code {exitcode})"
