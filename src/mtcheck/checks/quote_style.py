"""Quote marks of another language's style, or two styles mixed in one sentence, where the source has neither."""

from __future__ import annotations

from typing import Iterator

from mtcheck.checks.base import Check
from mtcheck.views import DocumentView
from mtcheck.types import Finding, Severity

# German and French marks a round trip through German or French leaves in English text.
FOREIGN = {"„": "German", "‚": "German", "«": "French", "»": "French", "‹": "French", "›": "French"}
STRAIGHT, CURLY = '"', "“”"


class QuoteStyleCheck(Check):
    """Finds German or French quote marks, and straight and curly quotes mixed in one sentence.

    Example: „We have been obsessed with a separation“, said Murphy — for the
    source's "We've been obsessed for a decade…". A mark the source uses too
    is the article's own style.
    """

    name = "quote-style"
    category = "Fluency/Punctuation"
    severity = Severity.MINOR

    def run(self, doc: DocumentView) -> Iterator[Finding]:
        for view in doc.aligned:
            source = view.source.text
            for segment, text in view.target.segment_texts():
                offset = segment.start - view.target.start
                for at, mark in enumerate(text):
                    if mark in FOREIGN and mark not in source:
                        yield self.finding(
                            view,
                            f"{FOREIGN[mark]} quote mark '{mark}' in English text; the source has none",
                            view.target.span(offset + at, offset + at + 1),
                            evidence={"rule": "foreign quote mark", "mark": mark, "style": FOREIGN[mark]},
                        )
                yield from self._mixed(view, text, offset, source)

    def _mixed(self, view, text: str, offset: int, source: str) -> Iterator[Finding]:
        straight = [i for i, ch in enumerate(text) if ch == STRAIGHT]
        curly = [i for i, ch in enumerate(text) if ch in CURLY]
        if not straight or not curly:
            return
        if any(ch in source for ch in CURLY) and STRAIGHT in source:
            return  # the source mixes them too
        # The style the source uses (else the commoner one) is right; the others stray.
        source_curly = any(ch in source for ch in CURLY)
        stray = straight if source_curly or (STRAIGHT not in source and len(curly) > len(straight)) else curly
        evidence = {
            "rule": "mixed quote styles", "straight_quotes": len(straight), "curly_quotes": len(curly),
            "source_style": "curly" if source_curly else "straight" if STRAIGHT in source else "none",
        }  # fmt: skip
        for at in stray:
            yield self.finding(
                view,
                f"quote mark '{text[at]}' mixes styles with the sentence's other quotes",
                view.target.span(offset + at, offset + at + 1),
                evidence={**evidence, "mark": text[at]},
            )
