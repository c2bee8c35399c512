"""Words the language model finds unlikely even after reading the source."""

from __future__ import annotations

import re
from typing import Iterable, Iterator

from mtcheck.checks.base import Check, DocumentView, PairView
from mtcheck.checks.counterpart import WORD, counterpart
from mtcheck.checks.registry import register
from mtcheck.types import Severity, Surprisals

# A target token costing this many bits once the model has read the source is
# one the source does not explain (copied words and names cost 0-3 bits;
# on the seed, "Politics", "our" for *the* and "rival Iran" for *Washington's
# rival Iran* cost 13-16). Read alone, the same token tells English oddity
# ("intertwined" at the end of a verbless clause) from fluent drift.
GIVEN_SPIKE_BITS = 12.0
ODD_ALONE_BITS = 12.0
MAJOR_BITS = 20.0


@register
class SurprisalCheck(Check):
    """Words the language model does not expect even after reading the source.

    Example (seed): in "deeply connected to Iraqi society, Politics and
    government intertwined" the word " Politics" costs 15.7 bits after the
    model has read the source's "society, politics and government".
    """

    name = "surprisal"
    category = "Style/Awkward"
    severity = Severity.MINOR

    def run(self, doc: DocumentView) -> Iterable:
        signals = doc.document.signals
        if signals is None or not signals.target_given_source:
            return
        # Inserted text has no source to be read with: the insertion check owns it.
        for view in doc.aligned:
            alone = {(a, b): bits for j in view.pair.target for a, b, bits in signals.target_surprisals[j]}
            given = [token for j in view.pair.target for token in signals.target_given_source[j]]
            for start, end, bits in _spikes(given, view.target.full_text):
                yield from self._judge(view, start, end, bits, alone.get((start, end)))

    def _judge(self, view: PairView, start: int, end: int, bits: float, alone: float | None) -> Iterator:
        text = view.target.full_text
        word_start, word_end = _word_around(text, start, end)
        word = text[word_start:word_end]
        source = view.source.text
        if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", source):
            return  # the source has the very word: a name or term, not an artifact
        relative = word_start - view.target.start
        evidence = _evidence(source, view.target.text, relative, relative + len(word), word)
        quoted = f"'{source[evidence[0]:evidence[1]]}'" if evidence else ""
        category, why = _classify(evidence, word, source, alone, quoted)
        alone_text = f", {alone:.1f} read alone" if alone is not None else ""
        yield self.finding(
            view,
            f"unexpected word '{word}' ({bits:.1f} bits of surprisal given the source{alone_text}; {why})",
            view.target.span(relative, relative + len(word)),
            view.source.span(*evidence) if evidence else None,
            category=category,
            severity=Severity.MAJOR if bits >= MAJOR_BITS and category.startswith("Accuracy") else Severity.MINOR,
            confidence=round(min(0.95, 0.4 + (bits - GIVEN_SPIKE_BITS) / 20), 3),
        )


def _evidence(source: str, target: str, start: int, end: int, word: str) -> tuple[int, int] | None:
    """The source words compared with: the same word in another case, else the diff's counterpart."""
    same = re.search(rf"(?<![\w-]){re.escape(word.lower())}(?![\w-])", source.lower())
    if same:
        return same.start(), same.end()
    return counterpart(source, target, start, end)


def _classify(
    evidence: tuple[int, int] | None, word: str, source: str, alone: float | None, quoted: str
) -> tuple[str, str]:
    if evidence and source[evidence[0] : evidence[1]].lower() == word.lower():
        return "Fluency/Grammar", f"the source has {quoted} in another form"
    odd = alone is not None and alone >= ODD_ALONE_BITS
    if evidence is None:
        if odd:
            return "Style/Awkward", "odd English, and the source does not use it"
        return "Accuracy/Mistranslation", "fluent, but not what the source says"
    if odd:
        return "Style/Awkward", f"odd English where the source says {quoted}"
    return "Accuracy/Mistranslation", f"fluent, but the source says {quoted}"


def _spikes(tokens: Surprisals, text: str) -> Iterator[tuple[int, int, float]]:
    """Word tokens at or above the spike floor, one per word.

    Punctuation tokens are left to the punctuation check.
    """
    last_end = -1
    for start, end, bits in tokens:
        if bits >= GIVEN_SPIKE_BITS and start >= last_end and any(ch.isalnum() for ch in text[start:end]):
            last_end = _word_around(text, start, end)[1]
            yield start, end, bits


def _word_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The whole word a token belongs to (tokens carry a leading space, or half a word)."""
    while start < end and text[start].isspace():
        start += 1
    for match in WORD.finditer(text, max(0, start - 40), min(len(text), end + 40)):
        if match.start() <= start < match.end() or start <= match.start() < end:
            return match.start(), match.end()
    return start, end
