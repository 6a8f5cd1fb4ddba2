"""Starting, editing, archiving and restoring dossiers from the interface, and their history.

That every dossier route needs a signed-in editor and a CSRF token is in tests/test_auth.py."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from db import get_session
from models import Dossier, Revision
from models.vocabulary import Role
from tests.accounts import add_account, sign_in
from tests.editing_helpers import claim_data, field_error, form_values, source_id, token
from tests.helpers import soup


@pytest.fixture
def admin_client(seeded_app):
    """A test client signed in as an admin."""
    add_account(seeded_app, "chief", Role.ADMIN)
    client = seeded_app.test_client()
    assert sign_in(client, "chief").status_code == 302
    return client


def _new(client, **fields):
    data = {"title": "Nvidia and the export rules", "submission": token(), **fields}
    return client.post("/dossiers/new", data=data)


def _dossier(app, slug: str) -> Dossier | None:
    with app.app_context():
        return get_session().scalar(select(Dossier).where(Dossier.slug == slug))


def _count_dossiers(app) -> int:
    with app.app_context():
        return get_session().scalar(select(func.count(Dossier.id)))


def _edit_values(client, slug: str) -> dict:
    return form_values(soup(client.get(f"/dossiers/{slug}/edit")).select_one("form.stacked-form"))


def _home_titles(client) -> list[str]:
    return [a.get_text(strip=True) for a in soup(client.get("/")).select(".dossier-item h2 a")]


def _archive(client, slug: str, button: str = "archive"):
    page = soup(client.get(f"/dossiers/{slug}/edit"))
    values = form_values(page.select_one(f'form[action="/dossiers/{slug}/archive"]'))
    return client.post(f"/dossiers/{slug}/archive", data={**values, button: "x"})


def test_home_page_offers_a_new_dossier_to_editors_only(client, editor_client):
    assert soup(editor_client.get("/")).find("a", string="New dossier")["href"] == "/dossiers/new"
    assert soup(client.get("/")).find("a", string="New dossier") is None


def test_a_new_dossier_appears_on_the_home_page_with_an_empty_timeline(client, editor_client):
    response = _new(
        editor_client,
        slug="nvidia-exports",
        subject="Chips, China and the rules",
        summary="What *Nvidia* may sell.",
    )
    assert response.status_code == 302 and response.location == "/dossiers/nvidia-exports/"
    assert "Nvidia and the export rules" in _home_titles(client)
    page = soup(client.get("/dossiers/nvidia-exports/"))
    assert page.h1.get_text(strip=True) == "Nvidia and the export rules"
    assert page.select("article.claim") == []


def test_an_empty_slug_is_made_from_the_title(seeded_app, editor_client):
    response = _new(editor_client, title="L'Élysée et les puces : l'enquête")
    assert response.location == "/dossiers/l-elysee-et-les-puces-l-enquete/"


def test_a_suggested_slug_avoids_one_already_taken(seeded_app, editor_client):
    _new(editor_client, title="OpenAI chips")
    assert _dossier(seeded_app, "openai-chips-2").title == "OpenAI chips"


def test_a_slug_already_taken_is_refused_with_a_suggestion(seeded_app, editor_client):
    before = _count_dossiers(seeded_app)
    page = soup(_new(editor_client, slug="openai-chips"), status=422)
    assert field_error(page, "slug") == (
        '"openai-chips" is already the address of another dossier; '
        'choose another, such as "openai-chips-2".'
    )
    assert _count_dossiers(seeded_app) == before


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"title": ""}, "title", "Enter the title"),
        ({"slug": "Not A Slug!"}, "slug", "cannot be an address"),
        ({"title": "x" * 301}, "title", "the limit is 300"),
    ],
)
def test_a_refused_form_writes_nothing(seeded_app, editor_client, fields, field, words):
    before = _count_dossiers(seeded_app)
    with seeded_app.app_context():
        revisions_before = get_session().scalar(select(func.count(Revision.id)))
    page = soup(_new(editor_client, **fields), status=422)
    assert words in field_error(page, field)
    assert _count_dossiers(seeded_app) == before
    with seeded_app.app_context():
        assert get_session().scalar(select(func.count(Revision.id))) == revisions_before


def test_the_slug_is_locked_after_the_first_claim(seeded_app, editor_client):
    _new(editor_client, slug="fresh")
    values = _edit_values(editor_client, "fresh")
    response = editor_client.post(
        "/dossiers/fresh/edit", data={**values, "slug": "renamed", "submission": token()}
    )
    assert response.location == "/dossiers/renamed/"
    source = editor_client.post(
        "/sources/new?dossier=renamed",
        data={"title": "A report", "kind": "report", "submission": token()},
    )
    source_id = int(source.location.rsplit("/", 1)[1])
    claim = editor_client.post("/claims/new?dossier=renamed", data=claim_data(source_id))
    assert claim.status_code == 302
    page = soup(editor_client.get("/dossiers/renamed/edit"))
    slug = page.find(id="slug")
    assert slug.has_attr("readonly")
    assert "cannot change any more" in page.find(id="slug-hint").get_text()
    values = _edit_values(editor_client, "renamed")
    refused = editor_client.post(
        "/dossiers/renamed/edit", data={**values, "slug": "again", "submission": token()}
    )
    assert "cannot change any more" in field_error(soup(refused, status=422), "slug")
    assert _dossier(seeded_app, "again") is None


def test_an_editor_cannot_change_who_may_read_it(seeded_app, editor_client):
    page = soup(editor_client.get("/dossiers/openai-chips/edit"))
    assert all(radio.has_attr("disabled") for radio in page.select('input[name="visibility"]'))
    assert "Only an admin" in page.find(id="visibility").get_text()
    values = _edit_values(editor_client, "openai-chips")
    response = editor_client.post(
        "/dossiers/openai-chips/edit",
        data={**values, "visibility": "private", "title": "Renamed", "submission": token()},
    )
    assert "Only an admin" in field_error(soup(response, status=422), "visibility")
    dossier = _dossier(seeded_app, "openai-chips")
    assert dossier.visibility.value == "public" and dossier.title != "Renamed"


def test_an_admin_can_make_a_dossier_private(seeded_app, client, admin_client):
    values = _edit_values(admin_client, "openai-chips")
    response = admin_client.post(
        "/dossiers/openai-chips/edit",
        data={**values, "visibility": "private", "submission": token()},
    )
    assert response.status_code == 302
    assert _dossier(seeded_app, "openai-chips").visibility.value == "private"
    assert client.get("/dossiers/openai-chips/").status_code == 404


def test_a_stale_edit_is_refused_and_shows_the_current_values(seeded_app, editor_client):
    stale = _edit_values(editor_client, "openai-chips")
    first = editor_client.post(
        "/dossiers/openai-chips/edit",
        data={**stale, "subject": "First edit", "submission": token()},
    )
    assert first.status_code == 302
    response = editor_client.post(
        "/dossiers/openai-chips/edit",
        data={**stale, "subject": "Second edit", "submission": token()},
    )
    page = soup(response, status=409)
    assert "Someone else saved this dossier" in page.get_text()
    [row] = page.select("table.conflict-table tbody tr")
    assert row.select_one("td.theirs").get_text() == "First edit"
    assert row.select_one("td.mine").get_text() == "Second edit"
    assert _dossier(seeded_app, "openai-chips").subject == "First edit"


def test_a_stale_edit_of_other_fields_keeps_the_first_editors_change(seeded_app, editor_client):
    """Three-way: the second editor never touched the subject, so the form comes back holding
    the first editor's subject, and saving it keeps both changes."""
    stale = _edit_values(editor_client, "openai-chips")
    first = editor_client.post(
        "/dossiers/openai-chips/edit",
        data={**stale, "subject": "First edit", "submission": token()},
    )
    assert first.status_code == 302
    response = editor_client.post(
        "/dossiers/openai-chips/edit",
        data={**stale, "title": "A second title", "submission": token()},
    )
    page = soup(response, status=409)
    assert page.select("table.conflict-table") == []
    assert page.find(id="subject")["value"] == "First edit"
    assert page.find(id="title")["value"] == "A second title"
    saved = editor_client.post(
        "/dossiers/openai-chips/edit", data=form_values(page.select_one("form.stacked-form"))
    )
    assert saved.status_code == 302
    dossier = _dossier(seeded_app, "openai-chips")
    assert (dossier.subject, dossier.title) == ("First edit", "A second title")


