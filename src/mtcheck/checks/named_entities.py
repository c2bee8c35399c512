"""Names in the source that the translation respelled, replaced or lost.

Which words make a name is decided in ``_names``; this module matches each
source name against the target's words and names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from os.path import commonprefix
from typing import Iterator

from rapidfuzz.distance import Indel

from mtcheck.checks._names import Name, side_names
from mtcheck.checks.base import Check
from mtcheck.views import DocumentView, PairView
from mtcheck.english.names import ALIASES
from mtcheck.english.words import pieces, vocabulary
from mtcheck.params import Params, param
from mtcheck.types import Finding, Severity

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
