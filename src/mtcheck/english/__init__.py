"""The English language layer: what mtcheck knows about English, written once for every stage.

- ``words``: words with their offsets and whether each opens a sentence;
  comparable forms of them (``pieces``, ``vocabulary``); ``OPENING_POSITION``,
  what stands before a capital that opens a sentence, quote or clause.
- ``abbreviations``: abbreviations that take a full stop inside a sentence
  and the titles names carry, in groups, and each consumer's set made of them
  (the sentence splitter's, ``words``', the punctuation, named-entities and
  clause-omission checks').
- ``dates``: month and weekday names and abbreviations with their numbers;
  ``CALENDAR_WORDS``.
- ``function_words``: the closed classes (articles, determiners, pronouns,
  prepositions, conjunctions, adverbs), which checks compose their sets
  from; ``FUNCTION_WORDS`` (never anchor a word match) and
  ``SENTENCE_OPENING_WORDS`` (capitalised at a sentence's start, not names).
- ``verbs``: ``AUXILIARIES``, ``IRREGULAR_PAST``, reporting and speech verbs,
  for the checks that find finite verbs by rule.
- ``futurity``: words that speak of a time to come, and if-clauses.
- ``negation``: negators, words that negate without one, and spellings of one
  negation.
- ``pronouns``: each personal pronoun's class and the roles it can fill.
- ``names``: names translations use for one another; particles inside names.
- ``stemming``: Porter2 stems (snowballstemmer), to compare forms of a word.
- ``verb_forms``: every word that can be a verb, with its lemma and tags,
  from a table derived from lemminflect (5 MB loaded instead of 50).
- ``verb_groups``: finite verb groups ("had been found") with their time and
  aspect.
- ``doublings``: words written twice in a row and ``GRAMMATICAL_DOUBLINGS``
  ("had had").
- ``number_mentions``: numbers, clock times, months and weekdays, normalised.
- ``units``: units of measure and currencies written next to a number.
- ``page_furniture``: what portals write around an article (footers, credits,
  UI strings, teasers, ads, bylines).
"""


def word_set(words: str) -> frozenset[str]:
    """A word list as written in the source: whitespace-separated, in any layout."""
    return frozenset(words.split())
