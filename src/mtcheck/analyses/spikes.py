"""Surprisal spikes of aligned pairs, sorted into the kinds of artifact they point at.

A spike is a target word the language model does not expect even after
reading the pair's source (models/given_source.py). What the source says at
that place, from a word-level diff (analyses/counterpart.py), and what the word
costs read alone decide its kind:

- ``case``: the source has the same word in another case ("Politics"); the
  noun-capitalisation check owns these.
- ``spelling``: the source word opposite is the same word misspelt ("foudn"
  for *found*).
- ``flip``: fluent English, but the source says something else there ("were
  born" for *died*, "if" for *while*).
- ``idiom``: odd English in a stretch longer than the source's words there
  ("asks Lindner about the traffic lights" for *the coalition*).
- ``substitution``: odd words swapped word for word ("a fancy actuality" for
  *a complex reality*, "holy metropolis" for *holy city*).
- ``unexplained``: nothing stands opposite in the source ("Rep. Mounes" for
  *Mounes*).

Each kind is reported by its own small check (checks/spike_check.py and its
subclasses), so editors and benchmarks can select and measure them one by one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Iterator

from mtcheck.analyses.counterpart import MAX_WORDS, WORD, counterpart
from mtcheck.params import Params, param
from mtcheck.types import Surprisals
from mtcheck.views import DocumentView, PairView
from mtcheck.analyses.analysis import Analysis

QUOTES = set("\"'“”‘’„«»")


@dataclass(frozen=True)
class SpikeAnalysisParams(Params):
    # A target token costing this many bits once the model has read the source
    # is one the source may not explain (copied words and names cost 0-3 bits;
    # on the seed, "Politics", "our" for *the* and "rival Iran" for
    # *Washington's rival Iran* cost 13-16). Each check then asks for its own
    # floor (SpikeCheck.spike_bits): independent human and machine translations
    # of one sentence reword freely, so on DEMETR's clean pairs a 12-bit floor
    # flagged a third of them.
    given_bits: float = param(12.0, "bits of surprisal given the source from which a word is a spike at all")
    # Read alone, the same token tells English oddity ("intertwined" at the end
    # of a verbless clause) from fluent drift (a meaning flip).
    odd_alone_bits: float = param(12.0, "bits read without the source from which a spike is odd English, not a flip")
    spelling_ratio: float = param(0.75, "character similarity to the source word opposite from which a spike is a misspelling")
    counterpart_words: int = param(MAX_WORDS, "longest rewritten stretch, in words, whose source words a spike is compared with")


DEFAULTS = SpikeAnalysisParams()


@dataclass(frozen=True)
class Spike:
    view: PairView
    start: int  # the word, relative to view.target.text
    end: int
    bits: float  # given the source
    alone: float | None  # read without the source
    evidence: tuple[int, int] | None  # the source words compared with, relative to view.source.text
    kind: str

    @property
    def word(self) -> str:
        return self.view.target.text[self.start : self.end]

    @property
    def source_words(self) -> str | None:
        return None if self.evidence is None else self.view.source.text[self.evidence[0] : self.evidence[1]]

    def evidence_values(self) -> dict:
        values: dict = {"bits": round(self.bits, 1)}
        if self.alone is not None:
            values["bits_alone"] = round(self.alone, 1)
        if self.source_words is not None:
            values["source_words"] = self.source_words.split()
        return values

    def measured(self) -> str:
        alone = f", {self.alone:.1f} read alone" if self.alone is not None else ""
        return f"{self.bits:.1f} bits of surprisal given the source{alone}"


def find_spikes(doc: DocumentView, params: SpikeAnalysisParams = DEFAULTS) -> Iterator[Spike]:
    """Every spike of every aligned pair, in text order; nothing without the source reading.

    The analyse stage runs this once per document for the five spike checks
    (checks/spike_check.py), which read it as ``doc.analyses.spikes``.
    """
    signals = doc.document.signals
    if signals is None or not signals.target_given_source:
        return
    # Inserted text has no source to be read with: the insertion check owns it.
    for view in doc.aligned:
        alone = {(a, b): bits for j in view.pair.target for a, b, bits in signals.target_surprisals[j]}
        given = [token for j in view.pair.target for token in signals.target_given_source[j]]
        for start, end, bits in _spiking_tokens(given, view.target.full_text, params.given_bits):
            spike = _judge(view, start, end, bits, alone.get((start, end)), params)
            if spike is not None:
                yield spike


def confidence(bits: float, floor: float) -> float:
    """0.4 at the spike floor, rising with every bit beyond it, capped at 0.95."""
    return round(min(0.95, 0.4 + (bits - floor) / 20), 3)


def punctuation_spikes(doc: DocumentView, floor: float = 12.0) -> Iterator[tuple[PairView, int, int, float]]:
    """Single punctuation marks of aligned pairs that cost ``floor`` bits or more given the source:
    (view, start, end, bits).

    Quotes and runs of marks are left to the punctuation check, which knows
    their shapes; offsets are relative to ``view.target.text``.
    """
    signals = doc.document.signals
    if signals is None or not signals.target_given_source:
        return
    for view in doc.aligned:
        for j in view.pair.target:
            for start, end, bits in signals.target_given_source[j]:
                mark = view.target.full_text[start:end].strip()
                if len(mark) == 1 and not mark.isalnum() and mark not in QUOTES and bits >= floor:
                    at = view.target.full_text.index(mark, start) - view.target.start
                    yield view, at, at + 1, bits


def _judge(
    view: PairView, start: int, end: int, bits: float, alone: float | None, params: SpikeAnalysisParams
) -> Spike | None:
    word_start, word_end = _word_around(view.target.full_text, start, end)
    word = view.target.full_text[word_start:word_end]
    source, target = view.source.text, view.target.text
    if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", source.replace(".", "") if "." not in word else source):
        return None  # the source has the very word ("US" for *U.S.* too): a name or term, not an artifact
    relative = (word_start - view.target.start, word_end - view.target.start)
    same = re.search(rf"(?<![\w-]){re.escape(word.lower())}(?![\w-])", source.lower())
    if same:
        return Spike(view, *relative, bits, alone, same.span(), "case")
    evidence = counterpart(source, target, *relative, max_words=params.counterpart_words)
    return Spike(view, *relative, bits, alone, evidence, _kind(view, alone, evidence, word, params))


def _kind(view: PairView, alone: float | None, evidence, text: str, params: SpikeAnalysisParams) -> str:
    if evidence is None:
        return "unexplained"
    opposite = view.source.text[evidence[0] : evidence[1]]
    if " " not in opposite and SequenceMatcher(a=opposite.lower(), b=text.lower()).ratio() >= params.spelling_ratio:
        return "spelling"
    if alone is None or alone < params.odd_alone_bits:
        return "flip"
    # Word for word is a swap; more words than the source spent is a phrase
    # carried over literally ("the traffic lights" for *the coalition*).
    stretch = counterpart(view.target.text, view.source.text, *evidence, max_words=params.counterpart_words)
    words = len(WORD.findall(view.target.text[stretch[0] : stretch[1]])) if stretch else 1
    return "idiom" if words > len(WORD.findall(opposite)) else "substitution"


def _spiking_tokens(tokens: Surprisals, text: str, floor: float) -> Iterator[tuple[int, int, float]]:
    """Word tokens at or above the spike floor, one per word.

    Punctuation tokens are left to the punctuation check.
    """
    last_end = -1
    for start, end, bits in tokens:
        if bits >= floor and start >= last_end and any(ch.isalnum() for ch in text[start:end]):
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


ANALYSIS = Analysis("spikes", find_spikes, SpikeAnalysisParams)
