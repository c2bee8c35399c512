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
# Auxiliaries written as a contraction's second half: "it's", "they're", "we'll".
CONTRACTED_AUXILIARIES = frozenset("'s 're 'm 've 'd 'll".split())
# Lemmas of verbs whose clause may backshift: "confirmed that they want" for "highlighted they wanted".
REPORTING_VERBS = frozenset(
    """say tell state report announce add explain confirm claim believe think know write insist argue warn note
    stress emphasize emphasise admit deny suggest demand ask hope expect fear predict inform highlight reveal
    indicate declare mention assure point show find quote""".split()
)
# Lemmas of verbs of speech, which a reporter puts in the present or the past alike ("says" for "said").
SPEECH_VERBS = frozenset(
    "say tell state report announce add explain write continue note insist stress recall conclude comment reply "
    "answer ask".split()
)
