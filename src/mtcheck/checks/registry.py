"""The checks: one declared table of built-ins, and plugins through the ``mtcheck.checks`` entry points.

A third-party check is a ``Check`` subclass named by an entry point in the
``mtcheck.checks`` group (``my-check = "my_pkg.checks:MyCheck"``), the way
every built-in is named below (mtcheck.plugins). The table's order is the
order checks run in and are listed in a report.
"""

from __future__ import annotations

from typing import Iterable, Sequence

from mtcheck.checks.base import Check
from mtcheck.errors import InputError
from mtcheck.plugins import Registry

CHECKS: Registry[type[Check]] = Registry("mtcheck.checks", {
    "insertion": "mtcheck.checks.insertion:InsertionCheck",
    "page-furniture": "mtcheck.checks.page_furniture:PageFurnitureCheck",
    "omission": "mtcheck.checks.omission:OmissionCheck",
    "glued-link": "mtcheck.checks.glued_link:GluedLinkCheck",
    "noun-capitalisation": "mtcheck.checks.noun_capitalisation:NounCapitalisationCheck",
    "punctuation": "mtcheck.checks.punctuation:PunctuationCheck",
    "numbers": "mtcheck.checks.numbers:NumbersCheck",
    "doubled-words": "mtcheck.checks.doubled_words:DoubledWordsCheck",
    "encoding": "mtcheck.checks.encoding:EncodingCheck",
    "meaning": "mtcheck.checks.meaning:MeaningCheck",
    "surprisal": "mtcheck.checks.surprisal:SurprisalCheck",
    "negation": "mtcheck.checks.negation:NegationCheck",
    "antonym": "mtcheck.checks.antonym:AntonymCheck",
    "spelling": "mtcheck.checks.spelling:SpellingCheck",
    "lexical-substitution": "mtcheck.checks.lexical_substitution:LexicalSubstitutionCheck",
    "literal-idiom": "mtcheck.checks.literal_idiom:LiteralIdiomCheck",
    "meaning-flip": "mtcheck.checks.meaning_flip:MeaningFlipCheck",
    "sentence-case": "mtcheck.checks.sentence_case:SentenceCaseCheck",
    "final-punctuation": "mtcheck.checks.final_punctuation:FinalPunctuationCheck",
    "stray-symbol": "mtcheck.checks.stray_symbol:StraySymbolCheck",
    "quote-style": "mtcheck.checks.quote_style:QuoteStyleCheck",
    "untranslated": "mtcheck.checks.untranslated:UntranslatedCheck",
    "target-language": "mtcheck.checks.target_language:TargetLanguageCheck",
    "repetition": "mtcheck.checks.repetition:RepetitionCheck",
    "length-ratio": "mtcheck.checks.length_ratio:LengthRatioCheck",
    "pronouns": "mtcheck.checks.pronouns:PronounsCheck",
    "named-entities": "mtcheck.checks.named_entities:NamedEntitiesCheck",
    "fragment": "mtcheck.checks.fragment:FragmentCheck",
    "clause-omission": "mtcheck.checks.clause_omission:ClauseOmissionCheck",
    "tense": "mtcheck.checks.tense:TenseCheck",
    "sentence-order": "mtcheck.checks.sentence_order:SentenceOrderCheck",
    "mass-duplication": "mtcheck.checks.mass_duplication:MassDuplicationCheck",
    "truncation": "mtcheck.checks.truncation:TruncationCheck",
    "wrong-article": "mtcheck.checks.wrong_article:WrongArticleCheck",
})


def all_checks() -> dict[str, type[Check]]:
    checks = CHECKS.all()
    for name, check in checks.items():
        if check.name != name:
            raise ValueError(f"the check registered as {name!r} is named {check.name!r}")
    return checks


def selected(checks: Sequence[str] | None, skip_checks: Sequence[str],
             also_known: Iterable[str] = ()) -> list[type[Check]]:
    """The checks a run selects (``--checks``; None: all) less ``--skip-checks``, in registry order.
    ``also_known``: names that are no check here but may be selected (the judge's own findings)."""
    registry = all_checks()
    known = set(registry) | set(also_known)
    for name in (checks or ()) + tuple(skip_checks):
        if name not in known:
            raise InputError(f"unknown check '{name}' (known: {', '.join(sorted(known))})")
    names = checks if checks is not None else tuple(registry)
    return [registry[name] for name in names if name in registry and name not in skip_checks]
