"""Untrusted text made safe to show: every control becomes a visible escape.

Article text, ids and file names are data. Written raw to a terminal, an ESC
or a C1 control starts a command (recolour, retitle the window, plant an OSC 8
hyperlink, move the cursor over earlier rows), and a bidi override reorders
what the reader sees (Trojan Source, CVE-2021-42574). ``inert`` shows each of
these as a backslash escape (``\\x1b``, ``\\x9b``, ``\\u202e``) and leaves all
other text alone, brackets included: markup is the renderer's business (rich
``Text`` objects are never parsed as markup).

Escaped:
- C0 controls, DEL and the C1 range U+0080-U+009F (CSI U+009B, OSC U+009D,
  NEL U+0085 ...): category Cc, all of it but newline and tab;
- U+2028 and U+2029, line and paragraph separators, which some tools split on;
- the Bidi_Control characters: ALM, LRM, RLM, the embeddings and overrides
  U+202A-U+202E and the isolates U+2066-U+2069;
- lone surrogates (a JSON ``"\\ud800"`` in a pairs file decodes to one), which
  a UTF-8 terminal cannot even be sent: printing one raises.

Left alone, on purpose: zero-width characters (ZWSP, ZWJ, ZWNJ, word joiner,
BOM), variation selectors and tag characters. They command nothing, cannot
reorder text, and ZWJ/ZWNJ/selectors are needed to draw emoji and many scripts
the ``untranslated`` check quotes; escaping them would garble real text.
"""

from __future__ import annotations

import html
import re

_ANYWHERE = "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff"
# Article text keeps its line breaks and tabs (rich expands tabs to spaces);
# a one-line field (an id, a file name, a message) must not break its line.
CONTROLS = re.compile(f"[{_ANYWHERE}]")
_ONE_LINE = re.compile(f"[{_ANYWHERE}\t\n]")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def inert(text: str, *, one_line: bool = False) -> str:
    """``text`` with every terminal control, bidi control and surrogate shown as an escape."""
    return (_ONE_LINE if one_line else CONTROLS).sub(_escape, text)


def inert_html(text: str) -> str:
    """One line of untrusted text for HTML markup or an attribute: controls as escapes, then HTML-escaped."""
    return html.escape(inert(text, one_line=True), quote=True)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
