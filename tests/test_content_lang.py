"""Content written by editors carries its language where the page speaks another (issue #20,
WCAG 3.1.2 Language of Parts): one rule, `i18n.content_language`, the `content_lang` global.

The seeded dossier's statements are English; one source is a French article.
"""

from __future__ import annotations

from types import SimpleNamespace

import i18n
from tests.helpers import soup

FRENCH = {"Accept-Language": "fr"}
ENGLISH = {"Accept-Language": "en"}


def test_the_rule_marks_only_a_language_other_than_the_pages():
    dossier = SimpleNamespace(statement_language="en")
    source = SimpleNamespace(dossier=dossier, language="fr", outlet="")
    with i18n.speaking("fr"):
        assert i18n.content_language(dossier) == "en"
        assert i18n.content_language(source) == "en"  # its outlet: the dossier's words
        assert i18n.content_language(source, "title") is None  # a French title
        assert i18n.content_language(source, "outlet") is None  # no outlet: the title
        assert i18n.content_language(None) == "en"  # an entity: the source language
    with i18n.speaking("en"):
        assert i18n.content_language(dossier) is None
        assert i18n.content_language(source, "title") == "fr"


def test_related_statements_and_notes_are_marked_english_on_a_french_claim_page(client):
    page = soup(client.get("/claims/1", headers=FRENCH))
    related = page.select(".related .relations a")
    assert related and all(link.get("lang") == "en" for link in related)
    english = soup(client.get("/claims/1", headers=ENGLISH))
    assert all(not link.get("lang") for link in english.select(".related .relations a"))


def test_outlets_are_marked_on_the_source_page_and_the_sources_index(client):
    for path in ("/sources/", "/dossiers/openai-chips/sources/"):
        page = soup(client.get(path, headers=FRENCH))
        outlets = page.select(".index-meta span[lang]")
        assert outlets and {span["lang"] for span in outlets} == {"en"}, path


def test_a_french_titled_source_is_marked_french_in_the_english_facet(client):
    page = soup(client.get("/dossiers/openai-chips/", headers=ENGLISH))
    options = page.select("#f-source option[lang]")
    assert options and {option["lang"] for option in options} == {"fr"}
    assert not soup(client.get("/dossiers/openai-chips/", headers=FRENCH)).select(
        "#f-source option[lang='fr']"
    )


def test_the_overview_strips_statements_are_marked_on_a_french_timeline(client):
    page = soup(client.get("/dossiers/openai-chips/", headers=FRENCH))
    titles = page.select(".overview-strip .mark title")
    assert titles and all(title.select_one("span[lang='en']") for title in titles)


def test_history_values_written_by_editors_are_marked(editor_client):
    page = soup(editor_client.get("/claims/1/history", headers=FRENCH))
    assert page.select(".revision td[lang='en']")
    assert page.select_one(".lede")["lang"] == "en"


def test_the_api_pages_machine_words_are_english_and_its_index_unchanged(client):
    page = soup(client.get("/api/", headers=FRENCH))
    assert all(pre.get("lang") == "en" for pre in page.select("pre.code"))
    assert all(
        row.select("td")[2].get("lang") == "en" for row in page.select(".endpoints tbody tr")
    )
    rows = client.get("/api/v1/index/sources").get_json()["items"]
    assert rows and not {"title_language", "dossier_language"} & set(rows[0])
