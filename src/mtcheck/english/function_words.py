"""English function words by grammatical category, each list written once.

The groups are the inventory; every set a stage reads is a union of them,
made here when several stages read it and in the consumer when only one does
(with the reason it differs from the plain group). Widening a group changes
what each consumer finds, so the consumers say which groups they take.

- ``FUNCTION_WORDS`` (analyses.word_match): words that never anchor a match
  between the two sides, because translations change them freely;
- ``SENTENCE_OPENING_WORDS`` (checks.named_entities): words that open
  sentences and so carry a capital without being names ("The", "Last week");
- the categories the rule checks read grammar with: determiners, pronouns,
  prepositions, conjunctions and the adverbs that stand inside a verb group.
"""

from __future__ import annotations

from mtcheck.english import word_set
from mtcheck.english.verbs import AUXILIARIES

# --- determiners -------------------------------------------------------------------
ARTICLES = word_set("a an the")
DEMONSTRATIVES = word_set("this that these those")
ARTICLES_AND_DEMONSTRATIVES = ARTICLES | DEMONSTRATIVES
# Possessives that never stand alone: "the book is his", never "is its".
DEPENDENT_POSSESSIVES = word_set("its my your our their")
POSSESSIVES = DEPENDENT_POSSESSIVES | word_set("his her")
QUANTIFIERS = word_set("some any no every each such both all most more many much few several other")
DISTRIBUTIVES = word_set("every each another")
# Determiners a noun must follow ("this" and "that" may stand alone: "This is followed by").
NOUN_DETERMINERS = ARTICLES | POSSESSIVES | DISTRIBUTIVES
INTERROGATIVE_DETERMINERS = word_set("which whose what")
SMALL_NUMERALS = word_set("one two three")

# --- pronouns --------------------------------------------------------------------
SUBJECT_PRONOUNS = word_set("i you he she it we they")
PERSONAL_PRONOUNS = SUBJECT_PRONOUNS | word_set("me us him them one")
RELATIVE_PRONOUNS = word_set("who whom whose which")
WH_WORDS = RELATIVE_PRONOUNS | word_set("what when where why how")
# Words after which "'s" is "is" or "has" ("it's", "there's"), not a possessive ("country's").
S_IS_HOSTS = word_set("he she it that there here what who where when how")

# --- prepositions ----------------------------------------------------------------
PREPOSITIONS = word_set(
    """of in on at by for to from with without into about over under between among through during before after
    since until against despite according"""
)
# Kept apart from PREPOSITIONS: named entities strips SENTENCE_OPENING_WORDS
# off the front of a capitalised run, and these there would change which names it reads.
MORE_PREPOSITIONS = word_set(
    """onto upon above below toward towards across along around behind beyond within via per than like unlike
    off out up down near till except besides beside"""
)
ALL_PREPOSITIONS = PREPOSITIONS | MORE_PREPOSITIONS
# Also nouns, adjectives or adverbs, so an article may stand before them: "the
# above figures", "a down payment", "and the like", "the beyond".
NOMINAL_PREPOSITIONS = word_set("above below behind beyond down like near off out till up along around")
# Adverb particles of phrasal verbs, which a subject may follow: "Up he went".
PARTICLES = word_set("off out up down")
# Also conjunctions, so a clause and its subject may follow: "after he left".
CLAUSAL_PREPOSITIONS = word_set("after before since until till than as")

# --- conjunctions ----------------------------------------------------------------
COORDINATORS = word_set("and or but nor")
CONJUNCTIONS = COORDINATORS | word_set("so yet if as because although though while")
MORE_CONJUNCTIONS = word_set("else whereas whether")
# Conjunctions that open a subordinate clause of reason, concession or condition.
SUBORDINATORS = word_set("because although though while whereas if whether")

# --- adverbs ---------------------------------------------------------------------
ADVERBS = word_set("also still even just only now then there here however not")
MORE_ADVERBS = word_set(
    """too very again ever never already thus therefore moreover furthermore indeed rather quite well almost
    really perhaps maybe instead"""
)
# Adverbs of a clause or a verb, never of a noun: no article or preposition comes right before them.
CLAUSE_ADVERBS = word_set("also still already not never")
# What may stand inside a verb group, or between a subject and its verb,
# without ending it: "has not yet been", "was reportedly found", "they also want".
VERB_GROUP_FILLERS = word_set(
    """not n't never also already still just now even always often yet recently previously again only ever then
    finally currently apparently clearly all both initially first since long sometimes usually generally later
    soon once almost nearly well too"""
)

# --- the sets several stages read ------------------------------------------------
COMMON = (
    ARTICLES_AND_DEMONSTRATIVES | POSSESSIVES | QUANTIFIERS | PERSONAL_PRONOUNS | WH_WORDS | PREPOSITIONS
    | CONJUNCTIONS | ADVERBS
)

# Only in FUNCTION_WORDS, for the reason MORE_PREPOSITIONS gives.
VERB_FORMS = (AUXILIARIES - {"mustn't"}) | word_set("be been being done doing having")
CONTRACTED_SUBJECTS = word_set("it's that's there's he's she's i'm we're they're you're")
MORE_PRONOUNS = word_set(
    """mine myself yours yourself hers herself himself itself theirs themselves ours ourselves ones whatever
    whoever nothing something anything everything nobody someone anyone everyone"""
)
MORE_DETERMINERS = word_set("another either neither others own same")
# Parts of fixed phrases: "in spite of", "for example", "for instance", "a lot of".
PHRASE_PARTS = word_set("spite example instance lot lots")
# Reporting verbs, which translations swap freely ("said", "stated", "told").
REPORTING = word_set("said says say told")

FUNCTION_WORDS = (
    COMMON | VERB_FORMS | CONTRACTED_SUBJECTS | MORE_PRONOUNS | MORE_DETERMINERS | MORE_PREPOSITIONS
    | MORE_CONJUNCTIONS | MORE_ADVERBS | PHRASE_PARTS | REPORTING
)
# Function words that may still stand for a content word of the source ("Just
# before" for *Right before*, "most" for *the majority of*), so a word match
# counts them as a counterpart; other function words are grammar a translation
# adds or drops anywhere.
MEANINGFUL_FUNCTION_WORDS = word_set(
    """some any no every each such both either neither all most more many much few several other others own same
    also too very just only even still already ever again not never now thus therefore rather quite well almost
    really perhaps maybe instead nothing something anything everything nobody someone anyone everyone except
    besides said says say told according around about over under nearly"""
)

# Only named entities': words news sentences open with ("Two people died",
# "Last week", "Former President ..."), whose capital is not a name's.
NEWS_OPENERS = word_set("today two three last next new former late")

SENTENCE_OPENING_WORDS = COMMON | NEWS_OPENERS

# The sentence splitter's: after a full stop that may end an abbreviation
# ("U.S.", "Inc.", "J."), one of these, capitalised, opens a new sentence.
# News sentences open with their subjects' nouns too: "Officials said".
SENTENCE_STARTERS = SENTENCE_OPENING_WORDS | word_set(
    """another either neither others earlier later meanwhile indeed instead once yes four five
    officials critics experts analysts authorities police residents"""
)
# A line ending in one of these (or in ",;:-") was cut mid-sentence by hard wrapping.
LINE_WRAP_ENDINGS = COORDINATORS | ARTICLES | word_set("of to in on at by for with from that as")
