"""How many CPUs the models use, and how: N workers, each running whole batches on one thread.

Both engines work this way. On CTranslate2 each model is loaded with one
thread per batch and N batches at once. On torch, torch's own intra-op
threads are not used, for two measured reasons:

- They meet at a barrier after every operation and spin-wait there. When
  another process holds a core, every operation waits for the descheduled
  thread: the seed article took 74-177 s with torch's default threads and a
  competing process, against 20 s with one thread (issue 9; on a shared
  2-core machine 291 s against 51 s).
- oneDNN's bfloat16 matmul sums in a different order for some shapes on 2
  threads than on 1, so SmolLM2's token surprisals differed by up to 0.65
  bits, and the seed's pair quality by up to 0.57, between 1 and 2 threads
  (float32 and the embedder did not differ).

Instead every torch operation runs on one thread, and ``workers`` threads
each score a whole batch at a time (torch releases the GIL inside its
kernels). The workers share no barrier, so a busy core slows one batch, not
all of them; and each batch runs the same single-threaded kernels whatever
the worker count, so the scores are identical for any ``--threads``.
"""

from __future__ import annotations

import math
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Callable, Iterable, Sequence, TypeVar

from mtcheck.errors import InputError

Item = TypeVar("Item")
Result = TypeVar("Result")

CGROUP_ROOT = Path("/sys/fs/cgroup")
SELF_CGROUP = Path("/proc/self/cgroup")

def parse_threads(value: object, origin: str) -> int | None:
    """A thread count from a flag or a config file: a whole number >= 1, or "auto" (None)."""
    if value is None or (isinstance(value, str) and value.strip().lower() == "auto"):
        return None
    number = int(value) if isinstance(value, str) and value.strip().isdigit() else value
    if isinstance(number, bool) or not isinstance(number, int) or number < 1:
        raise InputError(f"{origin}: 'threads' must be a whole number >= 1 or \"auto\", got {value!r}")
    return number


