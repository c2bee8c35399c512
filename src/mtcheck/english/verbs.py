"""English verb words that say a clause has a finite verb, for the checks that read verbs by rule."""

from __future__ import annotations

# Auxiliaries and modals, contracted and negated ones too.
AUXILIARIES = frozenset(
    """is are was were am has have had do does did will would can could shall should may might must 's 're 'm
    've 'd 'll isn't aren't wasn't weren't hasn't haven't hadn't don't doesn't didn't won't wouldn't can't
    cannot couldn't shouldn't mustn't""".split()
)
# Common irregular past tenses: no "-ed" gives them away.
IRREGULAR_PAST = frozenset(
    """said went came took made got gave told found thought knew saw became began left felt kept held brought
    wrote stood heard met ran paid sent built fell led lost spent grew won sold rose drew broke spoke chose
    caught fought taught bought sought struck threw meant dealt shot fled swore wore beat hid ate drove rode
    sang sat slept stole stuck swam swung tore understood withdrew overcame forgot froze arose shook""".split()
)
