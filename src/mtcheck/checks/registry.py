"""Registry of checks: built-ins and plugins register the same way.

Third-party packages add checks through the ``mtcheck.checks`` entry-point
group; each entry point names a module whose import calls ``register``.
"""

from __future__ import annotations

from importlib import import_module
from importlib.metadata import entry_points

from mtcheck.checks.base import Check

_REGISTRY: dict[str, type[Check]] = {}
_loaded = False

BUILTIN_MODULES = (
    "insertion",
    "page_furniture",
    "omission",
    "glued_link",
    "noun_capitalisation",
    "punctuation",
    "numbers",
    "doubled_words",
    "encoding",
    "meaning",
    "surprisal",
    "negation",
    "spelling",
    "lexical_substitution",
    "literal_idiom",
    "meaning_flip",
    "sentence_case",
    "final_punctuation",
    "stray_symbol",
    "quote_style",
    "untranslated",
    "target_language",
    "repetition",
    "length_ratio",
    "pronouns",
    "named_entities",
    "fragment",
    "clause_omission",
    "tense",
    "sentence_order",
    "mass_duplication",
    "truncation",
    "wrong_article",
)


def register(cls: type[Check]) -> type[Check]:
    if cls.name in _REGISTRY and _REGISTRY[cls.name] is not cls:
        raise ValueError(f"two checks are named {cls.name!r}")
    _REGISTRY[cls.name] = cls
    return cls


def _load() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    for module in BUILTIN_MODULES:
        import_module(f"mtcheck.checks.{module}")
    for entry in entry_points(group="mtcheck.checks"):
        entry.load()


def all_checks() -> dict[str, type[Check]]:
    _load()
    return dict(_REGISTRY)
