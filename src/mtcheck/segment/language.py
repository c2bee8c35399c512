"""Which language a whole document is in, and how much of it is not English.

Cheap on purpose, because it runs in both modes, on both sides, before any
model loads. It reads a bounded sample (sampling.py: ``SAMPLE_CHARS``, spread over
the document in ``WINDOWS`` windows), so its cost does not grow with the text,
merges consecutive units (segments or lines) into chunks of about 20 words,
and judges each chunk (its counts and verdict: ``_tally``):

- letters mostly outside the Latin script: not English (Han, Arabic, Cyrillic…);
- Latin script: by the share of its words that are English function words
  that other European languages do not use as words. In 20-word chunks of
  English (DEMETR, WMT21 news, TED, the seed) the median is 31-40% and the
  1st percentile 12-17%; in German, French, Spanish, Italian, Polish and Czech
  (DEMETR's sources) no chunk reaches 6%;
- only chunks the count leaves unclear, and only when they could change the
  caller's verdict, go to lingua, whose low-accuracy models load lazily, for
  the languages of the text's own alphabet.

lingua also names the foreign chunks' language. On an English document all
of this costs the word count: 2 ms on the seed, 40 ms and no memory to speak
of on a 10 MB article. A foreign one loads lingua once per process: ~40 MB
and 0.4 s for a Latin-script language, ~5 MB for Chinese
(benchmarks/language_id.py).
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass, replace
from typing import Sequence

from mtcheck.errors import InputError
from mtcheck.params import Params, param
from mtcheck.segment._tally import _enough, _tallies
from mtcheck.segment.sampling import Unit, sample_lines, sample_units
from mtcheck.types import Segment, Text

__all__ = ["Chunk", "LanguageIdParams", "LanguageProfile", "Unit", "checked_source", "identify"]

# Cost bound, not a judgement.
NAMED_CHUNKS = 16  # lingua names at most this many chunks of a foreign text


@dataclass(frozen=True)
class LanguageIdParams(Params):
    """The thresholds of the judgement; the target-language check's parameters include them
    (``[checks.target-language]``), and the source's check reads the same ones."""

    # Below this the share of markers is noisy.
    chunk_words: int = param(20, "Latin-script words per judged chunk")
    chunk_other_letters: int = param(60, "letters of other scripts per judged chunk (about two Chinese sentences)")
    min_chunk_words: int = param(8, "Latin-script words a chunk at a paragraph's end needs to be judged")
    min_chunk_other_letters: int = param(20, "letters of other scripts a chunk at a paragraph's end needs to be judged")
    # Never judge a headline or a few words: a document needs this much judged text.
    min_letters: int = param(100, "letters of judged text a document needs for a verdict on its language")
    # Han, kana and Hangul write a word in one or two characters: 34 Chinese
    # characters, about two short sentences, carry what 100 Latin letters do.
    dense_letter_weight: int = param(3, "letters a Han, kana or Hangul character counts as toward min_letters")
    min_words: int = param(20, "Latin-script words a mostly Latin document needs for a verdict")
    english_at_least: float = param(0.12, "share of a chunk's words that are English markers from which it is "
                                    "English without asking lingua")
    document_english_at_least: float = param(0.05, "share of markers over all Latin-script chunks under which "
                                             "the whole text is not English")
    source_foreign_share: float = param(0.5, "share of the source not in English from which it is refused "
                                        "(exit 2) unless --allow-non-english-source")


DEFAULTS = LanguageIdParams()

# lingua compares only these. Languages of other alphabets cost nothing until
# text in their alphabet appears; each Latin one costs ~3.5 MB once Latin text
# is checked, so the Latin list is English and the usual sources of European news.
LANGUAGES = (
    "ENGLISH GERMAN FRENCH SPANISH ITALIAN PORTUGUESE DUTCH POLISH CZECH "
    "RUSSIAN UKRAINIAN BULGARIAN BELARUSIAN SERBIAN MACEDONIAN KAZAKH MONGOLIAN ARABIC PERSIAN URDU "
    "CHINESE JAPANESE KOREAN GREEK HEBREW THAI GEORGIAN ARMENIAN "
    "HINDI MARATHI BENGALI PUNJABI GUJARATI TAMIL TELUGU"
).split()
ENGLISH = ("English", "en")
UNNAMED = ("another language", "und")  # not English; lingua was not asked (or knew none of it)


@dataclass(frozen=True)
class Chunk:
    """Consecutive units read together: their extent, size and language."""

    start: int
    end: int
    letters: int
    language: tuple[str, str] | None  # (name, ISO 639-1 code); None: too little text to judge
    window: int = 0  # chunks of one window are adjacent in the text


