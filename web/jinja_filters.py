"""Jinja filters: every formatting rule a template needs, in one place."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date

from babel import Locale
from babel.dates import format_date
from flask import Flask
from jinja2 import Environment, pass_environment
from jinja2.filters import do_truncate
from markupsafe import Markup, escape

import i18n
from fuzzy_date import FuzzyDate
from models import limits
from models.text import fold
from models.vocabulary import likelihood
from services.reading.facets import FacetValue
from services.reading.search import search_terms
from web.languages import content_lang
from web.search_links import name_url
from web.urls import query_args


def fuzzy_date(value: FuzzyDate | None, unknown: str = "date unknown") -> str:
    return value.label if value else unknown


def calendar_date(moment: date) -> str:
    """A day as the reader writes it: "4 June 2024" in English, "4 juin 2024" in French."""
    return format_date(moment, "d MMMM y", locale=i18n.current())


LANGUAGE_NAMES = {
    "ar": "Arabic", "de": "German", "en": "English", "es": "Spanish", "fr": "French",
    "it": "Italian", "ja": "Japanese", "ko": "Korean", "nl": "Dutch", "pt": "Portuguese",
    "ru": "Russian", "zh": "Chinese",
}  # fmt: skip


def language_name(code: str | None) -> str:
    """The name of a BCP 47 tag's language in the reader's language ("French" in English,
    "français" in French) for the languages listed above, else the tag itself."""
    if not code:
        return ""
    base = code.split("-")[0].lower()
    if base not in LANGUAGE_NAMES:
        return code
    return Locale.parse(base).get_language_name(i18n.current()) or LANGUAGE_NAMES[base]


def highlight(text: str | None, query: str | None) -> Markup:
    """Escape `text` and wrap the words of `query` in <mark>, ignoring case and accents."""
    text = text or ""
    terms = search_terms(query or "")
    if not terms:
        return escape(text)
    folded, positions = _fold_with_positions(text)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(term) for term in terms) + r")\w*")
    pieces, last = [], 0
    for match in pattern.finditer(folded):
        start, end = positions[match.start()], positions[match.end() - 1] + 1
        pieces.append(escape(text[last:start]))
        pieces.append(Markup("<mark>") + escape(text[start:end]) + Markup("</mark>"))
        last = end
    pieces.append(escape(text[last:]))
    return Markup("").join(pieces)


def mentions(text: str | None, query: str | None) -> bool:
    """Whether `highlight` would mark a word of `query` in `text`."""
    terms = search_terms(query or "")
    if not text or not terms:
        return False
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(term) for term in terms) + r")")
    return pattern.search(fold(text)) is not None


def _fold_with_positions(text: str) -> tuple[str, list[int]]:
    """The folded text, and for each of its characters the index it came from in `text`."""
    folded, positions = [], []
    for index, char in enumerate(text):
        for piece in fold(char):
            if not unicodedata.combining(piece):
                folded.append(piece)
                positions.append(index)
    return "".join(folded), positions


def sentence_case(text: str | None) -> str:
    """Capitalise the first letter only ("a senior TSMC executive" keeps its TSMC)."""
    return text[:1].upper() + text[1:] if text else ""


def thousands(number: int) -> str:
    """A count or a limit as the reader writes it: 20000 is "20,000" in English, "20 000" in
    French."""
    return i18n.number(number)


def byte_size(size: int) -> str:
    """A size limit in the reader's words: 1048576 is "1 MB" ("1 Mo" in French)."""
    if size >= 1024 * 1024:
        return i18n.gettext("%(size)s MB", size=i18n.number(round(size / (1024 * 1024), 2)))
    return i18n.gettext("%(size)s KB", size=i18n.number(round(size / 1024, 2)))


def sanitised(html: str | None) -> Markup:
    """Mark HTML as safe. Only for columns written by services.markdown_render at save time;
    this is the one place stored HTML is trusted."""
    return Markup(html or "")


@pass_environment
def facet_options(environment: Environment, values: Iterable[FacetValue]) -> Markup:
    """The <option>s of a facet's <select>, "label (count)" each. Built here rather than by a
    loop in the template: a dossier's entities, tags and sources make hundreds of options
    on every timeline, and a translated label each was 15-20 ms of a cold page."""
    pattern = i18n.gettext("%(label)s (%(count)s)")
    # Escaped by hand and joined once: Markup.format goes through string.Formatter, which
    # cost 40 µs an option.
    options = []
    for item in values:
        label = do_truncate(environment, item.label, 60)
        if item.count is not None:  # None: beyond counting, the value is listed alone
            label = pattern % {"label": label, "count": i18n.number(item.count)}
        selected = " selected" if item.selected else ""
        language = content_lang(item.language) if item.language else ""
        options.append(
            f'<option value="{escape(item.value)}"{selected}{language}>{escape(label)}</option>'
        )
    return Markup("".join(options))


def register_template_filters(app: Flask) -> None:
    app.add_template_filter(fuzzy_date)
    app.add_template_filter(calendar_date)
    app.add_template_filter(likelihood)
    app.add_template_filter(highlight)
    app.add_template_filter(language_name)
    app.add_template_filter(sanitised)
    app.add_template_filter(sentence_case)
    app.add_template_filter(thousands)
    app.add_template_filter(byte_size)
    app.add_template_filter(facet_options)
    # The field limits, for the hints and the error page that quote them (models/limits.py).
    app.jinja_env.globals["limits"] = limits
    app.add_template_global(query_args)
    app.add_template_global(name_url)
    app.add_template_filter(mentions)
