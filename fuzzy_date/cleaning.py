"""Typed text made comparable: lower case without accents, qualifier words peeled off."""

from __future__ import annotations

import re
import unicodedata

from fuzzy_date.edtf import merge_qualifiers

_APPROXIMATE_PREFIXES = (
    "approximately", "approx.", "approx", "around", "about", "roughly", "circa", "ca.",
    "ca", "c.", "c", "~", "aux alentours de", "autour de", "environ", "env.", "vers",
)  # fmt: skip
_UNCERTAIN_PREFIXES = (
    "possibly", "probably", "perhaps", "maybe", "likely", "presumably",
    "peut-etre", "probablement", "sans doute", "vraisemblablement",
)  # fmt: skip
_PREFIXES = sorted(
    [(p, "~") for p in _APPROXIMATE_PREFIXES] + [(p, "?") for p in _UNCERTAIN_PREFIXES],
    key=lambda item: -len(item[0]),
)
_SUFFIXES = (("(uncertain)", "?"), ("(incertain)", "?"), ("?", "?"), ("~", "~"), ("%", "%"))
# Words that add nothing to the date that follows; "courant 2024" is the whole of 2024.
_FILLERS = sorted(
    ("in ", "en ", "on ", "le ", "la ", "the ", "au ", "during ", "pendant ", "durant ",
     "courant ", "in the course of ", "au cours de ", "au cours du ", "dans le courant de "),
    key=len,
    reverse=True,
)  # fmt: skip


def normalize(text: str) -> str:
    """Lower-case, accent-free, one space between words, plain apostrophes and hyphens."""
    text = unicodedata.normalize("NFD", text)
    text = "".join(char for char in text if not unicodedata.combining(char)).lower()
    text = re.sub("[\u2018\u2019\u02bc`]", "'", text)
    text = re.sub("[\u2010-\u2015\u2212]", "-", text)
    return " ".join(text.split())


def strip_prefix(text: str, prefix: str) -> str | None:
    """Text after a leading word or phrase, or None; words must end at a word boundary."""
    if not text.startswith(prefix):
        return None
    rest = text[len(prefix) :]
    if prefix[-1].isalpha() and rest[:1] not in ("", " ", "-"):
        return None
    return rest.lstrip(" -") if prefix[-1].isalpha() else rest.lstrip()


def split_qualifiers(text: str) -> tuple[str, str]:
    """Peel qualifier words and marks off both ends: "around june 2024?" -> "june 2024", "%"."""
    found = []
    changed = True
    while changed and text:
        changed = False
        for suffix, qualifier in _SUFFIXES:
            if text.endswith(suffix):
                text, changed = text[: -len(suffix)].rstrip(), True
                found.append(qualifier)
                break
        for prefix, qualifier in _PREFIXES:
            rest = strip_prefix(text, prefix)
            if rest is not None:
                text, changed = rest, True
                found.append(qualifier)
                break
    return text, merge_qualifiers(*found)


def strip_fillers(text: str) -> str:
    """Without leading words that add nothing to a date: "in", "the", "pendant"..."""
    changed = True
    while changed:
        changed = False
        for filler in _FILLERS:
            if text.startswith(filler):
                text, changed = text[len(filler) :], True
    return text
