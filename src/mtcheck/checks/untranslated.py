"""Target text left in another language: foreign scripts, untranslated sentences and words."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, replace
from typing import Callable, Iterator

from mtcheck.checks.base import Check
from mtcheck.views import DocumentView, PairView
from mtcheck.english.words import LETTER_WORD, OPENING_POSITION
from mtcheck.params import Params, param
from mtcheck.types import Finding, Segment, Severity

# lingua compares only these: each language costs ~0.15 s and ~30 MB to load,
# and every added one is a chance for an English word to look foreign (with
# Latin, "data" and "status" do). English and the usual sources of European news.
LANGUAGES = ("ENGLISH", "GERMAN", "FRENCH", "SPANISH", "ITALIAN", "PORTUGUESE", "DUTCH", "POLISH", "CZECH")
# Unicode name prefixes of the scripts English never uses, with the name a message gives.
SCRIPTS = {
    "CJK": "Han", "HIRAGANA": "Hiragana", "KATAKANA": "Katakana", "KATAKANA-HIRAGANA": "Katakana",
    "HANGUL": "Hangul", "CYRILLIC": "Cyrillic", "GREEK": "Greek", "ARABIC": "Arabic", "HEBREW": "Hebrew",
    "DEVANAGARI": "Devanagari", "BENGALI": "Bengali", "GURMUKHI": "Gurmukhi", "GUJARATI": "Gujarati",
    "TAMIL": "Tamil", "TELUGU": "Telugu", "KANNADA": "Kannada", "MALAYALAM": "Malayalam", "THAI": "Thai",
    "GEORGIAN": "Georgian", "ARMENIAN": "Armenian", "ETHIOPIC": "Ethiopic", "SINHALA": "Sinhala",
}  # fmt: skip
# A lone Greek letter is a symbol ("α-synuclein", "μg"); in other scripts it
# may be a word (Russian "и", "and").
SYMBOL_SCRIPTS = frozenset({"Greek"})

Identify = Callable[[str], tuple[str, float]]


@functools.cache
def language_detector():
    """lingua's detector over ``LANGUAGES``, built once per process (1.5 s on an idle core, ~300 MB)."""
    # Imported here: the CLI must start without loading lingua's models.
    from lingua import Language, LanguageDetectorBuilder

    languages = [getattr(Language, name) for name in LANGUAGES]
    return LanguageDetectorBuilder.from_languages(*languages).with_preloaded_language_models().build()


@functools.lru_cache(maxsize=1 << 16)
def identify_language(text: str) -> tuple[str, float]:
    """The likeliest of ``LANGUAGES`` for ``text``, and lingua's confidence that it is English."""
    values = language_detector().compute_language_confidence_values(text)
    english = next(value.value for value in values if value.language.name == "ENGLISH")
    return values[0].language.name, english


@dataclass(frozen=True)
class UntranslatedParams(Params):
    # Fewer words are headings, names and datelines.
    segment_words: int = param(4, "words a segment needs to be judged as a whole")
    segment_english_below: float = param(0.1, "lingua's English confidence under which a segment or clause is foreign")
    # Share of a segment's words the source lacks before it is judged as a whole;
    # below it, a foreign clause in an English sentence is found word by word.
    segment_unexplained: float = param(2 / 3, "share of a segment's words the source lacks before it is judged whole")
    # English confidence below which a word the source lacks is foreign. Tuned on
    # DEMETR: 0.6% of clean sentences flagged (names the reference spells
    # otherwise), 72% of Latin-script code-mixed words found.
    word_english_below: float = param(
        0.03, "lingua's English confidence under which a word the source lacks is foreign"
    )
    # A capital mid-sentence is usually a name: flagged only when lingua is surer,
    # the more so without a letter English does not write ("Präsident" scores
    # 0.000, "Regierung" 0.0001, but so does the name "Rydzyk" 0.002).
    name_english_below: float = param(
        0.01, "lingua's English confidence under which a capitalised word mid-sentence, not all ASCII, is foreign"
    )
    ascii_name_english_below: float = param(
        0.001, "lingua's English confidence under which a capitalised ASCII word mid-sentence is foreign"
    )
    # A clause left untranslated, not a stray word.
    major_words: int = param(3, "foreign words that make a stretch a clause: judged as a whole, and major")
    script_segment_share: float = param(
        0.5, "share of a segment's letters a foreign-script run needs to count as the whole segment"
    )
    # "die tief in der": an English word between foreign ones is usually part of the clause.
    stretch_gap: int = param(1, "other words that may stand between two foreign words of one stretch")


