"""English personal pronouns: each form's class (gender, number, person) and the roles it can fill."""

from __future__ import annotations

SUBJECT, OBJECT, POSSESSIVE, STANDALONE, REFLEXIVE = "subject", "object", "possessive", "standalone", "reflexive"

# class -> form -> the grammatical roles the form can fill
CLASSES = {
    "masculine": {"he": SUBJECT, "him": OBJECT, "his": f"{POSSESSIVE} {STANDALONE}", "himself": REFLEXIVE},
    "feminine": {"she": SUBJECT, "her": f"{OBJECT} {POSSESSIVE}", "hers": STANDALONE, "herself": REFLEXIVE},
    "neuter": {"it": f"{SUBJECT} {OBJECT}", "its": POSSESSIVE, "itself": REFLEXIVE},
    "third plural": {"they": SUBJECT, "them": OBJECT, "their": POSSESSIVE, "theirs": STANDALONE,
                     "themselves": REFLEXIVE, "themself": REFLEXIVE},
    "first singular": {"i": SUBJECT, "me": OBJECT, "my": POSSESSIVE, "mine": STANDALONE, "myself": REFLEXIVE},
    "first plural": {"we": SUBJECT, "us": OBJECT, "our": POSSESSIVE, "ours": STANDALONE, "ourselves": REFLEXIVE,
                     "ourself": REFLEXIVE},
    "second": {"you": f"{SUBJECT} {OBJECT}", "your": POSSESSIVE, "yours": STANDALONE, "yourself": REFLEXIVE,
               "yourselves": REFLEXIVE},
}
FORMS = {form: (kind, frozenset(roles.split())) for kind, table in CLASSES.items() for form, roles in table.items()}
GENDERS = {"masculine", "feminine"}
PLURALS = {"third plural", "first plural"}
