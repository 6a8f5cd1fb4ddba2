"""The editors' pages in French (#20): asked with Accept-Language: fr, the claim and dossier
forms, a claim's history, the conflict page, the import page and the sign-in page speak
French, and none of their own headings is left in English.

These tests need the French catalogue compiled (`make messages`, then pybabel compile, as
`make` does); the English pages are covered, unchanged, by the tests of each page.
"""

from __future__ import annotations

import io
import json

from tests.editing_helpers import claim_id_by_key, edit_form_values, form_values
from tests.helpers import soup

FRENCH = {"Accept-Language": "fr"}
NEW_CLAIM = "/claims/new?dossier=openai-chips"
IMPORT = "/dossiers/openai-chips/import"
CLAIM_KEY = "hbm-shortage"
# The page's own headings: the words of the template, not the dossier's content.
HEADINGS = "main h1, main h2, main h3, main .form-section > legend, main caption, main summary"
# Headings written the same in both languages.
SAME_IN_FRENCH = {"Notes"}


def text(page) -> str:
    return page.get_text(" ", strip=True)


def headings(page) -> list[str]:
    return [element.get_text(" ", strip=True) for element in page.select(HEADINGS)]


def assert_headings_translated(english_page, french_page) -> None:
    """Every heading the English page shows reads differently in French."""
    english, french = headings(english_page), headings(french_page)
    assert len(english) == len(french)
    assert [heading for heading in french if heading in set(english) - SAME_IN_FRENCH] == []


def test_the_new_claim_form_is_french(editor_client):
    english = soup(editor_client.get(NEW_CLAIM))
    page = soup(editor_client.get(NEW_CLAIM, headers=FRENCH))
    assert page.h1.get_text(strip=True) == "Ajouter une affirmation"
    sections = [legend.get_text(strip=True) for legend in page.select(".form-section > legend")]
    assert (sections[0], sections[2]) == ("Ce qui est affirmé", "Quand")
    assert "(facultatif)" in text(page)
    assert page.select_one(".form-actions a").get_text(strip=True) == "Annuler"
    assert_headings_translated(english, page)


def test_a_refused_claim_counts_its_problems_in_french(editor_client):
    page = soup(editor_client.post(NEW_CLAIM, data={}, headers=FRENCH), status=422)
    summary = page.select_one("#error-summary-title").get_text(strip=True)
    assert summary.startswith("Il y a ")


def test_the_dossier_forms_are_french(editor_client):
    new = soup(editor_client.get("/dossiers/new", headers=FRENCH))
    assert new.h1.get_text(strip=True) == "Créer un dossier"
    english = soup(editor_client.get("/dossiers/openai-chips/edit"))
    page = soup(editor_client.get("/dossiers/openai-chips/edit", headers=FRENCH))
    assert page.h1.get_text(strip=True).startswith("Modifier «\u00a0")
    assert page.select_one("#archive-heading").get_text(strip=True) in ("Archiver", "Restaurer")
    assert "Un dossier rassemble une histoire" in text(page)
    assert_headings_translated(english, page)


def test_a_claims_history_is_french(seeded_app, editor_client):
    claim_id = claim_id_by_key(seeded_app, CLAIM_KEY)
    url = f"/claims/{claim_id}/edit"
    changed = edit_form_values(editor_client, claim_id) | {"statement": "A new statement."}
    assert editor_client.post(url, data=changed).status_code == 302
    history = f"/claims/{claim_id}/history"
    english = soup(editor_client.get(history))
    page = soup(editor_client.get(history, headers=FRENCH))
    assert page.h1.get_text(strip=True) == f"Historique de l’affirmation {claim_id}"
    assert "Modifications récentes" in text(page.select_one("nav.breadcrumbs"))
    restore = page.select_one("form.restore-form button").get_text(" ", strip=True)
    assert restore.startswith("Restaurer la version 1")
    assert "Avant" in text(page) and "Après" in text(page)
    assert_headings_translated(english, page)


def test_the_conflict_page_is_french(seeded_app, editor_client):
    claim_id = claim_id_by_key(seeded_app, CLAIM_KEY)
    url = f"/claims/{claim_id}/edit"
    loaded_by_a = edit_form_values(editor_client, claim_id)
    loaded_by_b = edit_form_values(editor_client, claim_id)
    theirs = loaded_by_b | {"statement": "B's statement."}
    assert editor_client.post(url, data=theirs).status_code == 302
    mine = loaded_by_a | {"statement": "A's statement."}
    page = soup(editor_client.post(url, data=mine, headers=FRENCH), status=409)
    assert page.h1.get_text(strip=True) == (
        "Quelqu’un d’autre a enregistré cette affirmation pendant que vous la modifiiez"
    )
    assert "Vos modifications ne sont pas encore enregistrées." in text(page)
    columns = [th.get_text(strip=True) for th in page.select("table.three-versions thead th")]
    assert columns == ["À l’ouverture", "Sa version (enregistrée depuis)",
                       "Votre version (non enregistrée)"]  # fmt: skip
    assert "Someone else" not in text(page)
    assert "Abandonner mes modifications" in text(page)


def test_the_import_page_is_french(editor_client):
    english = soup(editor_client.get(IMPORT))
    page = soup(editor_client.get(IMPORT, headers=FRENCH))
    assert page.h1.get_text(strip=True) == "Importer un fichier dans ce dossier"
    assert text(page.select_one(".import-intro")).startswith("Importez des affirmations")
    assert_headings_translated(english, page)


def test_the_import_preview_is_french(editor_client):
    exported = editor_client.get("/dossiers/openai-chips/claims.json").get_json()
    new = dict(exported["claims"][0], key="new-claim", statement="A claim from the import form.")
    exported["claims"].append(new)
    upload = {"file": (io.BytesIO(json.dumps(exported).encode()), "new.json"), "format": ""}
    response = editor_client.post(
        IMPORT, data=upload, content_type="multipart/form-data", headers=FRENCH
    )
    page = soup(response)
    assert page.select_one("#report-heading").get_text(strip=True) == (
        "Ce que ferait l’import de «\u00a0new.json\u00a0»"
    )
    rows = [th.get_text(strip=True) for th in page.select(".import-counts tbody th")]
    assert rows == ["Créées", "Mises à jour", "Inchangées", "Refusées"]
    changes = [li.get_text(strip=True) for li in page.select(".import-changes li")]
    assert "Affirmation créée\u00a0: A claim from the import form." in changes


def test_the_sign_in_page_is_french(client):
    english = soup(client.get("/login"))
    page = soup(client.get("/login", headers=FRENCH))
    assert page.h1.get_text(strip=True) == "Se connecter"
    assert "La lecture est ouverte à tous." in text(page)
    assert page.title.get_text(strip=True) == "Se connecter — Claimline"
    assert_headings_translated(english, page)


def test_a_signed_in_editor_signs_out_in_french(editor_client):
    page = soup(editor_client.get("/dossiers/openai-chips/", headers=FRENCH))
    assert page.select_one("form.sign-out button").get_text(strip=True) == "Se déconnecter"
    actions = page.select_one("nav.editor-actions")
    assert actions["aria-label"] == "Modifier ce dossier"
    assert "Ajouter une affirmation" in text(actions)


def test_english_stays_the_default(editor_client):
    page = soup(editor_client.get(NEW_CLAIM))
    assert page.h1.get_text(strip=True) == "Add a claim"
    assert form_values(page.select_one("form.claim-form"))  # the form is still whole
