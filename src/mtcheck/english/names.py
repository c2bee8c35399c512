"""Names: the ones translations use for one another, and the lowercase words a name may hold."""

from __future__ import annotations

# Names that translations use for one another, as their pieces.
ALIASES = (
    {("us",), ("usa",), ("america",), ("american",), ("united", "states")},
    {("uk",), ("britain",), ("british",), ("great", "britain"), ("united", "kingdom")},
    {("eu",), ("european", "union")},
    {("un",), ("united", "nations")},
)
# Lowercase words allowed inside a name: "Bank of America", "Harakat Hezbollah al-Nujaba".
NAME_PARTICLES = frozenset("of de da del der di du la le van von bin ibn al el".split())
