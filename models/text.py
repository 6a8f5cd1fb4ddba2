"""Text folding shared by indexing and searching, so both sides agree on what a word is."""

import unicodedata


def fold(text: str) -> str:
    """Lower case without diacritics: "Déclaré" and "declare" fold to the same word."""
    if text.isascii():
        return text.lower()  # the same result, without decomposing every character
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def parse_whole_number(value: object, max_digits: int = 18) -> int | None:
    """`value` as a whole number when it is a string of ASCII digits (surrounding spaces
    allowed) of at most `max_digits`, else None. The one reading of numbers typed in a URL, a
    form or a body: `str.isdigit()` alone also accepts "²" and other digits `int()` refuses."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > max_digits or not text.isascii() or not text.isdigit():
        return None
    return int(text)
