"""English abbreviations that take a full stop without ending a sentence, and the titles a name carries.

Each group is written once, as running text writes it ("Mr", "etc", "W.Va").
The sentence splitter matches those forms case-sensitively ("No. 1" is not
"no."); the checks compare lowercased words and take lowercased sets. The
sets at the end are each consumer's own selection of the groups: widening
one changes what that consumer finds, so they differ on purpose.
"""

from __future__ import annotations

from mtcheck.english import word_set
from mtcheck.english.dates import MONTH_ABBREVIATIONS, WEEKDAY_ABBREVIATIONS



def _lowercased(*groups: frozenset[str]) -> frozenset[str]:
    return frozenset(form.lower() for group in groups for form in group)


# "Jan. 28"
SHORT_MONTHS = frozenset(MONTH_ABBREVIATIONS)

# Titles before a name: "Mr. Biden", "Sen. Warren", "Maj. Gen. Pat Ryder".
HONORIFICS = word_set("Mr Mrs Ms Dr Prof")
OFFICES = word_set("Sen Rep Gov")
RANKS = word_set("Gen Maj Col Lt Capt Sgt Adm")
OTHER_TITLES = word_set("Cmdr Rev Pres Supt")
# Rarer titles, and plurals ("Messrs. Smith and Jones", "Sens. Warren and
# Markey"): only the splitter lists them.
RARE_TITLES = word_set("Cdr Cpl Pvt Spc Brig Hon Fr")
PLURAL_TITLES = word_set("Messrs Mmes Drs Profs Sens Reps Govs Gens")
# After a name: "Martin Luther King Jr."
NAME_SUFFIXES = word_set("Jr Sr")

# Before a number: "No. 1", "Nos. 3 and 4", "Vol. 2", "Fig. 1", "pp. 4-7".
NUMBER_SIGN = word_set("No")
REFERENCES = word_set("Nos Vol Fig pp")
# Only the splitter lists these; it matches case, and meets "vol." and "fig." in lowercase too.
RARE_REFERENCES = word_set("Nr Vols Art Sec Ch p vol fig")

# Latin and scholarly shorthand inside a sentence: "Iran vs. Iraq", "cf. Smith".
LATIN = word_set("vs v cf viz approx")
# Dotted ones; the checks see these by their shape ("e.g." has a dot inside).
DOTTED_LATIN = word_set("e.g i.e a.k.a")
# Ends of lists, which may end a sentence as well: "Smith et al.", "... and so on, etc."
LIST_ENDS = word_set("etc al")

# In addresses and place names: "St. Louis", "Mt. Everest", "Ft. Worth", "Fifth Ave."
PLACES = word_set("St Mt Ft Ave Blvd Rd")
COMPANY_SUFFIXES = word_set("Inc Corp Co Ltd")
# Written without a full stop, so only the named-entities check lists them.
UNDOTTED_COMPANY_SUFFIXES = word_set("LLC PLC")
ORGANISATIONS = word_set("Bros Dept Univ")
# After a town: "Hartford, Conn."
US_STATES = word_set(
    """Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La Md Mass Mich Minn Miss Mo Mont Neb Nev
    Okla Ore Pa Tenn Tex Va Vt Wash Wis Wyo W.Va"""
)

# Only the punctuation check's: measures ("5 km. away") and other short forms.
UNITS = word_set("sq min max hr hrs yr yrs mo mos wk km mi oz lb lbs")
OTHER_SHORT_FORMS = word_set("ca est ed eds Govt Assn")

# Titles written in full, for the named-entities check: a translation may drop
# or translate them freely ("Biden" for "President Joe Biden").
TITLE_WORDS = word_set(
    """miss sir lord lady dame president vice prime minister secretary chancellor governor senator general king
    queen prince princess pope saint mayor judge justice chairman chairwoman ceo director captain assistant
    deputy chief acting spokesman spokeswoman commissioner coach"""
)


# mtcheck.segment.sentences, case-sensitive. What follows these is a capitalised name or
# a number ("Maj. Gen. Pat Ryder", "Jan. 28", "No. 1"), and they practically
# never end a sentence, so the splitter never splits after them.
NEVER_SENTENCE_FINAL = (
    HONORIFICS | OFFICES | RANKS | OTHER_TITLES | RARE_TITLES | PLURAL_TITLES
    | NUMBER_SIGN | REFERENCES | RARE_REFERENCES | LATIN | DOTTED_LATIN | SHORT_MONTHS
)
# mtcheck.segment.sentences, case-sensitive. These can close a sentence ("... in
# Hartford, Conn.", "... Apple Inc."), so it splits after them only before a
# word that typically opens one.
SOMETIMES_SENTENCE_FINAL = PLACES | NAME_SUFFIXES | COMPANY_SUFFIXES | ORGANISATIONS | LIST_ENDS | US_STATES

# mtcheck.english.words: after the full stop of these the next word opens no
# sentence, so its capital belongs to a name ("Maj. Gen. Pat Ryder", "St. Louis").
NAME_AND_DATE_ABBREVIATIONS = _lowercased(
    HONORIFICS, OFFICES, RANKS, PLACES & {"St", "Mt"}, NAME_SUFFIXES, NUMBER_SIGN, SHORT_MONTHS
)

# The punctuation check: a full stop after these, before a lowercase word, is
# no stray full stop. Dotted forms ("U.S.", "a.m.", "e.g.") and single-letter
# initials it recognises by shape instead.
INNER_STOP_ABBREVIATIONS = _lowercased(
    HONORIFICS, OFFICES, RANKS, OTHER_TITLES, NAME_SUFFIXES, NUMBER_SIGN, REFERENCES, LATIN, LIST_ENDS, SHORT_MONTHS,
    WEEKDAY_ABBREVIATIONS, PLACES, COMPANY_SUFFIXES, ORGANISATIONS, UNITS, OTHER_SHORT_FORMS,
)

# The named-entities check: parts of a name that do not identify it ("St" as in Saint).
NAME_TITLES = _lowercased(
    HONORIFICS, OFFICES, RANKS, TITLE_WORDS, PLACES & {"St"}, NUMBER_SIGN, COMPANY_SUFFIXES,
    UNDOTTED_COMPANY_SUFFIXES, NAME_SUFFIXES,
)

# The clause-omission check: the titles that cannot stand before a lowercase
# word, so "Mr said" shows where a name was cut out. Of the ranks only "Gen",
# as the check was tuned with.
TITLES_NEEDING_A_NAME = _lowercased(HONORIFICS, OFFICES, RANKS & {"Gen"})
