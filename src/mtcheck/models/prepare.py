"""``python -m mtcheck.models.prepare``: convert the packaged models for the default engine now.

``make setup`` runs it, so the first ``compare`` (``make demo``) reads the
cached conversions instead of spending 10-30 s converting. Running it again
costs about a second: the conversions are found in the cache.
"""

from __future__ import annotations

import sys
import time

from mtcheck.errors import InputError
from mtcheck.models.engine import Engine
from mtcheck.models.signals import load_models


def main() -> int:
    started = time.perf_counter()
    try:
        lm, embedder = load_models(Engine(), 1)
    except InputError as error:
        print(f"mtcheck.models.prepare: {error}", file=sys.stderr)
        return 2
    print(f"models ready: {lm.name}, {embedder.name} ({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
