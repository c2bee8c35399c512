"""Where the benchmarks find the public data sets they read: one setting, ``MTCHECK_DATA``.

The test suite never reads these; the shipped judge's own training data is
inside the project (``src/mtcheck/training/data/``). Set ``MTCHECK_DATA`` to a
folder holding the sets below, each under its folder name, fetched from its
public source (docs/benchmarks.md lists the sources and checksums):

- ``demetr/``: DEMETR, 35 kinds of controlled errors (MIT).
- ``wmt21-news-zhen-mqm/``: WMT21 news, Chinese-English, MQM with error spans (Apache-2.0).
- ``wmt21-ted-zhen-mqm/``: WMT21 TED talks, Chinese-English, MQM (Apache-2.0).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

SETTING = "MTCHECK_DATA"


def data_root() -> Path:
    """The folder ``MTCHECK_DATA`` names; a one-line exit when it is unset or missing."""
    value = os.environ.get(SETTING)
    if not value:
        sys.exit(f"set {SETTING} to the folder holding the benchmark data sets (docs/benchmarks.md)")
    root = Path(value).expanduser()
    if not root.is_dir():
        sys.exit(f"{SETTING}={value}: no such folder")
    return root


def data_set(name: str) -> Path:
    """One data set's folder under ``MTCHECK_DATA``; a one-line exit when it is not there."""
    folder = data_root() / name
    if not folder.is_dir():
        sys.exit(f"{folder}: not found (set {SETTING}; docs/benchmarks.md says where each set comes from)")
    return folder
