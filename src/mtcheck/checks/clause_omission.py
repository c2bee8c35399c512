"""Source content words inside an aligned pair that nothing in the translation stands for.

Both sides are English, and a round-tripped translation paraphrases: it swaps
synonyms, reorders and changes function words. So the check does not ask
whether a source word reappears; it asks whether *anything* stands where it
was (word_match.py finds such holes). A hole alone is weak evidence: machine
translations drop a "Queen" before "Elizabeth" or a "petrol" before
"stations" all the time, and readers do not mind. A hole is reported when

- the target closes over it ungrammatically (a *broken seam*): an article or
  preposition left hanging before punctuation or another function word ("urine
  samples of who died"), a title before a lowercase word ("Mr said"), or a
  sentence opening with the verb whose subject went missing ("Began funding
  the initiative");
- or the target cuts it out cleanly, keeping the source words on both sides
  of it side by side, in a pair that otherwise matches word for word;
- or it is a phrase of ``phrase_words`` content words or more in a pair that
  otherwise matches closely;
- or, with models, the language model reading the target after its source
  stumbles on the first token after the seam (``seam_spike_bits``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from mtcheck.checks.base import Check
from mtcheck.views import DocumentView, PairView
from mtcheck.align.word_match import Alignment, Hole, Token
from mtcheck.english import word_set
from mtcheck.english.abbreviations import TITLES_NEEDING_A_NAME
from mtcheck.english.function_words import (
    ALL_PREPOSITIONS, CLAUSE_ADVERBS, COORDINATORS, NOMINAL_PREPOSITIONS, NOUN_DETERMINERS, RELATIVE_PRONOUNS,
    SUBORDINATORS,
)
from mtcheck.english.verbs import AUXILIARIES, IRREGULAR_PAST
from mtcheck.english.words import Word
from mtcheck.params import Params, param
from mtcheck.types import Finding, Severity, Surprisals

# Prepositions that are no noun or adjective too, so none reads as one after an article.
PREPOSITIONS = ALL_PREPOSITIONS - NOMINAL_PREPOSITIONS
CONJUNCTIONS = COORDINATORS | SUBORDINATORS
# Conjunctions whose clause may have lost its subject: "because is one of".
CLAUSE_OPENERS = SUBORDINATORS | word_set("when since")
PAST = IRREGULAR_PAST - {"left", "found", "lost", "led", "set"}  # "the left", "the lost": nouns too
# What an article or a preposition cannot be followed by.
AFTER_ARTICLE = (
    PREPOSITIONS | AUXILIARIES | CONJUNCTIONS | RELATIVE_PRONOUNS | NOUN_DETERMINERS | CLAUSE_ADVERBS | PAST | {"that"}
)
AFTER_PREPOSITION = PREPOSITIONS | AUXILIARIES | CONJUNCTIONS | PAST | {"who"}  # "of whom", "in which" read
OPENING_MARKS = "\"'“‘(["
SEAM_MARKS = ",.;:!?()"


@dataclass(frozen=True)
class ClauseOmissionParams(Params):
    phrase_words: int = param(3, "missing content words that make a phrase: major, and reported on coverage alone")
    # Share of the source's other content words that the target matches, and the
    # target content words matching nothing in the source ("strays", where missing
    # words may have gone), for each kind of evidence. Tuned on DEMETR items
    # 101-300 of each perturbation file for well under 1% flagged clean pairs.
    clean_cut_word_coverage: float = param(
        0.95, "share of the other source content words matched for one cleanly cut word to be reported"
    )
    clean_cut_word_strays: int = param(0, "unmatched target content words allowed when one word is cut cleanly")
    clean_cut_words_coverage: float = param(
        0.8, "share of the other source content words matched for several cleanly cut words to be reported"
    )
    clean_cut_words_strays: int = param(2, "unmatched target content words allowed when several words are cut cleanly")
    phrase_coverage: float = param(0.7, "share of the other source content words matched for a missing phrase")
    phrase_strays: int = param(1, "unmatched target content words allowed beside a missing phrase")
    # With models: the first target token after the seam costing this many bits,
    # once the language model has read the source, says the sentence was cut
    # there; only in a pair whose other content words the target matches closely.
    # On DEMETR tuning items 12 bits flagged twice the clean pairs for 6% more
    # deletions caught.
    seam_spike_bits: float = param(14.0, "bits of surprisal given the source, after the seam, that report a hole")
    spike_coverage: float = param(0.8, "share of the other source content words matched for a seam spike to count")
    stray_reach: int = param(3, "target words either side of the seam where an unmatched word may stand for the run")
    function_skip: int = param(2, "function words before or after a run that may go with it")


class ClauseOmissionCheck(Check):
    """Finds source words or phrases inside an aligned pair that the translation leaves out.

    Example (DEMETR): "Cyanuric acid and melamine were both found in urine
    samples of who died" for the source's "... urine samples from pets that
    died ..." lost *pets*; "eating" for *consuming* and "both" moved
    elsewhere pass.
    """

    name = "clause-omission"
    category = "Accuracy/Omission"
    severity = Severity.MAJOR
    Params = ClauseOmissionParams
    needs = frozenset({"word_alignments"})

    def run(self, doc: DocumentView) -> Iterator[Finding]:
        p = self.params
        signals = doc.document.signals
        readings = signals.target_given_source if signals is not None else ()
        alignments = doc.analyses.get("word_alignments")
        for view in doc.aligned:
            alignment = alignments.of(view)
            tokens = [token for j in view.pair.target for token in readings[j]] if readings else []
            for hole in alignment.holes():
                if broken_seam(alignment, hole):
                    left, right = _seam(alignment, hole)
                    seam = {"rule": "broken seam", "word_before": None if left is None else left.text,
                            "word_after": None if right is None else right.text}
                    yield self._finding(view, alignment, hole, seam, "and the sentence no longer reads there")
                elif clean := _clean_enough(alignment, hole, p):
                    yield self._finding(view, alignment, hole, clean)
                elif tokens and (coverage := alignment.coverage(hole.missing)) >= p.spike_coverage:
                    bits = seam_bits(alignment, hole, tokens, view.target.start)
                    if bits >= p.seam_spike_bits:
                        spike = {"rule": "seam spike", "coverage": round(coverage, 4), "bits": round(float(bits), 4)}
                        yield self._finding(view, alignment, hole, spike, f"and the translation reads oddly there "
                                            f"({bits:.1f} bits of surprisal given the source)")

    def _finding(
        self, view: PairView, alignment: Alignment, hole: Hole, evidence: dict, broken: str = ""
    ) -> Finding:
        """``evidence`` says which rule reported the hole; ``broken`` how the target reads there, if it breaks."""
        words = [alignment.source[i].word for i in hole.missing]
        start, end = words[0].start, words[-1].end
        major = bool(broken) or len(words) >= self.params.phrase_words
        named = ", ".join(f"'{word.text}'" for word in words)
        return self.finding(
            view,
            f"source {'word' if len(words) == 1 else 'words'} {named} missing from the translation: "
            f"nothing stands for '{view.source.text[start:end]}'" + (f", {broken}" if broken else ""),
            None,
            view.source.span(start, end),
            severity=Severity.MAJOR if major else Severity.MINOR,
            confidence=0.8 if broken else 0.6,
            evidence={**evidence, "source_words": [word.text for word in words]},
        )


def seam_bits(alignment: Alignment, hole: Hole, tokens: Surprisals, offset: int) -> float:
    """What the language model paid, given the source, for the first token after the seam (the
    word there, or a mark left hanging); ``tokens`` index the document, ``offset`` is the pair's."""
    left, right = _seam(alignment, hole)
    text = alignment.target_text
    end = right.start if right else len(text)
    spans = [(right.start, right.end)] if right else []
    if left is not None and text[left.end : end].strip():
        spans.append((left.end, end))  # punctuation left at the seam

    def first(lo: int, hi: int) -> float:
        return next((bits for a, b, bits in tokens if a < hi + offset and b > lo + offset), 0.0)

    return max((first(lo, hi) for lo, hi in spans), default=0.0)


