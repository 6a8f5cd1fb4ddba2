"""The words Claimline shows, in the reader's language (issue #20).

Babel directly, not Flask-Babel: the language is a context variable that the web layer sets
for each request, the PDF worker for each job (a dossier prints in its own language, off any
request) and the tests with `speaking(...)`. Models, dates and services mark their words
here without importing Flask, and every layer reads one catalogue per language from
`translations/`. Adding a language is adding a catalogue: `LANGUAGES` is what is there.

Marking: `gettext` (`_`) for words used now, `lazy_gettext` (`_l`) for words defined at
import time (form labels), `N_` for words kept in a table and translated where shown.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from decimal import localcontext
from functools import cache, lru_cache
from math import isfinite
from pathlib import Path
from typing import Literal

from babel import Locale
from babel.dates import get_month_names
from babel.numbers import format_decimal, format_percent
from babel.support import LazyProxy, NullTranslations, Translations

SOURCE_LANGUAGE = "en"
CATALOGUES = Path(__file__).resolve().parent.parent / "translations"
DOMAIN = "messages"

_current: ContextVar[str] = ContextVar("claimline_language", default=SOURCE_LANGUAGE)


def _catalogued() -> tuple[str, ...]:
    found = sorted(
        path.name
        for path in CATALOGUES.iterdir()
        if (path / "LC_MESSAGES" / f"{DOMAIN}.po").is_file()
    ) if CATALOGUES.is_dir() else []  # fmt: skip
    return (SOURCE_LANGUAGE, *(code for code in found if code != SOURCE_LANGUAGE))


LANGUAGES: tuple[str, ...] = _catalogued()


def current() -> str:
    """The language the words are being shown in."""
    return _current.get()


def use(language: str) -> Token[str]:
    """Show words in `language` from now on in this context (one request, one thread);
    `restore` with the token returned puts back the language shown before."""
    return _current.set(language if language in LANGUAGES else SOURCE_LANGUAGE)


def restore(token: Token[str]) -> None:
    _current.reset(token)


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Words in `language` inside the block: a PDF job, a test, an e-mail."""
    token = _current.set(language if language in LANGUAGES else SOURCE_LANGUAGE)
    try:
        yield
    finally:
        _current.reset(token)


def content_language(owner: object, field: str = "") -> str | None:
    """The language of text an editor wrote, when it is not the language shown (its `lang=`
    mark, WCAG 3.1.2 Language of Parts), else None. `owner` says whose it is: a claim or a
    dossier (its statement language), a source (its dossier's), an entity or None (the
    source language, English), or a language tag. A source's title is in the source's own
    language when known: `field="title"`, or `"outlet"` for "its outlet, else its title"."""
    language = None
    if field == "title" or (field == "outlet" and not getattr(owner, "outlet", "")):
        language = getattr(owner, "language", None)
    if language is None:
        language = getattr(owner, "statement_language", None)
    if language is None and hasattr(owner, "dossier"):
        language = getattr(owner.dossier, "statement_language", None)
    if language is None:
        language = owner if isinstance(owner, str) and owner else SOURCE_LANGUAGE
    return None if language == current() else str(language)


def native_name(language: str) -> str:
    """The language's name in itself, as a language switch shows it: "English", "Français"."""
    name = Locale.parse(language).get_display_name(language) or language
    return name[:1].upper() + name[1:]


@cache
def _translations(language: str) -> NullTranslations:
    if language == SOURCE_LANGUAGE:
        return NullTranslations()
    # Compiled by `make` (pybabel compile); a missing .mo shows the English words, not an error.
    return Translations.load(str(CATALOGUES), [language], DOMAIN)


def gettext(message: str, **values: object) -> str:
    """`message` in the current language, with `%(name)s` places filled from `values`."""
    text = _translations(current()).gettext(message)
    return text % values if values else text


def ngettext(singular: str, plural: str, count: int, **values: object) -> str:
    """The singular or plural form for `count`; `%(num)s` is the count, formatted."""
    text = _translations(current()).ngettext(singular, plural, count)
    return text % {"num": number(count), **values}


def plural_form(singular: str, plural: str, count: int) -> str:
    """The form for `count` in the current language with its places left unfilled, for
    templates: Jinja fills them itself and escapes the values."""
    return _translations(current()).ngettext(singular, plural, count)


def pgettext(context: str, message: str, **values: object) -> str:
    """`message` as meant in `context`, for a word that translates two ways ("Public")."""
    text = str(_translations(current()).pgettext(context, message))
    return text % values if values else text


def lazy_gettext(message: str, **values: object) -> LazyProxy:
    """`message`, translated each time it is shown: for words defined at import time."""
    return LazyProxy(gettext, message, enable_cache=False, **values)


def N_(message: str) -> str:
    """Marks `message` for the catalogue and returns it as it is: it is translated where it
    is shown, by gettext. For tables of words kept in English in code."""
    return message


def number(value: int | float) -> str:
    """A number as the reader writes it: 1,234 in English, 1 234 in French. Any size: an
    editor may type a number of forty digits, which a message then quotes back."""
    if type(value) is int:
        # A timeline shows hundreds of counts, and Babel takes about 0.1 ms for each.
        return _integer(value, current())
    return _formatted(value, current())


@lru_cache(maxsize=8192)
def _integer(value: int, language: str) -> str:
    return _formatted(value, language)


def _formatted(value: int | float, language: str) -> str:
    with localcontext() as context:
        # Babel rounds in the current decimal context, 28 digits by default.
        digits = len(str(int(value))) if isfinite(value) else 0
        context.prec = max(context.prec, digits + 10)
        return format_decimal(value, locale=language)


def percent(fraction: float) -> str:
    """A fraction as a percentage in the reader's way: 60% in English, 60 % in French."""
    # Kept like whole numbers: every card shows its confidence, one of a hundred values.
    return _percent(fraction, current())


@lru_cache(maxsize=1024)
def _percent(fraction: float, language: str) -> str:
    return format_percent(fraction, locale=language)


MonthWidth = Literal["wide", "abbreviated"]


def month_name(month: int, width: MonthWidth = "wide") -> str:
    """The month's name in the reader's language: "wide" as written mid-sentence ("June",
    "juin"), "abbreviated" as an axis writes it ("Jan", "janv.")."""
    return _month_names(width, current())[month - 1]


@lru_cache(maxsize=16)
def _month_names(width: MonthWidth, language: str) -> tuple[str, ...]:
    # Babel parses the locale on every call; a timeline names hundreds of months.
    names = get_month_names(width, locale=language)
    return tuple(str(names[month]) for month in range(1, 13))


_ = gettext
_l = lazy_gettext
