"""Words that speak of a time to come, and the clauses that only suppose one.

A future or a modal in a translation is no change of time where the source
has one of these: "will", "plans", "is expected to", "next" ("is
speculated to make a run" is a prospect too). An if-clause shifts tenses
legitimately: "if it rains" for "if it will rain".
"""

from __future__ import annotations

import re

FUTURE_HINTS = re.compile(
    r"(?i)\b(?:will|'ll|shall|would|'d|might|may|going to|gonna|expect\w*|plan\w*|intend\w*|schedul\w*|set to|"
    r"about to|aim\w*|want\w*|hop(?:e|es|ed|ing)|wish\w*|promis\w*|tomorrow|next|upcoming|future|"
    r"forecast\w*|predict\w*|is to|are to|soon|"
    r"(?:is|are|was|were|be)\s+\w+ed\s+to\s+\w+)\b")  # "is speculated to make a run": a prospect
CONDITIONAL = re.compile(r"(?i)\b(?:if|unless|whether|in case)\b[^,;:.!?]*$")
