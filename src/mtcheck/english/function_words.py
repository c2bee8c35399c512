"""English function words: the grammar around content words, which says little about what a text is about.

Two lists are made of the groups below, for two purposes:

- ``FUNCTION_WORDS`` (analyses.word_match): words that never anchor a match
  between the two sides, because translations change them freely;
- ``SENTENCE_OPENING_WORDS`` (checks.named_entities): words that open
  sentences and so carry a capital without being names ("The", "Last week").
"""

from __future__ import annotations

from mtcheck.english import word_set
from mtcheck.english.verbs import AUXILIARIES



# In both lists.
ARTICLES_AND_DEMONSTRATIVES = word_set("a an the this that these those")
POSSESSIVES = word_set("his her its their our my your")
QUANTIFIERS = word_set("some any no every each such both all most more many much few several other")
PERSONAL_PRONOUNS = word_set("i me you we us he him she it they them one")
WH_WORDS = word_set("who whom whose which what when where why how")
PREPOSITIONS = word_set(
    """of in on at by for to from with without into about over under between among through during before after
    since until against despite according"""
)
CONJUNCTIONS = word_set("and or but nor so yet if as because although though while")
ADVERBS = word_set("also still even just only now then there here however not")
COMMON = (
    ARTICLES_AND_DEMONSTRATIVES | POSSESSIVES | QUANTIFIERS | PERSONAL_PRONOUNS | WH_WORDS | PREPOSITIONS
    | CONJUNCTIONS | ADVERBS
)

# Only in FUNCTION_WORDS: named entities strips its list off the front of a
# capitalised run, and these there would change which names it reads.
VERB_FORMS = (AUXILIARIES - {"mustn't"}) | word_set("be been being done doing having")
CONTRACTED_SUBJECTS = word_set("it's that's there's he's she's i'm we're they're you're")
MORE_PRONOUNS = word_set(
    """mine myself yours yourself hers herself himself itself theirs themselves ours ourselves ones whatever
    whoever nothing something anything everything nobody someone anyone everyone"""
)
MORE_DETERMINERS = word_set("another either neither others own same")
MORE_PREPOSITIONS = word_set(
    """onto upon above below toward towards across along around behind beyond within via per than like unlike
    off out up down near till except besides"""
)
MORE_CONJUNCTIONS = word_set("else whereas whether")
MORE_ADVERBS = word_set(
    """too very again ever never already thus therefore moreover furthermore indeed rather quite well almost
    really perhaps maybe instead"""
)
# Parts of fixed phrases: "in spite of", "for example", "for instance", "a lot of".
PHRASE_PARTS = word_set("spite example instance lot lots")
# Reporting verbs, which translations swap freely ("said", "stated", "told").
REPORTING = word_set("said says say told")

FUNCTION_WORDS = (
    COMMON | VERB_FORMS | CONTRACTED_SUBJECTS | MORE_PRONOUNS | MORE_DETERMINERS | MORE_PREPOSITIONS
    | MORE_CONJUNCTIONS | MORE_ADVERBS | PHRASE_PARTS | REPORTING
)

# Only named entities': words news sentences open with ("Two people died",
# "Last week", "Former President ..."), whose capital is not a name's.
NEWS_OPENERS = word_set("today two three last next new former late")

SENTENCE_OPENING_WORDS = COMMON | NEWS_OPENERS