@dataclass(frozen=True)
class LanguageProfile:
    """The judged chunks of a document's sample."""

    chunks: tuple[Chunk, ...]
    sampled: bool  # True: only part of the document was read
    enough: bool  # enough judged text for a verdict

    def shares(self) -> list[tuple[tuple[str, str], float]]:
        """(language, share of the judged letters), largest first."""
        counts: Counter[tuple[str, str]] = Counter()
        for chunk in self.chunks:
            if chunk.language:
                counts[chunk.language] += chunk.letters
        total = sum(counts.values())
        return [(language, letters / total) for language, letters in counts.most_common()] if total else []

    @property
    def foreign_share(self) -> float:
        """Share of the judged letters that are not English (0 without enough text)."""
        if not self.enough:
            return 0.0
        return sum(share for language, share in self.shares() if language != ENGLISH)

    @property
    def main_foreign(self) -> tuple[str, str] | None:
        return next((language for language, _ in self.shares() if language != ENGLISH), None)

    def passages(self) -> list[tuple[int, int]]:
        """Runs of adjacent foreign chunks, as (start, end) offsets."""
        runs: list[tuple[int, int]] = []
        previous: Chunk | None = None  # the foreign chunk just before, if any
        for chunk in self.chunks:
            if chunk.language in (None, ENGLISH):
                previous = None
                continue
            if previous is not None and previous.window == chunk.window:
                runs[-1] = (runs[-1][0], chunk.end)
            else:
                runs.append((chunk.start, chunk.end))
            previous = chunk
        return runs


def identify(
    text: str, units: Sequence[Unit] | None = None, *, ignore_below: float = 0.0, params: LanguageIdParams = DEFAULTS
) -> LanguageProfile:
    """The language profile of ``text`` read through ``units`` (segments; default: its lines).

    A foreign share below ``ignore_below`` does not matter to the caller:
    when the word count alone keeps the share under it, lingua is not asked
    about the unclear chunks, and they count as English.
    """
    windows, sampled = sample_units(units) if units is not None else sample_lines(text)
    tallies = [(k, tally) for k, window in enumerate(windows) for tally in _tallies(text, window, params)]
    verdicts = [t.verdict for _, t in tallies]
    latin = [t for _, t in tallies if t.verdict in ("english", "unclear")]
    words = sum(t.words for t in latin)
    # Indonesian or Vietnamese may look English to lingua, which does not
    # know them, chunk by chunk; a whole text without English function words
    # is not English, whatever the closest language it knows.
    if words >= params.min_words and sum(t.hits for t in latin) < params.document_english_at_least * words:
        verdicts = ["foreign" if v in ("english", "unclear") else v for v in verdicts]
    enough = _enough([t for _, t in tallies], params)
    judged = sum(t.letters for (_, t), v in zip(tallies, verdicts) if v != "unjudged")
    at_most = sum(t.letters for (_, t), v in zip(tallies, verdicts) if v in ("foreign", "unclear"))
    # lingua loads only where its answer can matter to the caller.
    ask = enough and judged > 0 and at_most / judged >= ignore_below
    languages: list[tuple[str, str] | None] = []
    unnamed: list[int] = []  # foreign chunks, named below
    for index, ((_, t), verdict) in enumerate(zip(tallies, verdicts)):
        if verdict == "unclear" and ask:
            languages.append(_lingua(t.read(text), english_allowed=True))
            continue
        languages.append(None if verdict == "unjudged" else ENGLISH if verdict != "foreign" else UNNAMED)
        if verdict == "foreign" and ask:
            unnamed.append(index)
    # Naming a wholly foreign text needs no more than a spread handful of chunks.
    named = unnamed[:: -(-len(unnamed) // NAMED_CHUNKS)] if unnamed else []
    names = [_lingua(tallies[index][1].read(text), english_allowed=False) for index in named]
    for index in unnamed:
        nearest = min(range(len(named)), key=lambda k: abs(named[k] - index))
        languages[index] = names[nearest]
    chunks = [
        Chunk(t.pieces[0][0], t.pieces[-1][1], t.letters, language, window)
        for (window, t), language in zip(tallies, languages)
    ]
    return LanguageProfile(tuple(chunks), sampled, enough)


def checked_source(
    source: Text, segments: Sequence[Segment], *, allowed: bool, name: str, params: LanguageIdParams = DEFAULTS
) -> Text:
    """``source`` if it reads as English; else an input error, or with ``allowed`` the source marked with its language."""
    profile = identify(source.text, segments, ignore_below=params.source_foreign_share, params=params)
    share = profile.foreign_share
    language = profile.main_foreign
    if share <= params.source_foreign_share or language is None:
        return source
    if allowed:
        return replace(source, lang=language[1])
    where = "sampled text" if profile.sampled else "its text"
    looks = f"looks {language[0]}, not English" if language != UNNAMED else "does not look English"
    raise InputError(
        f"{name} {looks} ({share:.0%} of {where}); mtcheck compares against "
        "an English source — pass --allow-non-english-source if this pair is intended"
    )


@functools.cache
def _detector():
    """lingua in low-accuracy mode (trigrams only), models loaded on first use per language."""
    # Imported here: most runs never need it.
    from lingua import Language, LanguageDetectorBuilder

    languages = [getattr(Language, name) for name in LANGUAGES]
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def _lingua(text: str, *, english_allowed: bool) -> tuple[str, str]:
    """lingua's likeliest language for ``text``; without ``english_allowed``, the likeliest other than English."""
    for value in _detector().compute_language_confidence_values(text):
        language = value.language
        if value.value <= 0:
            break
        if language.name == "ENGLISH":
            if english_allowed:
                return ENGLISH
            continue
        return language.name.title(), language.iso_code_639_1.name.lower()
    return UNNAMED
