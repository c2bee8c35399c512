"""Units of measure and currencies written next to a number: "5 km", "$5", "30 °C", "12 per cent".

Each spelling maps to one canonical unit, so "kilometres", "km" and
"kilometers" agree while "miles" does not: a translation that keeps the
number but changes the unit ("5 miles" for *5 km*) misstates the fact.
"""

from __future__ import annotations

import re

# Dimension -> canonical unit -> its spellings. The dimension tells "5 km" against
# "5 years" (another quantity, left to the number match) from "5 miles" (another unit).
_SPELLINGS = {
    "length": {
        "km": "kilometre kilometres kilometer kilometers km kms",
        "m": "metre metres meter meters m",
        "cm": "centimetre centimetres centimeter centimeters cm",
        "mm": "millimetre millimetres millimeter millimeters mm",
        "mile": "mile miles mi",
        "yard": "yard yards yd yds",
        "foot": "foot feet ft",
        "inch": "inch inches in.",
    },
    "mass": {
        "kg": "kilogram kilograms kilogramme kilogrammes kg kgs kilo kilos",
        "g": "gram grams gramme grammes g",
        "pound": "pound pounds lb lbs",
        "ounce": "ounce ounces oz",
        "tonne": "tonne tonnes ton tons t",
    },
    "volume": {"litre": "litre litres liter liters l", "gallon": "gallon gallons"},
    "area": {"hectare": "hectare hectares ha", "acre": "acre acres"},
    "share": {"percent": "percent per cent % pct", "percentage point": "percentage point percentage points"},
    "temperature": {"celsius": "°c celsius degrees celsius", "fahrenheit": "°f fahrenheit degrees fahrenheit"},
    "money": {
        "dollar": "dollar dollars usd $ us$",
        "euro": "euro euros eur €",
        "pound sterling": "£ gbp sterling",
        "yen": "yen jpy ¥",
        "yuan": "yuan rmb cny renminbi",
    },
    "time": {
        "minute": "minute minutes min mins",
        "hour": "hour hours hr hrs h",
        "day": "day days",
        "week": "week weeks",
        "month": "month months",
        "year": "year years",
    },
}
DIMENSIONS = {unit: dimension for dimension, units in _SPELLINGS.items() for unit in units}
UNITS = {spelling: unit for units in _SPELLINGS.values() for unit, spellings in units.items() for spelling in
         re.findall(r"percentage points?|per cent|degrees \w+|\S+", spellings)}
_AFTER = re.compile(
    r"[ \t\u00a0-]?(" + "|".join(sorted((re.escape(s) for s in UNITS if s not in "$€£¥"), key=len, reverse=True))
    + r")(?![\w°])", re.IGNORECASE)
_BEFORE = re.compile(r"(US\$|\$|€|£|¥)[ \t\u00a0]?$")
_ALTERNATIVE = re.compile(r"\s*(?:/|\bor\b)\s*")


def units_of(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """The unit after the number, with those offered beside it: "100 yards/meters", "5 km or miles"."""
    first = unit_of(text, start, end)
    found = [first] if first else []
    while found:
        gap = _ALTERNATIVE.match(text, found[-1][2])
        after = gap and _AFTER.match(text, gap.end())
        if not after:
            break
        found.append((UNITS[after.group(1).lower()], after.start(1), after.end(1)))
    return found


def unit_of(text: str, start: int, end: int) -> tuple[str, int, int] | None:
    """The unit written right after (or, for a currency sign, right before) the number at text[start:end]."""
    if text[end - 1 : end] == "%":
        return "percent", end - 1, end
    after = _AFTER.match(text, end)
    if after:
        return UNITS[after.group(1).lower()], after.start(1), after.end(1)
    before = _BEFORE.search(text, 0, start)
    if before:
        return UNITS[before.group(1).lower()], before.start(1), before.end(1)
    return None
