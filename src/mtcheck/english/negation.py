"""How English says "no": negators, the words that negate without one, and spellings of one negation."""

from __future__ import annotations

import re

# "not only … but also", "no longer", "not long after" and "whether or not"
# read as emphasis or time, and translators trade them for "also", "stopped"
# or "shortly after": they are left out, as is "No. 3". So are "can't help
# but ask" (we must ask) and an answering "No," that opens a sentence. "nor"
# and "neither" go with a negation that is counted already.
NEGATOR = re.compile(
    r"(?<![\w'’-])(?:(?<!or )not(?!\s+(?:only|long)\b)|never|no(?!\s+(?:longer|more|doubt)\b)(?!\.\s*\d)|"
    r"cannot(?!\s+help\b)|"
    r"nobody|nothing|nowhere|none)(?![\w'’-])|(?<=\w)n['’]t(?![\w'’-])(?!\s+help\b)",
    re.IGNORECASE,
)
# Words that say "no" without a negator: "homes without water" is "homes have
# no water", "failed to make the podium" is "did not make it".
IMPLICIT = re.compile(
    r"(?<![\w'’-])(?:without|fail(?:s|ed|ing)?|lack(?:s|ed|ing)?|unable|den(?:y|ies|ied)|refus(?:e|es|ed|ing)|"
    r"except|absent|absence|ill-\w+|poorly|neither|nor)(?![\w'’-])",
    re.IGNORECASE,
)
# Spellings of one negation: "don't" and "do not", "cannot" and "can not".
SAME = {"n't": "not", "n’t": "not", "cannot": "not"}