def test_a_new_claim_does_not_make_the_dossier_form_stale(seeded_app, editor_client):
    values = _edit_values(editor_client, "openai-chips")
    claim = editor_client.post(
        "/claims/new?dossier=openai-chips", data=claim_data(source_id(seeded_app))
    )
    assert claim.status_code == 302
    response = editor_client.post(
        "/dossiers/openai-chips/edit",
        data={**values, "subject": "Still mine", "submission": token()},
    )
    assert response.status_code == 302
    assert _dossier(seeded_app, "openai-chips").subject == "Still mine"


def test_an_editor_cannot_archive(editor_client):
    page = soup(editor_client.get("/dossiers/openai-chips/edit"))
    assert page.select('form[action="/dossiers/openai-chips/archive"]') == []
    assert "Only an admin can archive" in page.get_text()


def test_archiving_hides_the_dossier_from_readers_and_restoring_brings_it_back(
    seeded_app, client, editor_client, admin_client, read_token
):
    title = _dossier(seeded_app, "openai-chips").title
    assert _archive(admin_client, "openai-chips").status_code == 302
    assert title not in _home_titles(client)
    assert client.get("/dossiers/openai-chips/").status_code == 404
    assert client.get("/api/v1/dossiers/openai-chips").status_code == 404
    listed = client.get("/api/v1/dossiers").get_json()["items"]
    assert "openai-chips" not in [item["slug"] for item in listed]
    # Editors still see it, told it is archived, with the way back.
    editor_page = soup(editor_client.get("/dossiers/openai-chips/"))
    assert "This dossier is archived" in editor_page.get_text()
    home = soup(editor_client.get("/"))
    assert home.select_one(".dossier-archived a").get_text(strip=True) == title

    assert _archive(admin_client, "openai-chips", "restore").status_code == 302
    assert title in _home_titles(client)
    assert client.get("/dossiers/openai-chips/").status_code == 200


