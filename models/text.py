"""Text folding shared by indexing and searching, so both sides agree on what a word is."""

import unicodedata


def fold(text: str) -> str:
    """Lower case without diacritics: "Déclaré" and "declare" fold to the same word."""
    if text.isascii():
        return text.lower()  # the same result, without decomposing every character
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))
