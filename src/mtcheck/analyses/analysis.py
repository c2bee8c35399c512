"""What an analysis is: a name (as checks' ``needs`` and the settings spell it), a function and its ``Params``.

Each analysis module declares one ``ANALYSIS``; ``mtcheck.analyses.ANALYSES``
names them (mtcheck.plugins), and a plugin's entry point in the
``mtcheck.analyses`` group names its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator

from mtcheck.params import Params
from mtcheck.views import DocumentView, PerPair


@dataclass(frozen=True)
class Analysis:
    name: str
    run: Callable[[DocumentView, Params], Iterator | PerPair]
    Params: type[Params]
