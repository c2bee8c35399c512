"""Words the language model finds far less likely than anything the source explains."""

from __future__ import annotations

import re
import statistics
from typing import Iterable, Iterator

from mtcheck.checks.base import Check, DocumentView, PairView
from mtcheck.checks.registry import register
from mtcheck.models.signals import pair_similarity
from mtcheck.types import Severity, Surprisals

# A spike stands above an absolute floor and this many bits above the pair's
# median token. The packaged 135M model is erratic: on the seed, ordinary
# words the source shares ("pushing Iraq", "For the militias") reach 20+
# bits. So only words the source lacks count, and the floor is high.
SPIKE_BITS = 16.0
SPIKE_MARGIN = 7.0
SKIP_LEADING_TOKENS = 1  # a sentence's first token has no context to speak of
WORD = re.compile(r"[\w'’-]+")


@register
class SurprisalCheck(Check):
    """Surprisal spikes the source does not explain: words English does not expect there.

    Example (seed): in "deeply connected to Iraqi society, Politics and
    government intertwined" the language model's most surprising token is
    " Politics", where the source reads "society, politics and government".
    """

    name = "surprisal"
    category = "Style/Awkward"
    severity = Severity.MINOR

    def run(self, doc: DocumentView) -> Iterable:
        signals = doc.document.signals
        if signals is None:
            return
        # Inserted text is flagged whole by the insertion check; without a
        # source, the small model's spikes there are mostly names.
        for view in doc.aligned:
            tokens = [signals.target_surprisals[j] for j in view.pair.target]
            similarity = pair_similarity(signals, view.pair)
            for start, end, bits in _spikes(tokens, view.target.full_text):
                yield from self._judge(view, start, end, bits, similarity)

    def _judge(self, view: PairView, start: int, end: int, bits: float, similarity: float | None) -> Iterator:
        text = view.target.full_text
        word_start, word_end = _word_around(text, start, end)
        word = text[word_start:word_end]
        source = view.source.text
        if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", source):
            return  # the source has the very word: a name or term, not an artifact
        lower = re.search(rf"(?<![\w-]){re.escape(word.lower())}(?![\w-])", source.lower())
        if lower:
            category, why = "Fluency/Grammar", "the source has it in another form"
        elif similarity is not None and similarity < 0.8:
            category, why = "Accuracy/Mistranslation", "the source says something else"
        else:
            category, why = "Style/Awkward", "the source does not use it"
        relative = word_start - view.target.start
        source_span = None
        if lower:
            source_span = view.source.span(lower.start(), lower.end())
        yield self.finding(
            view,
            f"unexpected word '{word}' ({bits:.1f} bits of surprisal; {why})",
            view.target.span(relative, relative + len(word)),
            source_span,
            category=category,
            severity=Severity.MAJOR if bits >= SPIKE_BITS + 6 and category.startswith("Accuracy") else Severity.MINOR,
            confidence=round(min(0.95, 0.4 + (bits - SPIKE_BITS) / 20), 3),
        )


def _spikes(segments: list[Surprisals], text: str) -> Iterator[tuple[int, int, float]]:
    """Word tokens far above the pair's typical surprisal, one per word.

    Punctuation tokens are left to the punctuation check.
    """
    scored = [token for tokens in segments for token in tokens[SKIP_LEADING_TOKENS:]]
    if len(scored) < 3:
        return
    median = statistics.median(bits for _, _, bits in scored)
    last_end = -1
    for start, end, bits in scored:
        if not any(ch.isalnum() for ch in text[start:end]):
            continue
        if bits >= SPIKE_BITS and bits >= median + SPIKE_MARGIN and start >= last_end:
            last_end = end
            yield start, end, bits


def _word_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The whole word a token belongs to (tokens carry a leading space, or half a word)."""
    while start < end and text[start].isspace():
        start += 1
    for match in WORD.finditer(text, max(0, start - 40), min(len(text), end + 40)):
        if match.start() <= start < match.end() or start <= match.start() < end:
            return match.start(), match.end()
    return start, end
