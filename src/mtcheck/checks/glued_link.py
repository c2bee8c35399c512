"""Link text ("read", "more") glued onto the end of a headline."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from mtcheck.checks.base import Check
from mtcheck.views import DocumentView
from mtcheck.params import Params, param
from mtcheck.types import Severity

# German portals' "Lesen"/"Weiterlesen"/"Mehr" link labels come back from the
# round trip as one of these, stuck to the headline before them.
LINK_TAIL = re.compile(
    r"\s(?P<link>(?:continue )?read(?:ing)?(?: more)?|more|weiterlesen|lesen|mehr)\s*[»›→>]?\s*$",
    re.IGNORECASE,
)
TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*\s*$")


@dataclass(frozen=True)
class GluedLinkParams(Params):
    headline_words: int = param(2, "words a headline needs before the link text for the link to count as glued on")


class GluedLinkCheck(Check):
    """Link text glued onto a headline that has no final punctuation.

    Example (seed): "NATO response to Putin's air strikes: Experts fear rapid
    reading" and "Russia uses Starlink on the front read", where "reading" /
    "read" is the portal's "Lesen" link label.
    """

    name = "glued-link"
    category = "Accuracy/Addition"
    severity = Severity.MINOR
    Params = GluedLinkParams

    def run(self, doc: DocumentView) -> Iterable:
        headline_words = self.params.headline_words
        for view in doc.pairs:
            source_tail = LINK_TAIL.search(view.source.text) if not view.source.empty else None
            for segment, text in view.target.segment_texts():
                if TERMINAL.search(text):
                    continue
                match = LINK_TAIL.search(text)
                if not match:
                    continue
                words_before = len(text[: match.start()].split())
                if words_before < headline_words:
                    continue
                link = match.group("link")
                if source_tail and source_tail.group("link").lower() == link.lower():
                    continue
                start = segment.start + match.start("link")
                yield self.finding(
                    view,
                    f"link text '{link}' glued onto the end of a headline",
                    view.target.span(start - view.target.start, start - view.target.start + len(link)),
                    view.source.span(0, len(view.source.text)) if not view.source.empty else None,
                    confidence=0.7,
                    evidence={"link_text": link, "headline_word_count": words_before},
                )
