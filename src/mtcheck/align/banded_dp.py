"""Best monotone path through a band of the (source, target) prefix grid.

The alignment passes describe their moves and gains; this module finds the
path. Each row is relaxed with numpy over its column window, and runs of
target-only steps (insertions) resolve with a running maximum, so the cost
is one vectorised pass per row.
"""

from __future__ import annotations

import numpy as np

NEG = -1e18


def band_from_path(path, n: int, m: int, radius: int) -> np.ndarray:
    """Per prefix row i, a column window ``[lo, hi)`` around the path, as an (n + 1, 2) array."""
    points = np.asarray(path, dtype=np.int64).reshape(-1, 2)
    lo = np.full(n + 1, m + 1, dtype=np.int64)
    hi = np.zeros(n + 1, dtype=np.int64)
    # Each point widens the rows within ``radius`` of it: one vectorised
    # pass per row offset instead of a Python loop over points and rows.
    for shift in range(-radius, radius + 1):
        rows = points[:, 0] + shift
        inside = (rows >= 0) & (rows <= n)
        np.minimum.at(lo, rows[inside], points[inside, 1] - radius)
        np.maximum.at(hi, rows[inside], points[inside, 1] + radius + 1)
    # Windows must be monotone and connected so every row can reach the next.
    hi = np.maximum.accumulate(np.minimum(hi, m + 1))
    lo = np.minimum.accumulate(np.maximum(lo, 0)[::-1])[::-1]
    lo[0], hi[n] = 0, m + 1
    return np.stack([lo, np.maximum(hi, lo + 1)], axis=1)


def full_windows(n: int, m: int) -> np.ndarray:
    """Every column in every row: the unbanded search."""
    return np.tile(np.array([0, m + 1], dtype=np.int64), (n + 1, 1))


def banded_dp(n: int, m: int, windows: np.ndarray, moves) -> list[tuple[int, int]]:
    """Best monotone path over prefix cells; skips (1-0, 0-1) gain nothing.

    ``moves`` are ((a, b), gains) with ``gains(i, cols)`` giving the gain of
    a bead ending at prefix cell (i, col) for each col. Returns the path's
    prefix points, from (0, 0) to (n, m), one per bead.

    Memory is the back-pointers (two bytes a cell of the band) plus the last
    few rows of scores: a move reaches back at most its source size.
    """
    widths = windows[:, 1] - windows[:, 0]
    offsets = np.concatenate([[0], np.cumsum(widths)])
    back = np.empty(int(offsets[-1]), dtype=np.int16)  # per cell: move id, -1 up, -2 left
    reach = max([1] + [a for (a, _), _ in moves])
    rows: dict[int, np.ndarray] = {}
    for i in range(n + 1):
        lo, hi = int(windows[i, 0]), int(windows[i, 1])
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
        rows[i] = carried
        rows.pop(i - reach - 1, None)
        back[offsets[i] : offsets[i + 1]] = np.where(left, -2, choice)
    return _trace(back, offsets, windows, moves, n, m)


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


def _trace(back, offsets, windows, moves, n: int, m: int) -> list[tuple[int, int]]:
    points = [(n, m)]
    i, j = n, m
    while (i, j) != (0, 0):
        if not windows[i, 0] <= j < windows[i, 1]:
            raise RuntimeError("alignment path broke; the band lost the path")
        move = int(back[offsets[i] + j - windows[i, 0]])
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
