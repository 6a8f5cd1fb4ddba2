"""The reader's pages in French (issue #20): the timeline, a claim, an entity's comparison,
search, the source reader and the indexes speak French to a French browser, switch back to
English through the header's link, and are cached per language.

These tests need the French catalogue compiled (`make` runs pybabel compile): without
translations/fr/LC_MESSAGES/messages.mo every page is English.
"""

from __future__ import annotations

import json

import pytest

from tests.editing_helpers import claim_id_by_key, source_id
from tests.helpers import soup

FRENCH = {"Accept-Language": "fr"}
NO_BREAK = "\u00a0"


def french(client, path: str):
    return soup(client.get(path, headers=FRENCH))


def words(page) -> str:
    return " ".join(page.get_text().split())


def test_the_timeline_is_french(client):
    page = french(client, "/dossiers/openai-chips/")
    assert page.html["lang"] == "fr"
    heading = words(page.select_one("#timeline-heading"))
    assert "affirmations, placées selon la date des faits" in heading
    assert page.select_one("#filters-heading").get_text() == "Filtres"
    assert page.select_one(".filters button[type=submit]").get_text() == "Appliquer les filtres"
    assert "Comment lire cette page" in page.select_one(".legend summary").get_text()
    assert page.select_one(".json-link").get_text() == "Cette vue en JSON"
    assert page.select_one(".permalink").get_text(strip=True).startswith("Affirmation ")


def test_counts_and_percentages_are_written_the_french_way(client):
    page = french(client, "/dossiers/openai-chips/")
    assert page.select_one(".confidence-value").get_text().endswith(f"{NO_BREAK}%")
    scale = page.select_one(".legend-range").get_text()
    assert scale.endswith(f"{NO_BREAK}%")


def test_a_filtered_timeline_says_the_filters_match_in_french(client):
    page = french(client, "/dossiers/openai-chips/?attribution=insider")
    heading = words(page.select_one("#timeline-heading"))
    assert "correspondent à ces filtres" in heading
    assert page.title.get_text().startswith("Filtré")


def test_a_claim_page_is_french(client, seeded_app):
    claim = claim_id_by_key(seeded_app, "tsmc-ceo-plan-too-aggressive")
    page = french(client, f"/claims/{claim}")
    terms = [dt.get_text() for dt in page.select("dl.facts dt")]
    assert "Date des faits" in terms and "Confiance" in terms and "Qui le dit" in terms
    assert "Cette affirmation sur la chronologie" in words(page.select_one(".breadcrumbs"))
    assert page.select_one(".neighbour-label").get_text() == "Avant, sur la chronologie"


def test_the_entity_comparison_is_french(client):
    page = french(client, "/entities/tsmc")
    assert words(page.select_one("#comparison-heading")) == "TSMC en public, en privé"
    assert words(page.select_one("#column-public-heading")).startswith("En public")
    assert words(page.select_one("#column-private-heading")).startswith("En privé")
    assert "En privé" in words(page.select_one(".comparison-lede"))
    facts = words(page.select_one(".dossier-facts"))
    assert "affirmations citent TSMC" in facts
    assert "Affirmations par année et par attribution" in words(page)


def test_search_results_are_french(client):
    page = french(client, "/search?q=tsmc")
    assert page.h1.get_text() == f"Recherche{NO_BREAK}: «{NO_BREAK}tsmc{NO_BREAK}»"
    assert "affirmation" in words(page.select_one("#found-claims"))
    assert page.select_one(".site-search button").get_text() == "Rechercher"


def test_a_search_that_finds_nothing_says_so_in_french(client):
    page = french(client, "/search?q=zzzzqqq")
    assert "Rien ne correspond" in words(page)


def test_the_source_reader_is_french(client, seeded_app):
    page = french(client, f"/sources/{source_id(seeded_app)}/text")
    count = page.select_one(".reader-count").get_text()
    assert "paragraphes cités sur 40" in count
    assert page.select_one(".reader-not-quoted").get_text() == "Non cité"
    assert page.select_one(".reader-margin")["lang"] == "fr"
    assert "novembre" in words(page) or "saisie le" in words(page)


