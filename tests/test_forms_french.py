"""Forms, flash messages and error pages in French (issue #20): labels, hints and choices,
the forms' own refusals, WTForms' and Flask-WTF's built-in ones, the notice after saving.

Needs the French catalogue compiled (translations/fr/LC_MESSAGES/messages.mo, made by
`make`): without it every page is English and these tests fail.
"""

from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import default_exceptions
from wtforms import IntegerField

import i18n
from forms.auth import LoginForm
from forms.fields import SpeakingForm
from tests.conftest import build_app
from tests.editing_helpers import claim_data, field_error, source_id
from tests.helpers import soup
from web.error_pages import WERKZEUG_DESCRIPTIONS

NEW = "/claims/new?dossier=openai-chips"
FRENCH = {"Accept-Language": "fr"}
NARROW_NO_BREAK_SPACE = "\u202f"


def label(page, field_id: str) -> str:
    return page.select_one(f'label[for="{field_id}"]').get_text(" ", strip=True)


def test_claim_form_labels_hints_and_choices_are_french(editor_client):
    page = soup(editor_client.get(NEW, headers=FRENCH))
    assert label(page, "statement") == "Énoncé"
    assert label(page, "confidence") == "Confiance"
    hint = page.find(id="statement-hint").get_text()
    assert hint.startswith("Une phrase qui dit ce qui est affirmé")
    assert "Jusqu’à 500 caractères." in hint
    # A limit of thousands is written the French way, with a narrow no-break space.
    assert f"5{NARROW_NO_BREAK_SPACE}000 caractères" in page.find(id="quote-hint").get_text()
    sources = [option.get_text() for option in page.select("#source option")]
    assert sources[0] == "Choisissez une source…"
    assert sources[-1] == "Une nouvelle source (décrivez-la ci-dessous)"
    relations = [option.get_text() for option in page.select("#relations-0-type option")]
    assert relations[:2] == ["Sans lien", "Appuie"]
    assert page.select_one('input[name="save"]')["value"] == "Enregistrer l’affirmation"


def test_the_same_form_is_english_again_for_an_english_reader(editor_client):
    assert label(soup(editor_client.get(NEW, headers=FRENCH)), "statement") == "Énoncé"
    page = soup(editor_client.get(NEW))
    assert label(page, "statement") == "Statement"
    assert page.select_one('input[name="save"]')["value"] == "Save claim"


def test_refused_claim_form_says_why_in_french(seeded_app, editor_client):
    data = claim_data(source_id(seeded_app), submission="")
    page = soup(editor_client.post(NEW, data=data, headers=FRENCH), 422)
    summary = page.select_one(".error-summary, [role=alert]").get_text(" ", strip=True)
    assert "Ce formulaire est incomplet ou périmé" in summary


def test_choosing_a_listed_speaker_and_naming_one_is_refused_in_french(seeded_app, editor_client):
    entity = soup(editor_client.get(NEW)).select("#speaker option")[1]["value"]
    data = claim_data(
        source_id(seeded_app), attribution="public", speaker=entity, speaker_name="Someone"
    )
    page = soup(editor_client.post(NEW, data=data, headers=FRENCH), 422)
    assert field_error(page, "speaker_name").startswith(
        "Vous avez choisi qui parle dans la liste\u00a0:"
    )


def test_sign_in_form_refuses_in_french(client):
    page = soup(client.post("/login", data={"username": "", "password": ""}, headers=FRENCH), 422)
    assert field_error(page, "username") == "Saisissez votre nom."
    assert field_error(page, "password") == "Saisissez votre mot de passe."


def test_wtforms_own_messages_are_french(seeded_app):
    class Count(SpeakingForm):
        count = IntegerField()

    with seeded_app.test_request_context(method="POST"), i18n.speaking("fr"):
        form = Count(formdata=MultiDict({"count": "many"}))
        assert not form.validate()
        assert form.count.errors == ["N'est pas un entier valide."]
        assert form.count.gettext("This field is required.") == "Ce champ est requis."
    with seeded_app.test_request_context(method="POST"), i18n.speaking("en"):
        form = Count(formdata=MultiDict({"count": "many"}))
        assert not form.validate()
        assert form.count.errors == ["Not a valid integer value."]


def test_lazy_labels_join_and_compare_as_text(seeded_app):
    with seeded_app.test_request_context(), i18n.speaking("fr"):
        form = LoginForm(formdata=None)
        assert form.username.label.text == "Nom"
        assert "Champ « " + form.username.label.text + " »" == "Champ « Nom »"
        assert f"{form.submit.label.text}" == "Se connecter"
        assert 'for="username">Nom</label>' in str(form.username.label)


def test_flash_after_saving_a_claim_is_french(seeded_app, editor_client):
    data = claim_data(source_id(seeded_app))
    response = editor_client.post(NEW, data=data, headers=FRENCH, follow_redirects=True)
    notices = [notice.get_text(strip=True) for notice in soup(response).select(".notice")]
    assert any(
        notice.startswith("Affirmation ") and notice.endswith(" ajoutée.") for notice in notices
    ), notices


def test_missing_claim_page_says_so_in_french(client):
    page = soup(client.get("/claims/999999", headers=FRENCH), 404)
    assert "Il n’y a pas d’affirmation 999999." in page.get_text()


@pytest.fixture
def csrf_app(tmp_path, seeded_template):
    return build_app(tmp_path, seeded_template, WTF_CSRF_ENABLED=True)


def test_csrf_refusal_is_french(csrf_app):
    response = csrf_app.test_client().post("/login", data={"username": "x"}, headers=FRENCH)
    assert "Le jeton CSRF manque." in soup(response, 400).get_text()


def test_csrf_refusal_stays_english_for_english_readers(csrf_app):
    response = csrf_app.test_client().post("/login", data={"username": "x"})
    assert "The CSRF token is missing." in soup(response, 400).get_text()


def test_unknown_address_page_is_french(client):
    page = soup(client.get("/no-such-page", headers=FRENCH), 404)
    assert "L’adresse demandée n’existe pas sur ce serveur." in page.get_text()
    english = soup(client.get("/no-such-page"), 404)
    assert "The requested URL was not found on the server." in english.get_text()


@pytest.mark.parametrize("code", [400, 403, 404, 405, 409, 429])
def test_werkzeug_descriptions_are_kept_word_for_word(code):
    assert default_exceptions[code].description in WERKZEUG_DESCRIPTIONS


def test_a_form_checking_its_own_csrf_token_refuses_in_french(tmp_path, seeded_template):
    app = build_app(tmp_path, seeded_template, WTF_CSRF_ENABLED=True, WTF_CSRF_CHECK_DEFAULT=False)
    response = app.test_client().post("/login", data={"username": "x"}, headers=FRENCH)
    assert "Le jeton CSRF manque." in soup(response, 422).get_text()
