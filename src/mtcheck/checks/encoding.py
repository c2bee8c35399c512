"""Characters the translation lost to a decoding error: U+FFFD replacement characters."""

from __future__ import annotations

import re
from typing import Iterator

from mtcheck.checks.base import Check
from mtcheck.views import DocumentView
from mtcheck.types import Finding, Severity

# One lost character or several in a row are one defect to fix.
_REPLACEMENTS = re.compile("\ufffd+")


class EncodingCheck(Check):
    """Finds U+FFFD replacement characters in the translation, where bytes could not be decoded.

    Example: the seed's "The Americans “blame Iran, and they talk about
    Iran,” said Farhad Alaaldin", with the opening quote's last byte lost,
    reads "The Americans �blame Iran, …"; the finding's span is the "�". A
    run of them is one finding. A pair whose source holds U+FFFD itself is
    left alone: that is the input's fault, not the translation's (mtcheck
    warns about it when it reads the file).

    Category: MQM's full typology has Fluency/Character encoding; of this
    project's categories, Fluency/Spelling is the nearest, since a garbled
    character misspells the word or mark it stands in.
    """

    name = "encoding"
    category = "Fluency/Spelling"
    severity = Severity.MINOR

    def run(self, doc: DocumentView) -> Iterator[Finding]:
        for view in doc.pairs:
            target = view.target
            if "\ufffd" not in target.text or "\ufffd" in view.source.text:
                continue
            source_span = None if view.source.empty else view.source.span(0, len(view.source.text))
            for match in _REPLACEMENTS.finditer(target.text):
                count = match.end() - match.start()
                characters = "a character" if count == 1 else f"{count} characters"
                yield self.finding(
                    view,
                    f"{characters} lost to a decoding error (U+FFFD)",
                    target.span(match.start(), match.end()),
                    source_span,
                    evidence={"count": count},
                )
