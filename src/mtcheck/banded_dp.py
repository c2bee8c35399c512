"""Best monotone path through a band of the (source, target) prefix grid.

The alignment passes describe their moves and gains; this module finds the
path. Each row is relaxed with numpy over its column window, and runs of
target-only steps (insertions) resolve with a running maximum, so the cost
is one vectorised pass per row.
"""

from __future__ import annotations

import numpy as np

NEG = -1e18


def band_from_path(path, n: int, m: int, radius: int) -> list[tuple[int, int]]:
    """Per prefix row i, a column window [lo, hi) around the path."""
    lo = np.full(n + 1, m + 1, dtype=np.int64)
    hi = np.zeros(n + 1, dtype=np.int64)
    for i, j in path:
        for row in range(max(0, i - radius), min(n, i + radius) + 1):
            lo[row] = min(lo[row], j - radius)
            hi[row] = max(hi[row], j + radius + 1)
    # Windows must be monotone and connected so every row can reach the next.
    hi = np.maximum.accumulate(np.minimum(hi, m + 1))
    lo = np.minimum.accumulate(np.maximum(lo, 0)[::-1])[::-1]
    lo[0], hi[n] = 0, m + 1
    return [(int(l), int(max(h, l + 1))) for l, h in zip(lo, hi)]


def banded_dp(n: int, m: int, windows, moves) -> list[tuple[int, int]]:
    """Best monotone path over prefix cells; skips (1-0, 0-1) gain nothing.

    ``moves`` are ((a, b), gains) with ``gains(i, cols)`` giving the gain of
    a bead ending at prefix cell (i, col) for each col. Returns the path's
    prefix points, from (0, 0) to (n, m), one per bead.
    """
    rows: list[np.ndarray] = []
    back: list[np.ndarray] = []  # per row and column: move id, -1 up, -2 left
    for i in range(n + 1):
        lo, hi = windows[i]
        cols = np.arange(lo, hi)
        best = np.full(hi - lo, NEG)
        choice = np.full(hi - lo, -3, dtype=np.int16)
        if i == 0:
            best[cols == 0] = 0.0
        else:
            _relax(best, choice, _lookup(rows, windows, i - 1, cols), -1)
            for move_id, ((a, b), gains) in enumerate(moves):
                if i < a:
                    continue
                ok = cols >= b
                if not ok.any():
                    continue
                prev = _lookup(rows, windows, i - a, cols[ok] - b)
                live = prev > NEG / 2
                if not live.any():
                    continue
                candidate = np.full(len(cols), NEG)
                idx = np.flatnonzero(ok)[live]
                candidate[idx] = prev[live] + gains(i, cols[idx])
                _relax(best, choice, candidate, move_id)
        # Insertions (0-1) chain along the row: a running maximum resolves them.
        carried = np.maximum.accumulate(best)
        left = carried > best
        best, choice = carried, np.where(left, -2, choice)
        rows.append(best)
        back.append(choice)
    return _trace(back, windows, moves, n, m)


def _lookup(rows, windows, i: int, cols: np.ndarray) -> np.ndarray:
    lo, hi = windows[i]
    inside = (cols >= lo) & (cols < hi)
    values = np.full(len(cols), NEG)
    values[inside] = rows[i][cols[inside] - lo]
    return values


def _relax(best: np.ndarray, choice: np.ndarray, candidate: np.ndarray, move_id: int) -> None:
    better = candidate > best
    best[better] = candidate[better]
    choice[better] = move_id


def _trace(back, windows, moves, n: int, m: int) -> list[tuple[int, int]]:
    points = [(n, m)]
    i, j = n, m
    while (i, j) != (0, 0):
        move = int(back[i][j - windows[i][0]])
        if move == -2:
            j -= 1
        elif move == -1:
            i -= 1
        elif move >= 0:
            a, b = moves[move][0]
            i, j = i - a, j - b
        else:
            raise RuntimeError("alignment path broke; the band lost the path")
        points.append((i, j))
    return points[::-1]