@dataclass(frozen=True)
class _Found:
    finding: Finding
    whole_segment: bool = False


class UntranslatedCheck(Check):
    """Target text in another language or script than English, where the source has no such text.

    Example (DEMETR critical_id4_codemix): "Cyanuric acid and 三聚氰胺 were both
    found in urine samples", and German left standing: "Die Milizen sind tief
    in der irakischen Gesellschaft verwurzelt." A foreign script or a whole
    segment is major (critical when it is the whole document); one or two
    Latin-script words are minor: often a guessable cognate ("Präsident"),
    and lingua is less sure of one word than of a sentence.
    """

    name = "untranslated"
    category = "Accuracy/Untranslated"
    severity = Severity.MAJOR
    Params = UntranslatedParams

    def __init__(self, params: UntranslatedParams | None = None, *, identify: Identify | None = None) -> None:
        super().__init__(params)
        # An injected identifier is always used. lingua, the default, runs only
        # where the models do: building it costs 1.5 s and 300 MB, too much for
        # the rules-only gate (--no-models), which keeps to foreign scripts.
        self.identify = identify or identify_language
        self.with_models_only = identify is None

    def run(self, doc: DocumentView) -> Iterator[Finding]:
        latin = not self.with_models_only or doc.document.signals is not None
        source_text = doc.document.source.text
        vocabulary = {fold(match.group()) for match in LETTER_WORD.finditer(source_text)}
        found: list[_Found] = []
        sizeable, untranslated = set(), set()
        for view in doc.pairs:
            for segment, text in view.target.segment_texts():
                if len(text.split()) >= self.params.segment_words:
                    sizeable.add(segment.index)
                for item in self._segment(view, segment, text, source_text, vocabulary, latin):
                    found.append(item)
                    if item.whole_segment:
                        untranslated.add(segment.index)
        whole_document = bool(sizeable) and sizeable <= untranslated
        for item in found:
            if whole_document and item.whole_segment:
                message = f"{item.finding.message}; no segment of the document is in English"
                evidence = self.evidence({**dict(item.finding.evidence), "whole_document": True})
                yield replace(item.finding, severity=Severity.CRITICAL, message=message, evidence=evidence)
            else:
                yield item.finding

    def _segment(
        self, view: PairView, segment: Segment, text: str, source: str, vocabulary: set[str], latin: bool
    ) -> Iterator[_Found]:
        p = self.params
        letters = sum(ch.isalpha() for ch in text)
        for start, end, script in foreign_script_runs(text):
            run = text[start:end]
            if run in source:
                continue
            run_letters = sum(ch.isalpha() for ch in run)
            whole = run_letters >= p.script_segment_share * letters
            what = f"segment left in {script} script" if whole else f"{script} script in an English sentence"
            message = f"{what}: '{run}'; the source has no such text"
            evidence = {
                "rule": "foreign script", "script": script, "whole_segment": whole,
                "script_letters": run_letters, "segment_letters": letters,
            }  # fmt: skip
            yield _Found(self._finding(view, segment, start, end, message, evidence, confidence=0.95), whole)
        if not latin:
            return
        words = [m for m in LETTER_WORD.finditer(text) if not any(_script(ch) for ch in m.group())]
        unexplained = [i for i, m in enumerate(words) if fold(m.group()) not in vocabulary]
        if len(words) >= p.segment_words and len(unexplained) >= p.segment_unexplained * len(words):
            language, english = self.identify(text)
            if language != "ENGLISH" and english < p.segment_english_below:
                message = f"segment reads as {_evidence(language, english)}; the source has no such text"
                evidence = {
                    **_judged("foreign segment", language, english),
                    "word_count": len(words), "unexplained_count": len(unexplained),
                }  # fmt: skip
                yield _Found(self._finding(view, segment, 0, len(text), message, evidence, confidence=0.9), True)
                return
        for first, last in _stretches(unexplained, p.stretch_gap):
            members = [i for i in unexplained if first <= i <= last]
            start, end = words[first].start(), words[last].end()
            # A clause reads better as a whole than word by word ("die tief in
            # der Gesellschaft"); judged without its capitals, which may be names.
            common = [words[i].group() for i in members if not _capital_mid_sentence(text, words[i])]
            # Distinct words: "problem problem problem" is one word's evidence.
            if len({word.lower() for word in common}) >= p.major_words:
                language, english = self.identify(" ".join(common))
                if language != "ENGLISH" and english < p.segment_english_below:
                    evidence = _evidence(language, english)
                    message = f"'{text[start:end]}' reads as {evidence}; the source has no such words"
                    clause = {**_judged("foreign clause", language, english), "foreign_words": common}
                    yield _Found(self._finding(view, segment, start, end, message, clause, confidence=0.8))
                    continue
            foreign = [i for i in members if self._foreign_word(text, words[i])]
            yield from self._word_findings(view, segment, text, words, foreign)

    def _word_findings(
        self, view: PairView, segment: Segment, text: str, words: list[re.Match[str]], foreign: list[int]
    ) -> Iterator[_Found]:
        for first, last in _stretches(foreign, self.params.stretch_gap):
            start, end = words[first].start(), words[last].end()
            language, english = self.identify(text[start:end])
            message = f"'{text[start:end]}' reads as {_evidence(language, english)}; the source has no such word"
            judged = [words[i].group() for i in foreign if first <= i <= last]
            major = len(judged) >= self.params.major_words
            confidence = 0.8 if words[first].group()[0].islower() else 0.6  # capitals may be names
            severity = Severity.MAJOR if major else Severity.MINOR
            evidence = {**_judged("foreign words", language, english), "foreign_words": judged}
            yield _Found(
                self._finding(view, segment, start, end, message, evidence, severity=severity, confidence=confidence)
            )

    def _foreign_word(self, text: str, match: re.Match[str]) -> bool:
        word = match.group()
        if len(word) < 2 or any(ch.isupper() for ch in word[1:]):
            return False  # letters and acronyms ("CZK"), mixed-case names ("iPod", "McCain")
        p = self.params
        if _capital_mid_sentence(text, match):
            threshold = p.ascii_name_english_below if word.isascii() else p.name_english_below
            return self.identify(word)[1] < threshold
        return self.identify(word)[1] < p.word_english_below

    def _finding(
        self, view: PairView, segment: Segment, start: int, end: int, message: str, evidence: dict, **kwargs
    ) -> Finding:
        offset = segment.start - view.target.start
        source_span = None if view.source.empty else view.source.span(0, len(view.source.text))
        return self.finding(
            view, message, view.target.span(offset + start, offset + end), source_span, evidence=evidence, **kwargs
        )


