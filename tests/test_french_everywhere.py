"""A French reader sees no English interface word on any page (issue #20).

Every main page (the same list the HTML validity test checks), read with a French browser, is
searched for the English of every catalogue entry that French translates differently. The
dossier's own content is left out: it is written in its own language and marked so (`lang`
on statements and quotes, the editor's Markdown in `.prose`), as are form values an editor
typed and the language switch, which names English in English on purpose.
"""

from __future__ import annotations

import re
from functools import cache

import pytest
from babel.messages.pofile import read_po

import i18n
from tests.helpers import soup
from tests.test_html_validity import EDITOR_PAGES, PAGES

FRENCH = {"Accept-Language": "fr-FR,fr;q=0.9,en;q=0.5"}
PLACEHOLDER = re.compile(r"%\(\w+\)s|%s")


@cache
def english_phrases() -> tuple[str, ...]:
    """The English of each catalogue entry whose French differs, cut at its placeholders:
    phrases of two words or more, and single words long enough not to be content by chance."""
    with (i18n.CATALOGUES / "fr" / "LC_MESSAGES" / "messages.po").open("rb") as file:
        catalogue = read_po(file, locale="fr")
    phrases = set()
    for message in catalogue:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for english, french in zip(ids, strings, strict=False):
            if english == french:
                continue
            for piece in PLACEHOLDER.split(english):
                piece = piece.strip(" .,:;()–—-")
                words = piece.split()
                if piece.casefold() in french.casefold():  # "dossiers" in "%(num)s dossiers"
                    continue
                if len(words) >= 2 or (len(words) == 1 and len(piece) >= 7 and piece.isalpha()):
                    phrases.add(piece)
    return tuple(sorted(phrases, key=len, reverse=True))


def interface_text(page) -> str:
    """What the page says in its own words: without content written in another language."""
    for element in page.select("script, style, template, .prose, .language-switch"):
        element.decompose()
    for element in page.select("[lang]"):
        if element.name != "html" and not element["lang"].startswith("fr"):
            element.decompose()
    for field in page.select("textarea, input[value]"):
        field.decompose()
    return " ".join(page.get_text(" ").split())


def english_left(text: str) -> list[str]:
    return sorted(
        phrase
        for phrase in english_phrases()
        if re.search(rf"(?<![\w'’]){re.escape(phrase)}(?![\w'’])", text)
    )


@pytest.mark.parametrize("name", sorted(PAGES))
def test_a_french_reader_sees_no_english_interface_words(client, name):
    response = client.get(PAGES[name], headers=FRENCH)
    page = soup(response, response.status_code)
    assert page.html["lang"] == "fr"
    assert english_left(interface_text(page)) == []


@pytest.mark.parametrize("name", sorted(EDITOR_PAGES))
def test_a_french_editor_sees_no_english_interface_words(editor_client, name):
    # The sign-in was in English: its flash ("Signed in as ...") waits for the next page.
    editor_client.get("/")
    response = editor_client.get(EDITOR_PAGES[name], headers=FRENCH)
    page = soup(response, response.status_code)
    assert page.html["lang"] == "fr"
    assert english_left(interface_text(page)) == []


def test_the_check_finds_english_when_the_page_is_english(client):
    """The check itself: the same page read in English is full of the catalogue's words."""
    page = soup(client.get(PAGES["timeline"], headers={"Accept-Language": "en"}))
    assert len(english_left(interface_text(page))) > 20
