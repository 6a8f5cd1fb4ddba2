"""The words dates are written with, in English and French, defined once for the package.

Input is lower-cased and stripped of accents before any lookup, so "août" arrives here
as "aout" and every word below is written that way.
"""

from __future__ import annotations

import calendar

# English names, whatever the locale says: what the reader rewrites dates into for dateutil
# and for itself. Labels take the reader's language's names (fuzzy_date.wording).
MONTH_NAMES: tuple[str, ...] = tuple(calendar.month_name[1:])
MONTH_ALIASES: tuple[tuple[str, ...], ...] = (
    ("jan", "january", "janv", "janvier"),
    ("feb", "february", "fev", "fevr", "fevrier"),
    ("mar", "march", "mars"),
    ("apr", "april", "avr", "avril"),
    ("may", "mai"),
    ("jun", "june", "juin"),
    ("jul", "july", "juil", "juillet"),
    ("aug", "august", "aout"),
    ("sep", "sept", "september", "septembre"),
    ("oct", "october", "octobre"),
    ("nov", "november", "novembre"),
    ("dec", "december", "decembre"),
)
MONTH_WORDS: dict[str, int] = {
    name: number for number, names in enumerate(MONTH_ALIASES, 1) for name in names
}

# EDTF writes the seasons as months 21 to 24.
SEASON_NAMES: dict[int, str] = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}
SEASON_FIRST_MONTH: dict[int, int] = {21: 3, 22: 6, 23: 9, 24: 12}
SEASON_WORDS: dict[str, int] = {
    "spring": 21, "printemps": 21, "summer": 22, "ete": 22,
    "autumn": 23, "fall": 23, "automne": 23, "winter": 24, "hiver": 24,
}  # fmt: skip

# Monday is 0, as in date.weekday().
WEEKDAY_WORDS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("monday", "mon", "lundi"),
            ("tuesday", "tue", "tues", "mardi"),
            ("wednesday", "wed", "mercredi"),
            ("thursday", "thu", "thur", "thurs", "jeudi"),
            ("friday", "fri", "vendredi"),
            ("saturday", "sat", "samedi"),
            ("sunday", "sun", "dimanche"),
        )
    )  # fmt: skip
    for name in names
}

ORDINALS: dict[str, int] = {
    "first": 1, "1st": 1, "premier": 1, "premiere": 1, "1er": 1, "1re": 1, "1ere": 1,
    "second": 2, "2nd": 2, "deuxieme": 2, "seconde": 2, "2e": 2, "2eme": 2,
    "third": 3, "3rd": 3, "troisieme": 3, "3e": 3, "3eme": 3,
    "fourth": 4, "4th": 4, "quatrieme": 4, "4e": 4, "4eme": 4,
}  # fmt: skip

NUMBER_WORDS: dict[str, int] = {
    word: number
    for words in (
        "one two three four five six seven eight nine ten eleven twelve",
        "un deux trois quatre cinq six sept huit neuf dix onze douze",
    )
    for number, word in enumerate(words.split(), 1)
} | {"a": 1, "an": 1, "une": 1}
