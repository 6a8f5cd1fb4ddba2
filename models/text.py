"""Text folding shared by indexing and searching, so both sides agree on what a word is."""

import unicodedata


def fold(text: str) -> str:
    """Lower case without diacritics: "Déclaré" and "declare" fold to the same word."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))