def _clean_enough(alignment: Alignment, hole: Hole, p: ClauseOmissionParams) -> dict | None:
    """The rule, coverage and strays that report a hole the target closes over cleanly; None if none does."""
    if alignment.strays_near(hole.at, p.stray_reach):
        return None  # the missing words were likely paraphrased just beside the seam
    coverage, strays = alignment.coverage(hole.missing), alignment.strays
    evidence = {"coverage": round(coverage, 4), "strays": strays}
    if clean_cut(alignment, hole, p.function_skip):
        if len(hole.missing) == 1:
            least, most = p.clean_cut_word_coverage, p.clean_cut_word_strays
        else:
            least, most = p.clean_cut_words_coverage, p.clean_cut_words_strays
        if coverage >= least and strays <= most:
            return {"rule": "clean cut", **evidence}
    if len(hole.missing) >= p.phrase_words and coverage >= p.phrase_coverage and strays <= p.phrase_strays:
        return {"rule": "missing phrase", **evidence}
    return None


def clean_cut(alignment: Alignment, hole: Hole, function_skip: int) -> bool:
    """The target keeps the source words on both sides of the run side by side; the function
    words that led into the run ("capital of Samoa since" -> "capital since") may go with it."""
    left, right = _seam(alignment, hole)
    source = alignment.source
    return _kept(left, [source[i] for i in range(hole.missing[0] - 1, -1, -1)], function_skip) and _kept(
        right, [source[i] for i in range(hole.missing[-1] + 1, len(source))], function_skip
    )


