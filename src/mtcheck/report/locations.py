"""Line and column of a character offset, for the CI formats that point into files (GitHub, SARIF).

Offsets index the decoded text a report carries, whose newlines are normalised to ``\\n``; a file's lines are
the same lines. Lines and columns are 1-based; a column counts characters (Unicode code points).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from mtcheck.types import Finding, Span


class LineIndex:
    def __init__(self, text: str):
        self._starts = [0] + [match.end() for match in re.finditer("\n", text)]

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1


def pointed_at(finding: Finding) -> tuple[str, Span | None]:
    """Where a finding points: ("target", its target span), else ("source", its source span) for an omission,
    else ("target", None) for a finding on the whole text (a target in another language)."""
    if finding.target_span is None and finding.source_span is not None:
        return "source", finding.source_span
    return "target", finding.target_span
