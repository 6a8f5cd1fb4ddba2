"""An entity page's validators come from what readers may see (issue #18): a write to a private
dossier must not move its ETag or Last-Modified (that would tell anyone when a private dossier
was written), while a dossier leaving the public list must change the page."""

from __future__ import annotations

from sqlalchemy import select

from db import get_session
from models import Dossier
from models.vocabulary import Visibility
from tests.factories import make_claim, make_dossier

ENTITY = "/entities/sam-altman"


def _validators(client) -> tuple[str, str]:
    response = client.get(ENTITY)
    assert response.status_code == 200
    return response.headers["ETag"], response.headers["Last-Modified"]


def test_a_write_to_a_private_dossier_leaves_entity_pages_as_they_were(seeded_app, client):
    with seeded_app.app_context():
        session = get_session()
        make_dossier(session, "private-notes", visibility=Visibility.PRIVATE)
        session.commit()
    before = _validators(client)
    with seeded_app.app_context():
        session = get_session()
        private = session.scalar(select(Dossier).where(Dossier.slug == "private-notes"))
        make_claim(session, private, statement="A private line naming nobody public.")
        session.commit()
    assert _validators(client) == before


def test_a_dossier_leaving_the_public_list_changes_entity_pages(seeded_app, client):
    before, _ = _validators(client)
    assert "Altman" in client.get(ENTITY).get_data(as_text=True)
    with seeded_app.app_context():
        session = get_session()
        dossier = session.scalar(select(Dossier).where(Dossier.slug == "openai-chips"))
        dossier.visibility = Visibility.PRIVATE
        session.commit()
    response = client.get(ENTITY, headers={"If-None-Match": before})
    assert response.status_code != 304
    assert response.headers.get("ETag") != before