def test_archiving_hides_the_dossiers_claims_from_entity_pages(client, admin_client):
    def facts_and_claims(reader):
        page = soup(reader.get("/entities/openai"))
        return page.select_one(".dossier-facts").get_text(" ", strip=True), page.select(
            "article.claim"
        )

    facts, claims = facts_and_claims(client)
    assert claims and not facts.startswith("0 claims")
    _archive(admin_client, "openai-chips")
    facts, claims = facts_and_claims(admin_client)
    assert claims == [] and facts.startswith("0 claims")
    # Named by no listed dossier any more, the entity is gone for readers (issue #18).
    assert client.get("/entities/openai").status_code == 404


def test_every_change_is_listed_in_the_dossiers_history(seeded_app, editor_client, admin_client):
    _new(editor_client, slug="tracked", subject="First")
    values = _edit_values(editor_client, "tracked")
    editor_client.post(
        "/dossiers/tracked/edit", data={**values, "subject": "Second", "submission": token()}
    )
    _archive(admin_client, "tracked")
    _archive(admin_client, "tracked", "restore")
    page = soup(editor_client.get("/dossiers/tracked/history"))
    headings = [h2.get_text(strip=True) for h2 in page.select(".revisions h2")]
    assert headings == [
        "Version 4: restored",
        "Version 3: archived",
        "Version 2: edited",
        "Version 1: created",
    ]
    assert "Second" in page.select(".revisions table")[2].get_text()
    changes = soup(editor_client.get("/dossiers/tracked/changes"))
    assert "Nvidia and the export rules" in changes.select_one(".changes").get_text()
