"""People entered only in a private dossier are as private as the dossier (issue #18, 2).

An entity is shown to a reader who is not signed in only when a live claim of a listed
dossier names it (speaker, relay, a name mentioned); otherwise every surface answers as if it
did not exist. The surfaces are listed in `SURFACES`.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from db import get_session
from models import Dossier, Entity
from models.vocabulary import Attribution, EntityKind, Visibility
from tests.factories import delete, make_claim, make_dossier
from tests.helpers import bearer

# Each hidden entity: (slug, name, description, alias), and how a claim names it.
HIDDEN = {
    "speaker": ("quillon-varga", "Quillon Varga", "Whistleblower at a fab", "Q. Varga"),
    "relay": ("marisol-ekwueme", "Marisol Ekwueme", "Board member who passed it on", "M. E."),
    "mention": ("ostrava-foundry", "Ostrava Foundry", "Secret partner plant", "OstraFab"),
    "deleted": ("pellucid-labs", "Pellucid Labs", "Named by a claim since deleted", "PLabs"),
}
SECRET_WORDS = [word for fields in HIDDEN.values() for word in fields]


def SURFACES(slug: str, name: str, alias: str) -> list[str]:
    """Every address an entity's name, description or aliases could reach a reader by."""
    return [
        f"/entities/{slug}",
        f"/api/v1/entities/{slug}",
        f"/api/v1/entities?q={name.split()[0]}",
        f"/api/v1/entities?q={alias}",
        f"/api/v1/entities?q={slug}",
        "/api/v1/entities?per_page=200",
        "/changes.atom",
        "/",
        "/dossiers/openai-chips/",
        f"/dossiers/openai-chips/?q={name.split()[0]}",
        "/api/v1/claims?dossier=openai-chips&per_page=200",
        "/dossiers/openai-chips/claims.json",
        "/dossiers/openai-chips/feed.atom",
        "/entities/",
        "/dossiers/openai-chips/entities/",
        "/api/v1/index/entities",
        "/api/v1/index/entities?dossier=openai-chips",
    ]


@pytest.fixture
def hidden_people(seeded_app):
    """Entities named only by a private dossier's claims, and one only by a deleted claim of
    the public dossier."""
    with seeded_app.app_context():
        session = get_session()
        made = {}
        for role, (slug, name, description, alias) in HIDDEN.items():
            made[role] = Entity(
                slug=slug,
                name=name,
                kind=EntityKind.PERSON,
                description=description,
                aliases=[alias],
            )
            session.add(made[role])
        session.flush()
        private = make_dossier(session, "secret-story", visibility=Visibility.PRIVATE)
        make_claim(
            session,
            private,
            statement="A private remark about a new fab.",
            attribution=Attribution.PRIVATE,
            speaker=made["speaker"],
            relayed_by=made["relay"],
            entities=[made["mention"]],
        )
        openai = session.scalar(select(Dossier).where(Dossier.slug == "openai-chips"))
        gone = make_claim(session, openai, statement="Soon deleted.", entities=[made["deleted"]])
        delete(session, gone)
        session.commit()


@pytest.mark.parametrize("role", sorted(HIDDEN))
def test_an_entity_named_only_in_private_is_absent_for_readers(client, hidden_people, role):
    slug, name, description, alias = HIDDEN[role]
    for path in SURFACES(slug, name, alias):
        response = client.get(path)
        assert response.status_code in (200, 401, 404), path
        body = response.get_data(as_text=True)
        # A 404 echoes the address asked for, so the slug counts only where it was not typed.
        for secret in (name, description, alias, *([slug] if slug not in path else [])):
            assert secret not in body, (path, secret)
    assert client.get(f"/entities/{slug}").status_code == 404
    assert client.get(f"/api/v1/entities/{slug}").status_code == 404
    assert client.get(f"/api/v1/entities?q={name.split()[0]}").get_json()["total"] == 0


def test_the_entity_count_does_not_grow_with_private_people(seeded_app, client):
    before = client.get("/api/v1/entities?per_page=200").get_json()["total"]
    with seeded_app.app_context():
        session = get_session()
        session.add(Entity(slug="nobody-public", name="Nobody Public", kind=EntityKind.PERSON))
        session.commit()
    assert client.get("/api/v1/entities?per_page=200").get_json()["total"] == before


def test_public_entity_pages_keep_their_etag_when_a_private_person_is_edited(
    seeded_app, client, hidden_people
):
    etag = client.get("/entities/tsmc").headers["ETag"]
    with seeded_app.app_context():
        session = get_session()
        person = session.scalar(select(Entity).where(Entity.slug == "quillon-varga"))
        person.description = "Edited in private"
        session.commit()
    assert client.get("/entities/tsmc").headers["ETag"] == etag


def test_entities_named_in_public_stay_visible(client, hidden_people):
    assert client.get("/entities/tsmc").status_code == 200
    assert client.get("/api/v1/entities/tsmc").status_code == 200
    slugs = [item["slug"] for item in client.get("/api/v1/entities?q=tsmc").get_json()["items"]]
    assert "tsmc" in slugs


def test_editors_and_token_holders_see_every_entity(
    seeded_app, editor_client, read_token, hidden_people
):
    client = seeded_app.test_client()
    for slug, name, _, _ in HIDDEN.values():
        assert editor_client.get(f"/entities/{slug}").status_code == 200
        found = client.get(f"/api/v1/entities/{slug}", headers=bearer(read_token))
        assert found.status_code == 200 and found.get_json()["name"] == name


def test_an_organisation_is_shown_through_a_member_who_speaks_in_public(seeded_app, client):
    """The entity page counts a member's words as the organisation's own (member_of), so an
    organisation whose member speaks in a listed dossier is shown; one whose member speaks only
    in a private dossier stays hidden."""
    with seeded_app.app_context():
        session = get_session()
        spoken = Entity(slug="halvard-works", name="Halvard Works", kind=EntityKind.ORGANISATION)
        hushed = Entity(slug="corvin-systems", name="Corvin Systems", kind=EntityKind.ORGANISATION)
        session.add_all([spoken, hushed])
        session.flush()
        speaker = Entity(
            slug="ines-halvard", name="Ines Halvard", kind=EntityKind.PERSON, member_of=spoken
        )
        whisperer = Entity(
            slug="teodor-corvin", name="Teodor Corvin", kind=EntityKind.PERSON, member_of=hushed
        )
        session.add_all([speaker, whisperer])
        session.flush()
        openai = session.scalar(select(Dossier).where(Dossier.slug == "openai-chips"))
        make_claim(session, openai, statement="Said on stage.", speaker=speaker)
        private = make_dossier(session, "closed-story", visibility=Visibility.PRIVATE)
        make_claim(session, private, statement="Said behind doors.", speaker=whisperer)
        session.commit()
    assert client.get("/entities/halvard-works").status_code == 200
    assert client.get("/entities/corvin-systems").status_code == 404
    assert client.get("/api/v1/entities?q=Corvin").get_json()["total"] == 0
