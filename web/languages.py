"""The reader's language: chosen with the header's switch (a cookie), else the browser's
Accept-Language, else English. The address stays the same in every language, so every
answer says it varies on both, and the page's ETag and cache key include the language
(web/caching.py, services/reading/timeline_page.py)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from babel.messages.extract import extract_from_file
from flask import Flask, Response, current_app, g, request
from markupsafe import Markup

import i18n

COOKIE = "lang"
ONE_YEAR = 365 * 24 * 3600


def register_languages(app: Flask) -> None:
    app.jinja_env.add_extension("jinja2.ext.i18n")
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        i18n.gettext, template_ngettext, newstyle=True, pgettext=i18n.pgettext
    )
    app.jinja_env.globals.update(
        number=i18n.number,
        percent=i18n.percent,
        script_words=script_words,
        content_lang=content_lang,
    )
    app.before_request(use_chosen_language)
    app.teardown_request(forget_chosen_language)
    app.after_request(vary_on_language)
    app.context_processor(language_switch)


def template_ngettext(singular: str, plural: str, count: int) -> str:
    """ngettext for templates: Jinja fills the places of what this returns (escaping the
    values), so only %(num)s is filled here, with the count written as the reader writes it."""
    return i18n.plural_form(singular, plural, count).replace("%(num)s", i18n.number(count))


def chosen_language() -> str:
    """The language this request is answered in."""
    chosen = request.cookies.get(COOKIE)
    if chosen in i18n.LANGUAGES:
        return chosen
    return request.accept_languages.best_match(i18n.LANGUAGES, default=i18n.SOURCE_LANGUAGE)


def use_chosen_language() -> None:
    g.language_token = i18n.use(chosen_language())


def forget_chosen_language(exception: BaseException | None) -> None:
    # The next request in this thread, or code after the request (a test, a CLI command),
    # must not go on in this reader's language.
    token = g.pop("language_token", None)
    if token is not None:
        i18n.restore(token)


def vary_on_language(response: Response) -> Response:
    if request.endpoint != "static":
        response.vary.add("Accept-Language")
    return response


def content_lang(owner: object, field: str = "") -> Markup:
    """` lang="xx"` for text an editor wrote, when the page is in another language (WCAG 3.1.2),
    else nothing: the rule is i18n.content_language. A global, so macros imported without
    context can use it."""
    language = i18n.content_language(owner, field)
    return Markup("") if language is None else Markup(' lang="%s"') % language


def language_switch() -> dict[str, object]:
    """`<html lang>` and the header's links to the page in the other languages."""
    here = i18n.current()
    return {
        "current_language": here,
        "other_languages": [
            (code, i18n.native_name(code)) for code in i18n.LANGUAGES if code != here
        ],
    }


def script_words() -> dict[str, str]:
    """The translations of the words the scripts mark with _(), for static/js/words.js."""
    if i18n.current() == i18n.SOURCE_LANGUAGE or current_app.static_folder is None:
        return {}
    return {word: i18n.gettext(word) for word in _words_in_scripts(current_app.static_folder)}


@cache
def _words_in_scripts(folder: str) -> tuple[str, ...]:
    found = set()
    for path in sorted(Path(folder, "js").glob("*.js")):
        for _line, message, _comments, _context in extract_from_file("javascript", path):
            found.add(message if isinstance(message, str) else message[0])
    return tuple(sorted(found))
