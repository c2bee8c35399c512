"""Small inline SVG charts for the HTML review page: horizontal bars, each with its label and count as text."""

from __future__ import annotations

import html
from typing import Sequence

from mtcheck.report.inert import inert_html

ROW = 18  # pixels per bar
LABEL_WIDTH = 110
BAR_WIDTH = 160


def bar_chart(title: str, rows: Sequence[tuple[str, int]], *, classes: str = "") -> str:
    """One bar per (label, count), scaled to the largest count; the numbers are written beside the bars, so the
    chart never relies on colour or length alone."""
    top = max((count for _, count in rows), default=0) or 1
    height = ROW * max(len(rows), 1) + 4
    width = LABEL_WIDTH + BAR_WIDTH + 40
    name = inert_html(title)
    summary = ", ".join(f"{label}: {count}" for label, count in rows) or "none"
    parts = [f"<figure class=\"chart {html.escape(classes, quote=True)}\"><figcaption>{name}</figcaption>",
             f"<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"{width}\" height=\"{height}\" "
             f"viewBox=\"0 0 {width} {height}\" aria-label=\"{name}: {inert_html(summary)}\"><title>{name}</title>"]
    for k, (label, count) in enumerate(rows):
        y = k * ROW + 2
        length = round(BAR_WIDTH * count / top)
        key = inert_html(label.lower().replace(" ", "-"))
        parts.append(
            f"<text x=\"{LABEL_WIDTH - 6}\" y=\"{y + 13}\" text-anchor=\"end\">{inert_html(label)}</text>"
            f"<rect class=\"bar bar-{key}\" x=\"{LABEL_WIDTH}\" y=\"{y + 2}\" width=\"{length}\" height=\"{ROW - 5}\"/>"
            f"<text x=\"{LABEL_WIDTH + length + 5}\" y=\"{y + 13}\">{count}</text>"
        )
    if not rows:
        parts.append(f"<text x=\"0\" y=\"14\">none</text>")
    parts.append("</svg></figure>")
    return "".join(parts)