def available_cpus(cgroup_root: Path = CGROUP_ROOT, self_cgroup: Path = SELF_CGROUP) -> int:
    """CPUs this process may use: its affinity mask, capped by its cgroup's CPU quota."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not Linux
        cpus = os.cpu_count() or 1
    limit = cgroup_cpu_limit(cgroup_root, self_cgroup)
    if limit is not None:
        # Rounded up: workers share no barrier, so a fraction of a CPU is
        # still work done, and CFS throttling merely pauses them.
        cpus = min(cpus, math.ceil(limit))
    return max(1, cpus)


def cgroup_cpu_limit(cgroup_root: Path = CGROUP_ROOT, self_cgroup: Path = SELF_CGROUP) -> float | None:
    """The tightest CPU quota on this process's cgroup or its ancestors, in CPUs; None: unlimited.

    cgroup v2: ``cpu.max`` holds "quota period" or "max period". cgroup v1:
    ``cpu.cfs_quota_us`` (-1: unlimited) over ``cpu.cfs_period_us``. A
    container usually sees its own cgroup at the mount root, so the process's
    path is walked up to the root, reading whichever folders exist.
    """
    limits = []
    for version, path in _cgroup_paths(self_cgroup):
        bases = [cgroup_root] if version == 2 else [cgroup_root / "cpu", cgroup_root / "cpu,cpuacct"]
        for base in bases:
            for folder in _folder_and_ancestors(base, path):
                limit = _read_v2_limit(folder) if version == 2 else _read_v1_limit(folder)
                if limit is not None:
                    limits.append(limit)
    return min(limits, default=None)


def choose_workers(requested: int | str | None) -> int:
    """``requested``, else a positive ``OMP_NUM_THREADS`` the user set, else the available CPUs.

    No CPU is left idle for other processes: a busy core slows one
    barrier-free worker, not the others. Beside a CPU hog on 2 cores, 60 seed
    sentences took 6.0 s on 1 worker, 5.5 s on 2 and 5.1 s on 3, against
    82 s on torch's 2 intra-op threads (benchmarks/threads.py measures the
    whole seed).
    """
    chosen = parse_threads(requested, "threads")
    if chosen is not None:
        return chosen
    explicit = os.environ.get("OMP_NUM_THREADS", "").strip()
    if explicit.isdigit() and int(explicit) >= 1:
        return int(explicit)
    return available_cpus()


def configure(requested: int | str | None = None, runtime: str = "ctranslate2") -> int:
    """The worker count the model calls are given; on torch, every torch operation made single-threaded first.

    CTranslate2 needs nothing here: its models are loaded with one thread per
    batch and ``workers`` batches at once (models.ct2_lm), and torch is not imported.
    """
    workers = choose_workers(requested)
    if runtime == "torch":
        import torch

        torch.set_num_threads(1)
        try:
            # mtcheck runs no inter-op work; one thread spares the idle pool.
            torch.set_num_interop_threads(1)
        except RuntimeError:
            pass  # torch allows it only before any parallel work; this process already did some
    return workers


def limit_blas(threads: int) -> None:
    """Keep numpy's BLAS (the aligner's products) to ``threads`` threads in this process, for good.

    OpenBLAS's idle threads spin-wait after each call, as torch's do (above):
    with two feed workers on two cores, each worker's second BLAS thread spun
    on the core the other worker needed. On 40 feed articles at 2 workers an
    article took 0.36-0.41 s with OpenBLAS's default threads and 0.31-0.36 s
    with one each (1 worker: no difference). Each output of a product is
    summed by one thread whatever the count, so the results are the same.
    """
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=max(1, threads), user_api="blas")


def map_batches(function: Callable[[Item], Result], items: Sequence[Item], workers: int | None,
                per_thread: Callable[[], None] | None = None) -> list[Result]:
    """``[function(item) for item in items]``, run on up to ``workers`` threads (from ``configure``), in order.

    ``workers`` None: a library caller using the models directly, with the
    engine's settings left as they are; the batches run in series.
    ``per_thread`` prepares each thread that runs batches (the torch engine
    sets its thread count there: OpenMP keeps one per thread). ``function``
    must enter any per-thread mode itself (torch's inference mode is per thread).
    """
    if workers is None:
        return [function(item) for item in items]
    if workers == 1 or len(items) < 2:
        if per_thread is not None:
            per_thread()  # the caller may not be the thread that ran configure()
        return [function(item) for item in items]
    with ThreadPoolExecutor(min(workers, len(items)), thread_name_prefix="mtcheck-model", initializer=per_thread) as pool:
        return list(pool.map(function, items))


def _cgroup_paths(self_cgroup: Path) -> Iterable[tuple[int, str]]:
    """(version, path) of this process's cgroups that can hold a CPU quota."""
    try:
        lines = self_cgroup.read_text(encoding="ascii", errors="replace").splitlines()
    except OSError:
        return []
    found = []
    for line in lines:
        parts = line.split(":", 2)
        if len(parts) != 3:
            continue
        hierarchy, controllers, path = parts
        if hierarchy == "0" and controllers == "":
            found.append((2, path))
        elif "cpu" in controllers.split(","):
            found.append((1, path))
    return found


def _folder_and_ancestors(base: Path, path: str) -> list[Path]:
    parts = [part for part in path.strip("/").split("/") if part and part != ".."]
    return [base.joinpath(*parts[:depth]) for depth in range(len(parts), -1, -1)]


def _read_v2_limit(folder: Path) -> float | None:
    text = _read(folder / "cpu.max")
    fields = text.split() if text else []
    if len(fields) != 2 or fields[0] == "max":
        return None
    return _ratio(fields[0], fields[1])


def _read_v1_limit(folder: Path) -> float | None:
    quota, period = _read(folder / "cpu.cfs_quota_us"), _read(folder / "cpu.cfs_period_us")
    if quota is None or period is None:
        return None
    return _ratio(quota, period)


def _ratio(quota: str, period: str) -> float | None:
    try:
        quota_us, period_us = int(quota), int(period)
    except ValueError:
        return None
    return quota_us / period_us if quota_us > 0 and period_us > 0 else None


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
