"""The printed briefing in a chosen language, and the languages stored with a dossier and its
claims (issue #20). The French words need the compiled catalogue (`make` compiles it)."""

from __future__ import annotations

import io
import json

import pytest
from alembic import command
from pypdf import PdfReader
from sqlalchemy import inspect, select

from cli.database import alembic_config, upgrade
from db import engine_of, get_session, make_engine
from models import Dossier
from tests.conftest import build_app, claim_by_key
from tests.editing_helpers import form_values, token
from tests.helpers import bearer, soup
from tests.pdf_worker import queued_app
from tests.test_pdf import PDF, fetch, squeezed
from tests.test_print import PRINT, entry_for

ENGLISH = {"Accept-Language": "en"}
FRENCH = {"Accept-Language": "fr"}
TIMELINE_HEADING = {"en": "Timeline of claims", "fr": "Chronologie des affirmations"}
KEY = "tsmc-ceo-plan-too-aggressive"
STATEMENT = (
    "TSMC chief executive C.C. Wei said Altman's plan was too aggressive and difficult to believe."
)


def set_dossier(app, **values) -> None:
    with app.app_context():
        session = get_session()
        dossier = session.scalar(select(Dossier).where(Dossier.slug == "openai-chips"))
        for name, value in values.items():
            setattr(dossier, name, value)
        session.commit()


def printed_language(response) -> str:
    """The <html lang> of a print page, checked against the words it prints."""
    page = soup(response)
    language = page.html["lang"]
    assert page.find(id="timeline-title").get_text(strip=True) == TIMELINE_HEADING[language]
    return language


# --- which language the print is in ---------------------------------------------------------


def test_lang_fr_prints_the_briefing_in_french(client):
    page = soup(client.get(f"{PRINT}?lang=fr", headers=ENGLISH))
    assert page.html["lang"] == "fr"
    assert page.find(id="timeline-title").get_text(strip=True) == "Chronologie des affirmations"
    assert page.find(id="sources-title").get_text(strip=True) == "Sources"
    assert "Note de synthèse du dossier" in page.title.get_text()
    # The toolbar's links keep the language: the PDF is the same briefing as the page.
    pdf_links = [a["href"] for a in page.select(".toolbar-actions a[type='application/pdf']")]
    assert pdf_links and all("lang=fr" in href for href in pdf_links)


def test_a_dossier_printed_in_french_prints_french_for_an_english_reader(seeded_app, client):
    set_dossier(seeded_app, print_language="fr")
    assert printed_language(client.get(PRINT, headers=ENGLISH)) == "fr"


def test_lang_en_overrides_the_dossiers_print_language(seeded_app, client):
    set_dossier(seeded_app, print_language="fr")
    assert printed_language(client.get(f"{PRINT}?lang=en", headers=FRENCH)) == "en"


def test_without_a_choice_the_print_follows_the_readers_language(client):
    assert printed_language(client.get(PRINT, headers=FRENCH)) == "fr"
    assert printed_language(client.get(PRINT, headers=ENGLISH)) == "en"
    # A language Claimline does not speak is ignored, not an error.
    assert printed_language(client.get(f"{PRINT}?lang=xx", headers=ENGLISH)) == "en"


def test_the_english_print_is_unchanged(client):
    page = soup(client.get(PRINT))
    assert page.html["lang"] == "en"
    assert page.select_one(".cover-kind").get_text(strip=True) == "Dossier briefing"
    assert not page.select("main .entry-statement[lang]")


# --- statements carry their language --------------------------------------------------------


def test_statements_say_they_are_english_on_a_french_print(client, seeded_app):
    page = soup(client.get(f"{PRINT}?lang=fr"))
    statements = page.select("main .entry-statement")
    assert statements and all(heading.get("lang") == "en" for heading in statements)
    # The quotes keep their own language (the article's French), as before.
    assert "fr" in {quote["lang"] for quote in page.select("main .entry-quote q[lang]")}


def test_a_statement_in_another_language_is_marked_wherever_it_is_shown(
    seeded_app, client, db_session
):
    claim = claim_by_key(db_session, KEY)
    claim.statement_lang = "de"
    db_session.commit()
    claim_id = claim.id
    printed = entry_for(soup(client.get(PRINT)), STATEMENT)
    assert printed.select_one(".entry-statement")["lang"] == "de"
    card = soup(client.get("/dossiers/openai-chips/?q=aggressive")).find(
        id=f"claim-{claim_id}-statement"
    )
    assert card["lang"] == "de"
    detail = soup(client.get(f"/claims/{claim_id}")).select_one("h1.statement")
    assert detail["lang"] == "de"


# --- the PDF ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdf_app(tmp_path_factory, seeded_template):
    app = build_app(tmp_path_factory.mktemp("pdf-fr"), seeded_template)
    yield app
    engine_of(app).dispose()


@pytest.fixture(scope="module")
def french_pdf(pdf_app):
    return fetch(pdf_app, f"{PDF}?lang=fr")


@pytest.mark.slow
def test_the_pdf_in_french_is_written_in_french(french_pdf):
    reader = PdfReader(io.BytesIO(french_pdf.data))
    text = squeezed(" ".join(page.extract_text() for page in reader.pages))
    assert squeezed("Chronologie des affirmations") in text
    assert squeezed("Index des personnes et des organisations") in text
    assert reader.trailer["/Root"]["/Lang"] == "fr"


