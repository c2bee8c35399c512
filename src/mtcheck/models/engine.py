"""What the model stage needs from the settings, resolved once from ``Config`` (``Config.engine``) and passed down.

The models never read ``Config``: the pipeline hands them an ``Engine``, and
the worker count it resolves travels with each call (no module keeps it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # a type only: the aligner's import brings numpy, which `mtcheck --help` must not load
    from mtcheck.align.word_match import WordMatchParams


@dataclass(frozen=True)
class Engine:
    lm: str | None = None  # None: the packaged SmolLM2; else a Hub id or a local path
    embedder: str | None = None  # None: the packaged all-MiniLM-L6-v2
    dtype: str = "auto"  # auto (per engine and model, models.compute), float32, bfloat16, int8
    threads: int | str | None = None  # model worker threads; None: auto (models.threads.choose_workers)
    # The word alignment that says which target words get a source-anchored contrast (models.contrast);
    # None: its defaults.
    word_alignment: WordMatchParams | None = None
    runtime: str = "ctranslate2"  # the engine that runs the models (models.compute.RUNTIMES)
