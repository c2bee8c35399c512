"""English finite verb groups: "had been found", "will die", "said", each with its time and aspect.

lemminflect's tables (english/verb_forms.py) give every word's verb forms;
the auxiliaries give a group its time (past, present, present perfect, past
perfect, future, or a modal) and say whether it is progressive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mtcheck.english.function_words import COORDINATORS, S_IS_HOSTS, SUBJECT_PRONOUNS, VERB_GROUP_FILLERS
from mtcheck.english.verb_forms import verb_forms
from mtcheck.english.words import words

PAST, PRESENT, FUTURE, PERFECT, PLUPERFECT = "past", "present", "future", "present perfect", "past perfect"
TIMES = frozenset({PAST, PRESENT, PERFECT, PLUPERFECT})

# The first auxiliary of a group and the time it gives the group; a modal stands for itself.
MODALS = {"will": FUTURE, "'ll": FUTURE, "shall": FUTURE, "wo": FUTURE, "would": "would", "'d": "would",
          "can": "can", "ca": "can", "could": "could", "may": "may", "might": "might", "must": "must",
          "should": "should"}
HAVE = {"have": PRESENT, "has": PRESENT, "'ve": PRESENT, "had": PAST}
BE = {"am": PRESENT, "is": PRESENT, "are": PRESENT, "'re": PRESENT, "'m": PRESENT, "'s": PRESENT, "was": PAST,
      "were": PAST}
DO = {"do": PRESENT, "does": PRESENT, "did": PAST}
FINITE = {**MODALS, **HAVE, **BE, **DO}
# After these an -ing form is an adjective: "is really challenging".
INTENSIFIERS = frozenset("really extremely particularly increasingly highly truly deeply".split())
# After these a verb form is not finite: "the limited default", "to monitor", "of neglecting".
NOT_BEFORE_FINITE = frozenset(
    "to the a an this these those his her its their our my your of for with by in on at from about into than "
    "every each some any no many several such more most very be been being have having get gets got".split())
# A verb after these shares what came before it: "and hear", "then turn".
JOINERS = COORDINATORS | {"then"}
# A verb after these is finite: "they said", "which shows", "there remain".
SUBJECTS = SUBJECT_PRONOUNS | {"who", "which", "there"}
CONTRACTION = re.compile(r"(n't|'(?:ll|ve|re|m|d|s))$")


@dataclass(frozen=True)
class Token:
    text: str  # lowercase, apostrophes straightened
    start: int
    end: int
    name: bool = False  # capitalised inside a sentence: "the Black American Armed Alliance"
    broken: bool = False  # punctuation stands between it and the word before: "is, according"


@dataclass(frozen=True)
class VerbGroup:
    """A verb with its auxiliaries: "had been found", "will die", "said"."""

    start: int
    end: int
    lemma: str
    time: str  # one of TIMES, FUTURE, or the modal that leads the group ("can", "would")
    progressive: bool
    certain: bool  # led by an auxiliary, or a form that is no noun or participle here


def tokens(text: str) -> list[Token]:
    """Words with contractions split off: "didn't" -> "did", "n't"; "we've" -> "we", "'ve"."""
    found: list[Token] = []
    for word in words(text):
        lower = word.text.lower().replace("’", "'")
        name = word.capitalised and not word.opens
        broken = bool(found) and not text[found[-1].end : word.start].isspace()
        match = CONTRACTION.search(lower)
        if match and match.start() > 0 and (match.group() != "'s" or lower[: match.start()] in S_IS_HOSTS):
            cut = word.start + match.start()
            found += [Token(lower[: match.start()], word.start, cut, name, broken), Token(match.group(), cut, word.end)]
        else:
            found.append(Token(lower, word.start, word.end, name, broken))
    return found


def verb_groups(text: str) -> list[VerbGroup]:
    """The finite verb groups of ``text``, in order."""
    toks = tokens(text)
    groups: list[VerbGroup] = []
    i = 0
    while i < len(toks):
        previous = toks[i - 1].text if i else ""
        if toks[i].text in FINITE and previous != "to":
            group, after = _auxiliary_group(toks, i)
            if group is not None:  # a modal without its verb is none: "the end of May,"
                groups.append(group)
                i = after
                continue
        group = _lexical_group(toks[i], previous, toks[i + 1].text if i + 1 < len(toks) else "")
        groups += [group] if group else []
        i += 1
    return groups


def _auxiliary_group(toks: list[Token], i: int) -> tuple[VerbGroup | None, int]:
    first = toks[i].text
    tense, lemma, last, end = FINITE[first], _aux_lemma(first), first, toks[i].end
    perfect = progressive = False
    j, skipped = i + 1, 0
    while j < len(toks) and skipped <= 3 and not toks[j].broken and toks[j].text not in INTENSIFIERS:
        word = toks[j].text
        if word in VERB_GROUP_FILLERS or (word.endswith("ly") and not verb_forms(word)[1]):
            j, skipped = j + 1, skipped + 1
            continue
        step = _next_in_group(last, word)
        if step is None:
            break
        kind, lemma = step
        end, j, skipped = toks[j].end, j + 1, 0
        if kind == "perfect" and first == "'d":
            tense = PAST  # "we'd been" is "we had been"
        perfect |= kind == "perfect"
        progressive |= kind == "progressive"
        if word not in ("be", "have", "been", "being"):
            break  # the main verb ends the group
        last = word
    if end == toks[i].end and first in MODALS:
        return None, i + 1
    if lemma == "go" and progressive and j + 1 < len(toks) and toks[j].text == "to":
        if "VB" in verb_forms(toks[j + 1].text)[1]:
            tense, progressive = FUTURE, False  # "is going to win"
    time = (PERFECT if tense == PRESENT else PLUPERFECT) if perfect and tense in (PRESENT, PAST) else tense
    return VerbGroup(toks[i].start, end, lemma, time, progressive, True), j


def _aux_lemma(word: str) -> str:
    return "have" if word in HAVE else "be" if word in BE else "do" if word in DO else word


def _next_in_group(last: str, word: str) -> tuple[str, str] | None:
    """How ``word`` goes on from the auxiliary ``last``: (kind, lemma), or None where the group ends."""
    after_modal = last in MODALS or last in DO
    after_have = last in HAVE or last in ("have", "'d") or (last == "'s" and word in ("been", "got"))
    after_be = last in BE or last in ("be", "been", "being")
    if after_modal and (word == "be" or word == "have" and last not in DO):
        return "auxiliary", word
    if after_have and word == "been":
        return "perfect", "be"
    if after_be and word == "being":
        return "progressive", "be"
    lemma, tags, others = verb_forms(word)
    if after_modal and "VB" in tags:
        return "verb", lemma
    if after_have and "VBN" in tags:
        return "perfect", lemma
    if after_be and "VBG" in tags and (word == "going" or "ADJ" not in others):
        return "progressive", lemma
    if after_be and "VBN" in tags:
        return "verb", lemma  # a passive
    return None


def _lexical_group(tok: Token, previous: str, following: str) -> VerbGroup | None:
    """A verb without auxiliaries, where its form or the word before it says it is finite."""
    if tok.name or previous in NOT_BEFORE_FINITE or previous in FINITE or tok.text in ("be", "been", "being"):
        return None
    lemma, tags, others = verb_forms(tok.text)
    after_pronoun = previous in SUBJECTS
    if "VBD" in tags:
        if "VBN" in tags and not after_pronoun and (following == "by" or not previous or tok.broken):
            return None  # a participle: "Born in Tokyo", "supported by"
        return VerbGroup(tok.start, tok.end, lemma, PAST, False, after_pronoun or not (others or "VBN" in tags))
    if "VBP" in tags and "VBZ" not in tags and previous in JOINERS:
        return None  # "be able to turn up the volume and hear": an infinitive sharing "to"
    if "VBZ" in tags or "VBP" in tags:
        return VerbGroup(tok.start, tok.end, lemma, PRESENT, False, after_pronoun or ("VBZ" in tags and not others))
    return None