@pytest.mark.slow
def test_the_kept_pdf_is_one_per_language(pdf_app, french_pdf):
    english = fetch(pdf_app, PDF)
    assert english.headers["ETag"] != french_pdf.headers["ETag"]
    assert PdfReader(io.BytesIO(english.data)).trailer["/Root"]["/Lang"] == "en"
    again = fetch(pdf_app, f"{PDF}?lang=fr")
    assert again.headers["ETag"] == french_pdf.headers["ETag"]
    assert again.data == french_pdf.data


def test_a_queued_pdf_job_carries_its_language(tmp_path, seeded_template):
    app = queued_app(tmp_path, seeded_template)
    try:
        page = soup(app.test_client().get(f"{PDF}?lang=fr", headers=ENGLISH), 202)
        assert page.html["lang"] == "fr"
        assert "lang=fr" in page.find("a", string="Lire plutôt la version imprimable")["href"]
        [note] = (tmp_path / "rendered").glob("*.job")
        assert json.loads(note.read_text())["job"]["language"] == "fr"
    finally:
        engine_of(app).dispose()


# --- the dossier's languages through the form and the API ------------------------------------


def test_the_dossier_form_sets_the_print_and_statement_languages(seeded_app, editor_client):
    form = soup(editor_client.get("/dossiers/openai-chips/edit")).select_one("form.stacked-form")
    values = form_values(form)
    assert values["statement_language"] == "en" and values["print_language"] == ""
    response = editor_client.post(
        "/dossiers/openai-chips/edit",
        data={
            **values,
            "print_language": "fr",
            "statement_language": "de-CH",
            "submission": token(),
        },
    )
    assert response.status_code == 302
    with seeded_app.app_context():
        dossier = get_session().scalar(select(Dossier).where(Dossier.slug == "openai-chips"))
        assert (dossier.print_language, dossier.statement_language) == ("fr", "de-CH")


def test_the_dossier_form_refuses_a_print_language_claimline_does_not_speak(editor_client):
    values = form_values(
        soup(editor_client.get("/dossiers/openai-chips/edit")).select_one("form.stacked-form")
    )
    response = editor_client.post(
        "/dossiers/openai-chips/edit",
        data={**values, "print_language": "de", "submission": token()},
    )
    assert soup(response, 422).find(id="print_language-error") is not None


def test_the_api_reads_and_writes_a_dossiers_languages(client, write_token):
    body = client.get("/api/v1/dossiers/openai-chips").get_json()
    assert (body["print_language"], body["statement_language"]) == (None, "en")
    patched = client.patch(
        "/api/v1/dossiers/openai-chips",
        json={"version": body["version"], "print_language": "fr"},
        headers=bearer(write_token),
    )
    assert patched.status_code == 200, patched.get_json()
    assert patched.get_json()["print_language"] == "fr"
    assert patched.get_json()["statement_language"] == "en"
    refused = client.post(
        "/api/v1/dossiers",
        json={"title": "Arm", "print_language": "de", "statement_language": "not a tag!"},
        headers=bearer(write_token),
    )
    assert refused.status_code == 400
    fields = {error["field"] for error in refused.get_json()["errors"]}
    assert fields == {"print_language", "statement_language"}


def test_the_claim_form_sets_the_statements_language(client, editor_client, db_session):
    claim_id = claim_by_key(db_session, KEY).id
    db_session.rollback()
    form = soup(editor_client.get(f"/claims/{claim_id}/edit")).select_one("form.stacked-form")
    values = form_values(form)
    assert values["statement_lang"] == ""
    response = editor_client.post(
        f"/claims/{claim_id}/edit", data={**values, "statement_lang": "DE", "submission": token()}
    )
    assert response.status_code == 302
    assert soup(client.get(f"/claims/{claim_id}")).select_one("h1.statement")["lang"] == "de"


def test_the_claim_api_carries_the_statements_language(client, write_token, db_session):
    claim_id = claim_by_key(db_session, KEY).id
    db_session.rollback()
    body = client.get(f"/api/v1/claims/{claim_id}").get_json()
    assert body["statement_lang"] is None
    patched = client.patch(
        f"/api/v1/claims/{claim_id}",
        json={"version": body["version"], "statement_lang": "en-GB"},
        headers=bearer(write_token),
    )
    assert patched.status_code == 200, patched.get_json()
    assert patched.get_json()["statement_lang"] == "en-GB"
    refused = client.patch(
        f"/api/v1/claims/{claim_id}",
        json={"version": body["version"] + 1, "statement_lang": "English please"},
        headers=bearer(write_token),
    )
    assert refused.status_code == 400


def test_the_openapi_document_names_the_languages(client):
    schemas = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]
    assert {"print_language", "statement_language"} <= set(schemas["Dossier"]["properties"])
    assert {"print_language", "statement_language"} <= set(schemas["DossierPatch"]["properties"])
    assert "statement_lang" in schemas["Claim"]["properties"]
    assert "statement_lang" in schemas["ClaimPatch"]["properties"]


# --- the migration --------------------------------------------------------------------------


def test_the_languages_migrate_down_and_up_with_the_dossier_in_place(tmp_path, seeded_template):
    url = seeded_template.clone(tmp_path)
    engine = make_engine(url)
    try:

        def columns(table: str) -> set[str]:
            return {column["name"] for column in inspect(engine).get_columns(table)}

        assert {"print_language", "statement_language"} <= columns("dossiers")
        assert "statement_lang" in columns("claims")
        command.downgrade(alembic_config(url), "0010")
        assert not {"print_language", "statement_language"} & columns("dossiers")
        assert "statement_lang" not in columns("claims")
        upgrade(url)
        with engine.connect() as connection:
            language = connection.exec_driver_sql(
                "SELECT statement_language FROM dossiers WHERE slug = 'openai-chips'"
            ).scalar()
        assert language == "en"
    finally:
        engine.dispose()