def _kept(seam: Word | None, outward: list[Token], function_skip: int) -> bool:
    """``seam`` is the first source word outward from the run, past at most ``function_skip`` function words."""
    for token in outward[: function_skip + 1]:
        if seam is not None and token.word.lower == seam.lower:
            return True
        if token.content:
            return False
    return seam is None and len(outward) <= function_skip


def broken_seam(alignment: Alignment, hole: Hole) -> bool:
    """The target reads as if something was cut out where the run would stand."""
    left, right = _seam(alignment, hole)
    text = alignment.target_text
    between = text[left.end if left else 0 : right.start if right else len(text)]
    marked = any(mark in between for mark in SEAM_MARKS)
    before = left.lower if left else None
    after = right.lower if right else None
    if before in NOUN_DETERMINERS:
        return marked or after is None or after in AFTER_ARTICLE
    if before in TITLES_NEEDING_A_NAME:
        return marked or after is None or not right.capitalised
    if before in PREPOSITIONS:
        if marked or after is None:
            return True
        return after in AFTER_PREPOSITION and not (before == "to" and after in AUXILIARIES)
    if before is None:
        return _broken_opening(alignment, hole, marked, after)
    if after not in AUXILIARIES:
        return False
    # A clause that lost its subject: "According to the UN, is one of"; not when the
    # source has the same mark after the run ("movement at the same time, has been").
    last = alignment.source[hole.missing[-1]].word
    follows = alignment.source_text[last.end :].lstrip()[:1]
    return before in CLAUSE_OPENERS or (marked and not (follows and follows in between))


def _broken_opening(alignment: Alignment, hole: Hole, marked: bool, after: str | None) -> bool:
    """A sentence that opens with a comma, or with the source's next word after a dropped subject
    when that word cannot open one: an auxiliary, "and", a past tense ("Began funding")."""
    if marked and alignment.target_text.lstrip()[:1] not in OPENING_MARKS:
        return True
    last = hole.missing[-1]
    subject_first = not any(token.content for token in alignment.source[: hole.missing[0]])
    if not subject_first or after is None or last + 1 >= len(alignment.source):
        return False
    verb = alignment.source[last + 1].word
    if verb.lower != after or verb.capitalised:
        return False
    return after in AUXILIARIES or after in ("and", "or", "nor") or after in PAST or after.endswith("ed")


def _seam(alignment: Alignment, hole: Hole) -> tuple[Word | None, Word | None]:
    """The target words on either side of where the run would stand (None at an edge)."""
    left = alignment.target[hole.at - 1].word if hole.at > 0 else None
    right = alignment.target[hole.at].word if hole.at < len(alignment.target) else None
    return left, right
