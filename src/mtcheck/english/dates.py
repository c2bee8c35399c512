"""Month and weekday names and their abbreviations, each with its place in the year or week."""

from __future__ import annotations

MONTHS = {
    name: n
    for n, name in enumerate(
        "January February March April May June July August September October November December".split(), start=1
    )
}
# "Sept." as well as "Sep."; May is never shortened.
MONTH_ABBREVIATIONS = {
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8,
    "Sep": 9, "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12,
}
WEEKDAYS = {
    name: n for n, name in enumerate("Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split(), start=1)
}
WEEKDAY_ABBREVIATIONS = frozenset("Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun".split())

# Lowercased, for the checks that compare lowercase words. Weekday
# abbreviations are left out: "Sun", "Sat" and "Wed" are words too.
CALENDAR_WORDS = frozenset(name.lower() for name in (*MONTHS, *MONTH_ABBREVIATIONS, *WEEKDAYS))
