"""Checking a feed on a Ray cluster (``pip install 'mtcheck[ray]'``, ``--engine ray [--address auto]``).

The same per-article function as the local engine (batch/work.py) runs in
Ray actors, each of which loads the models once when it starts. The parent
keeps one article in flight per actor, so that, as with local worker
processes, an article past ``--article-timeout`` or one whose actor dies is
an errored outcome and the actor is replaced; results land in the same store
and outputs. Without ``--address`` a local Ray instance is started for the
run (no dashboard) and stopped after it.

Every node needs mtcheck installed, at the version the driver runs: the
actors import it there.
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import replace
from typing import Iterable, Iterator

from mtcheck.batch.inputs import Article
from mtcheck.batch.local_engine import Limits
from mtcheck.batch.work import Outcome, check_article, warm_up
from mtcheck.config import Config
from mtcheck.errors import InputError

_POLL_SECONDS = 0.2


class _Checker:
    """A Ray actor: the models loaded once, then one article at a time."""

    def __init__(self, config: Config, signature: str, max_bytes: int):
        self.config, self.signature, self.max_bytes = config, signature, max_bytes
        warm_up(config)

    def ready(self) -> bool:
        return True

    def check(self, index: int, article: Article) -> Outcome:
        return check_article(index, article, self.config, self.signature, self.max_bytes)


class RayEngine:
    name = "ray"

    def __init__(self, config: Config, signature: str, workers: int = 1, limits: Limits = Limits(),
                 address: str | None = None, cpus_per_worker: int = 1):
        try:
            import ray  # noqa: F401
        except ImportError:
            raise InputError("--engine ray needs Ray: pip install 'mtcheck[ray]'") from None
        # Each actor reserves its CPUs from Ray and runs its models on exactly as many threads.
        self.config = config if config.threads is not None else replace(config, threads=cpus_per_worker)
        self.signature, self.workers, self.limits = signature, max(1, workers), limits
        self.address, self.cpus = address, self.config.threads

    def run(self, jobs: Iterable[tuple[int, Article]]) -> Iterator[Outcome]:
        import ray

        queue = deque(jobs)
        if not queue:
            return
        started_here = not ray.is_initialized()
        if started_here:
            options = {"address": self.address} if self.address else {
                "num_cpus": max(self.workers * self.cpus, 1), "include_dashboard": False}
            ray.init(log_to_driver=False, configure_logging=False, **options)
        checker = ray.remote(num_cpus=self.cpus)(_Checker)
        try:
            actors = [self._start(checker) for _ in range(min(self.workers, len(queue)))]
            yield from self._loop(ray, checker, actors, queue)
        finally:
            for actor in list(getattr(self, "_live", ())):
                ray.kill(actor)
            if started_here:
                ray.shutdown()

    def _start(self, checker):
        actor = checker.remote(self.config, self.signature, self.limits.max_bytes)
        self._live = getattr(self, "_live", set()) | {actor}
        return {"actor": actor, "call": actor.ready.remote(), "job": None, "since": 0.0}

    def _loop(self, ray, checker, actors: list[dict], queue: deque) -> Iterator[Outcome]:
        while queue or any(a["job"] for a in actors):
            calls = [a["call"] for a in actors if a["call"] is not None]
            done, _ = ray.wait(calls, num_returns=1, timeout=_POLL_SECONDS) if calls else ([], [])
            for slot in list(actors):
                outcome = None
                if slot["call"] in done:
                    outcome, dead = self._collect(ray, slot)
                elif slot["job"] is not None and self._late(slot):
                    outcome, dead = self._failed(slot, f"timed out after {self.limits.article_timeout:g} s "
                                                       "(--article-timeout)"), True
                else:
                    dead = False
                if outcome is not None:
                    yield outcome
                if dead:
                    ray.kill(slot["actor"])
                    self._live.discard(slot["actor"])
                    actors.remove(slot)
                    if queue:
                        actors.append(self._start(checker))
                elif slot["call"] is None and queue:
                    slot["job"], slot["since"] = queue.popleft(), time.monotonic()
                    slot["call"] = slot["actor"].check.remote(*slot["job"])

    def _collect(self, ray, slot: dict) -> tuple[Outcome | None, bool]:
        from ray.exceptions import RayActorError, RayError

        call, slot["call"] = slot["call"], None
        try:
            result = ray.get(call)
        except RayActorError as error:
            if slot["job"] is None:
                raise RuntimeError(f"a Ray worker could not start: {_first_line(error)}") from None
            return self._failed(slot, "the Ray worker checking it died"), True
        except RayError as error:
            if slot["job"] is None:
                raise RuntimeError(f"a Ray worker could not start: {_first_line(error)}") from None
            return self._failed(slot, f"Ray failed on it: {_first_line(error)}"), True
        if slot["job"] is None:  # the ready() answer: the models are loaded
            return None, False
        slot["job"] = None
        return result, False

    def _late(self, slot: dict) -> bool:
        timeout = self.limits.article_timeout
        return timeout is not None and time.monotonic() - slot["since"] > timeout

    def _failed(self, slot: dict, reason: str) -> Outcome:
        index, article = slot["job"]
        seconds = time.monotonic() - slot["since"]
        slot["job"], slot["call"] = None, None
        return Outcome(index, article, None, None, reason, seconds)


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0][:300]
