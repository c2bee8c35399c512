"""Names in the source that the translation respelled, replaced or lost.

Names are runs of capitalised words. A capital that only opens a sentence,
quote or clause says nothing, so a run there loses a leading function word
("The United States" -> "United States"), and a lone word there counts only
if the document capitalises it mid-sentence too. Title-case headings are read
the same way throughout. Months and weekdays are left to the numbers check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from os.path import commonprefix
from typing import Iterable, Iterator

from rapidfuzz.distance import Indel

from mtcheck.checks.base import Check, DocumentView, PairView, Side
from mtcheck.checks.registry import register
from mtcheck.english.abbreviations import NAME_TITLES
from mtcheck.english.dates import CALENDAR_WORDS
from mtcheck.english.function_words import SENTENCE_OPENING_WORDS
from mtcheck.english.names import ALIASES, NAME_PARTICLES
from mtcheck.english.words import Word, bare, join_initials, pieces, vocabulary, words
from mtcheck.params import Params, param
from mtcheck.types import Finding, SegmentKind, Severity

OMISSION = "Accuracy/Omission"

@dataclass(frozen=True)
class NamedEntitiesParams(Params):
    same_name_likeness: float = param(0.7, "likeness from which a differently spelled name is the same name")
    translated_name_likeness: float = param(0.5, "likeness from which it may be the same name, translated")
    minor_respelling_likeness: float = param(0.75, "likeness from which a respelling is minor")
    replacement_distance: float = param(0.5, "relative distance within which a new target name replaced a lost one")
    # A headline capitalises its longer words, so its capitals say nothing.
    title_case_words: int = param(3, "words over three letters a segment needs to be read as title case")
    title_case_share: float = param(0.6, "share of those words capitalised from which a segment is title case")


@dataclass(frozen=True)
class Name:
    words: tuple[Word, ...]  # offsets relative to the side's text

    @property
    def start(self) -> int:
        return self.words[0].start

    @property
    def end(self) -> int:
        return self.words[-1].end

    @property
    def pieces(self) -> tuple[str, ...]:
        return tuple(join_initials([piece for word in self.words for piece in pieces(word.text)]))

    @property
    def core(self) -> tuple[str, ...]:
        """The pieces that identify the name: no titles, no particles."""
        return tuple(p for p in self.pieces if p not in NAME_TITLES and p not in NAME_PARTICLES)

    @property
    def acronym(self) -> str | None:
        """"us" for "U.S." or "US": the name written as its initials."""
        written = bare(self.words[0].text)
        if len(self.words) == 1 and (written.isupper() or "." in written):
            letters = self.pieces[0] if self.pieces else ""
            return letters if 2 <= len(letters) <= 6 else None
        return None


@register
class NamedEntitiesCheck(Check):
    """Finds source names that the translation respelled, replaced or left out.

    Example (seed-style): "Muhammad Kazem Abdel Hamza held a portrait" for the
    source's "Mohammed Qadim Abed Hamza held a portrait" is a respelled name;
    DEMETR's "goods imported into this country from Virat" for "from Central
    America" a replaced one. "U.S." for "United States" and "Iranian" for
    "Iran" pass.
    """

    name = "named-entities"
    category = "Accuracy/Mistranslation"
    severity = Severity.MAJOR
    Params = NamedEntitiesParams

    def run(self, doc: DocumentView) -> Iterator[Finding]:
        params = self.params
        known = frozenset(
            piece
            for view in doc.pairs
            for name in side_names(view.source, frozenset(), params.title_case_words, params.title_case_share)
            for word in name.words if not word.opens
            for piece in pieces(word.text)
        )
        for view in doc.aligned:
            yield from self._compare(view, known)

    def _compare(self, view: PairView, known: frozenset[str]) -> Iterator[Finding]:
        params = self.params
        target_names = side_names(view.target, known, params.title_case_words, params.title_case_share)
        target_pieces = vocabulary(view.target.text)
        source_pieces = vocabulary(view.source.text)
        # Target names the source does not fully explain: respellings or replacements.
        strangers = [n for n in target_names if not all(_found(p, source_pieces) for p in n.core)]
        for name in side_names(view.source, known, params.title_case_words, params.title_case_share):
            if not name.core or _present(name, target_pieces, target_names) or _verbatim(name, view):
                continue
            source_span = view.source.span(name.start, name.end)
            verdict, twin, likeness = counterpart(name, view, target_pieces, source_pieces, strangers, params)
            evidence = {"verdict": verdict, "source_name": source_span.text}
            if twin is not None:
                strangers.remove(twin)
                target_span = view.target.span(twin.start, twin.end)
                evidence["target_name"] = target_span.text
            if verdict == RESPELLED:
                yield self.finding(
                    view,
                    f"name '{target_span.text}' is spelled differently in the source ('{source_span.text}')",
                    target_span,
                    source_span,
                    severity=Severity.MINOR if likeness >= params.minor_respelling_likeness else Severity.MAJOR,
                    confidence=round(likeness, 2),
                    evidence={**evidence, "likeness": round(likeness, 4)},
                )
            elif verdict == REPLACED:
                yield self.finding(
                    view, f"name '{target_span.text}' stands where the source has '{source_span.text}'",
                    target_span, source_span, confidence=0.7, evidence=evidence,
                )
            elif verdict == MISSING:
                yield self.finding(
                    view, f"source name '{source_span.text}' is missing from the translation", None, source_span,
                    category=OMISSION, confidence=0.7, evidence=evidence,
                )


RESPELLED, REPLACED, MISSING, UNCLEAR = "respelled", "replaced", "missing", "unclear"


def counterpart(
    name: Name, view: PairView, target_pieces: set[str], source_pieces: set[str], strangers: list[Name],
    params: NamedEntitiesParams,
) -> tuple[str, Name | None, float]:
    """What became of a source name the target does not spell alike: the verdict,
    the target name it became (if any) and how alike the two are."""
    anchored = [p for p in name.core if _found(p, target_pieces)]
    if anchored:
        # Part of the name survived ("... Hamza"): the target name around that
        # part is a respelling if its new parts resemble the lost ones.
        around = [n for n in strangers if set(anchored) & set(n.core)]
        twin = max(around, key=lambda n: likeness(name, n, source_pieces, max), default=None)
        if twin is not None and likeness(name, twin, source_pieces, max) >= params.same_name_likeness:
            return RESPELLED, twin, likeness(name, twin, source_pieces)
        return UNCLEAR, None, 0.0  # a shortened or retitled name: "Biden" for "President Joe Biden"
    twin = max(strangers, key=lambda n: likeness(name, n, source_pieces), default=None)
    best = likeness(name, twin, source_pieces) if twin is not None else 0.0
    if best >= params.same_name_likeness:
        return RESPELLED, twin, best
    if best >= params.translated_name_likeness:
        return UNCLEAR, None, best  # "Napoli" for "Naples": an exonym as likely as an error
    where = name.start / max(len(view.source.text), 1)
    nearby = [
        n for n in strangers
        if abs(n.start / max(len(view.target.text), 1) - where) <= params.replacement_distance
        and not any(_found(p, source_pieces) for p in n.core)
    ]
    if any(_maybe_expansion(name, n) for n in nearby):
        return UNCLEAR, None, 0.0  # "ISIS" as "Islamic State"
    if nearby:
        return REPLACED, min(nearby, key=lambda n: abs(n.start / max(len(view.target.text), 1) - where)), 0.0
    return MISSING, None, 0.0


def likeness(name: Name, other: Name, source_pieces: set[str], summary=None) -> float:
    """How alike the parts are that differ: each new part against the lost part it
    resembles most, averaged (or summarised by ``summary``, e.g. ``max``)."""
    lost = [p for p in name.core if p not in other.core] or list(name.core)
    new = [p for p in other.core if not _found(p, source_pieces)]
    if not new:
        return 0.0
    # Indel similarity, 2 x common letters / all letters: difflib's ratio, but over the
    # longest common subsequence where difflib's greedy blocks may find fewer.
    scores = [max(Indel.normalized_similarity(p, q) for q in lost) for p in new]
    return summary(scores) if summary else sum(scores) / len(scores)


def _found(piece: str, vocabulary: set[str]) -> bool:
    """Present as it is, or as a close derivation: "Iran" in "Iranian", "China" in "Chinese"."""
    if piece in vocabulary or len(piece) < 4:
        return piece in vocabulary
    return any(len(commonprefix([piece, other])) >= max(4, min(len(piece), len(other)) - 2) for other in vocabulary)


def _verbatim(name: Name, view: PairView) -> bool:
    """The target writes the name exactly as the source does (the pieces may
    not show it: "D D" joins into the initials "dd", its target twin may not)."""
    written = view.source.text[name.start : name.end]
    return re.search(rf"(?<!\w){re.escape(written)}(?!\w)", view.target.text) is not None


def _present(name: Name, target_pieces: set[str], target_names: list[Name]) -> bool:
    if all(_found(p, target_pieces) for p in name.core):
        return True
    for other in target_names:
        if other.acronym and _initials(name) == other.acronym or name.acronym and _initials(other) == name.acronym:
            return True  # "U.S." for "United States", and back
        short = min(name.acronym or "", other.acronym or "", key=len)
        if short and name.acronym and other.acronym and commonprefix([name.acronym, other.acronym]) == short:
            return True  # "US" for "USA", "BC" for "BCE"
    aliases = next((group for group in ALIASES if name.core in group), ())
    return any(all(p in target_pieces for p in alias) for alias in aliases)


def _initials(name: Name) -> str | None:
    return "".join(p[0] for p in name.core) if len(name.core) >= 2 else None


def _maybe_expansion(a: Name, b: Name) -> bool:
    """One may abbreviate the other: "BFU" and "Federal Bureau of ...", "Rz" and "Rzeczpospolita"."""
    if (a.acronym is not None and len(b.core) > 1) or (b.acronym is not None and len(a.core) > 1):
        return True
    short, long = sorted((a.core[0], b.core[0]), key=len)
    return len(short) >= 2 and long.startswith(short)


def side_names(side: Side, known: frozenset[str], title_case_words: int, title_case_share: float) -> list[Name]:
    """The names on one side of a pair, with offsets relative to ``side.text``."""
    found = []
    for segment, text in side.segment_texts():
        offset = segment.start - side.start
        title_case = segment.kind is SegmentKind.HEADING or _title_case(text, title_case_words, title_case_share)
        for name in names(text, known, title_case):
            found.append(Name(tuple(Word(w.text, w.start + offset, w.end + offset, w.opens) for w in name.words)))
    return found


def names(text: str, known: frozenset[str] = frozenset(), title_case: bool = False) -> list[Name]:
    """Runs of capitalised words in ``text`` that are names, not capitals of position."""
    found = []
    for run in _runs(text):
        ambiguous = [title_case or w.opens for w in run]
        while run and ambiguous[0] and run[0].lower in SENTENCE_OPENING_WORDS:
            run, ambiguous = run[1:], ambiguous[1:]
        if len(run) == 1 and ambiguous[0] and not _trusted(run[0], known):
            continue
        while run and (run[-1].lower in NAME_PARTICLES or run[-1].lower == "the"):
            run = run[:-1]
        if run:
            found.append(Name(tuple(run)))
    return found


def _trusted(word: Word, known: frozenset[str]) -> bool:
    """A capital worth believing at the start of a sentence: known from elsewhere, or an acronym."""
    return (word.text.isupper() and len(word.text) > 1) or any(p in known for p in pieces(word.text))


def _runs(text: str) -> Iterable[list[Word]]:
    run: list[Word] = []
    sequence = words(text)
    for i, word in enumerate(sequence):
        # A possessive closes a name: "Britain's Culture Secretary" is two.
        joined = not run or (text[run[-1].end : word.start].isspace() and not _possessive(run[-1]))
        if _capital(word) and joined:
            run.append(word)
        elif run and joined and _links(sequence, i, run[-1]):
            run.append(word)
        else:
            if run:
                yield run
            run = [word] if _capital(word) else []
    if run:
        yield run


def _links(sequence: list[Word], i: int, previous: Word) -> bool:
    """A lowercase word inside a name: "Bank of America", "Room of the Three Windows"."""
    word, following = sequence[i], sequence[i + 1] if i + 1 < len(sequence) else None
    if following is None:
        return False
    if word.lower == "the":
        return previous.lower in NAME_PARTICLES and _capital(following)
    return word.lower in NAME_PARTICLES and (_capital(following) or following.lower == "the")


def _possessive(word: Word) -> bool:
    return word.text.endswith(("'s", "’s", "s'", "s’"))


def _capital(word: Word) -> bool:
    head, _, rest = word.text.partition("-")
    return (
        (word.text[:1].isupper() or (head.lower() in NAME_PARTICLES and rest[:1].isupper()))
        and word.text != "I"
        and not word.text.startswith(("I'", "I’"))  # "I've", "I'm"
        and bare(word.text).lower().rstrip(".") not in CALENDAR_WORDS
        and not any(c.isdigit() for c in word.text)
    )


def _title_case(text: str, least: int, share: float) -> bool:
    """Most longer words capitalised: a headline, whose capitals say nothing."""
    long_words = [w for w in words(text) if len(w.text) > 3]
    return len(long_words) >= least and sum(w.capitalised for w in long_words) >= share * len(long_words)