def _capital_mid_sentence(text: str, match: re.Match[str]) -> bool:
    return match.group()[0].isupper() and not OPENING_POSITION.search(text[: match.start()])


def _evidence(language: str, english: float) -> str:
    return f"{language.title()}, not English (lingua's English confidence {english:.2f})"


def _judged(rule: str, language: str, english: float) -> dict:
    """The evidence of a finding lingua decided: the rule, the language, and the English confidence."""
    return {"rule": rule, "language": language.title(), "english_confidence": round(float(english), 4)}


def fold(word: str) -> str:
    """Lowercase without accents, so that "Stępiński" matches the source's "Stepinski"."""
    decomposed = unicodedata.normalize("NFKD", word.lower().replace("ß", "ss"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# Asked of every character of every target; an article has a few hundred distinct ones.
@functools.lru_cache(maxsize=4096)
def _script(ch: str) -> str | None:
    if not unicodedata.category(ch).startswith(("L", "M")):
        return None
    return SCRIPTS.get(unicodedata.name(ch, "").split(" ")[0])


def foreign_script_runs(text: str) -> Iterator[tuple[int, int, str]]:
    """Stretches of a script English does not use: (start, end, script).

    Spaces, digits and punctuation inside a stretch join it ("в городе,
    Москва"); a Latin letter or a newline ends it.
    """
    start = end = None
    scripts: list[str] = []
    for i, ch in enumerate(text):
        script = _script(ch)
        if script:
            start = i if start is None else start
            end = i + 1
            scripts.append(script)
        elif start is not None and (ch == "\n" or ch.isalpha()):
            yield from _keep(start, end, scripts)
            start, scripts = None, []
    if start is not None:
        yield from _keep(start, end, scripts)


def _keep(start: int, end: int, scripts: list[str]) -> Iterator[tuple[int, int, str]]:
    script = max(set(scripts), key=scripts.count)
    if len(scripts) > 1 or script not in SYMBOL_SCRIPTS:
        yield start, end, script


def _stretches(indices: list[int], gap: int) -> Iterator[tuple[int, int]]:
    """First and last of word indices with at most ``gap`` other words between ("die tief in der")."""
    first = last = None
    for index in indices:
        if last is not None and index - last > gap + 1:
            yield first, last
            first = None
        first = index if first is None else first
        last = index
    if last is not None:
        yield first, last