def test_the_source_page_is_french(client, seeded_app):
    page = french(client, f"/sources/{source_id(seeded_app)}")
    terms = [dt.get_text() for dt in page.select("dl.facts dt")]
    assert "Média" in terms and "Fiabilité" in terms
    assert "Lire le texte, 40 paragraphes numérotés" in words(page.select_one(".read-text-link"))


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/entities/", "Personnes et organisations"),
        ("/sources/", "Sources"),
        ("/dossiers/openai-chips/entities/", "Personnes et organisations"),
        ("/dossiers/openai-chips/sources/", "Sources"),
    ],
)
def test_the_indexes_are_french(client, path, heading):
    page = french(client, path)
    assert page.h1.get_text().startswith(heading)
    assert page.select_one(".json-link").get_text() == "Cet index en JSON"


def test_the_dossier_list_writes_its_dates_in_french(client):
    page = french(client, "/")
    facts = words(page.select_one(".dossier-facts"))
    assert "affirmations · modifié le" in facts


def test_the_language_switch_leads_back_to_the_same_page_in_english(client):
    page = french(client, "/entities/tsmc")
    switch = page.select_one(".language-switch a")
    assert switch["hreflang"] == "en" and switch.get_text() == "English"
    chosen = client.get(switch["href"], headers=FRENCH)
    assert chosen.status_code == 303
    assert chosen.headers["Location"].endswith("/entities/tsmc")
    assert "lang=en" in chosen.headers["Set-Cookie"]
    english = soup(client.get(chosen.headers["Location"], headers=FRENCH))
    assert english.html["lang"] == "en"
    assert words(english.select_one("#comparison-heading")) == "TSMC in public, in private"


def test_a_french_page_has_its_own_etag_and_is_not_answered_with_the_english_one(client):
    english = client.get("/dossiers/openai-chips/")
    french_page = client.get("/dossiers/openai-chips/", headers=FRENCH)
    assert english.headers["ETag"] != french_page.headers["ETag"]
    assert "Accept-Language" in french_page.headers["Vary"]
    again = client.get(
        "/dossiers/openai-chips/", headers={**FRENCH, "If-None-Match": english.headers["ETag"]}
    )
    assert again.status_code == 200
    assert soup(again).html["lang"] == "fr"


def test_a_claim_page_etag_differs_by_language(client, seeded_app):
    claim = claim_id_by_key(seeded_app, "tsmc-ceo-plan-too-aggressive")
    english = client.get(f"/claims/{claim}")
    again = client.get(
        f"/claims/{claim}", headers={**FRENCH, "If-None-Match": english.headers["ETag"]}
    )
    assert again.status_code == 200
    assert soup(again).html["lang"] == "fr"


def test_the_page_hands_the_scripts_their_french_words(client):
    page = french(client, "/dossiers/openai-chips/")
    handed = json.loads(page.select_one("#claimline-words").get_text())
    assert handed["Lists, boxes and choices apply as soon as you change them."] == (
        "Les listes, cases et choix s’appliquent dès que vous les modifiez."
    )
    assert handed["Suggestions"] == "Suggestions"
    assert handed["1 claim found."] == "1 affirmation trouvée."
    assert handed["%(count)s claims found."] == "%(count)s affirmations trouvées."


def test_an_english_page_hands_the_scripts_no_words(client):
    page = soup(client.get("/dossiers/openai-chips/"))
    assert json.loads(page.select_one("#claimline-words").get_text()) == {}
    assert page.html["lang"] == "en"


def test_the_error_page_is_french(client):
    page = soup(client.get("/claims/999999", headers=FRENCH), status=404)
    assert page.h1.get_text() == "Introuvable"
    assert page.select_one("main a[href='/']").get_text() == "Retour aux dossiers"
