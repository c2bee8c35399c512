"""Line and column of a character offset, for the CI formats that point into files (GitHub, SARIF).

Offsets index the decoded text a report carries, whose newlines are normalised to ``\\n``; a file's lines are
the same lines. Lines and columns are 1-based; a column counts characters (Unicode code points).
"""

from __future__ import annotations

import re
from bisect import bisect_right


class LineIndex:
    def __init__(self, text: str):
        self._starts = [0] + [match.end() for match in re.finditer("\n", text)]

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1
