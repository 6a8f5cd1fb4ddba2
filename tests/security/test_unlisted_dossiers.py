"""An unlisted dossier is read only through its share link (issue #18, finding 4).

Its slug and its items' ids can be guessed by counting, so every item of it (timeline, claim,
source, exports, print, API) needs its access key: kept in the session by `/d/<key>`, or sent
to the API as `?key=`. The tests enumerate ids the way an attacker would.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from db import get_session
from models import Claim, Dossier, Source
from models.vocabulary import Role, Visibility
from tests.accounts import add_account, sign_in
from tests.editing_helpers import form_values, token
from tests.factories import make_claim, make_dossier
from tests.helpers import soup

SECRET = "Unlisted: the quarrynook fab slips to 2027"
SLUG = "quiet-story"


@pytest.fixture
def unlisted(seeded_app):
    """An unlisted dossier with two claims; returns its key, claim and source ids."""
    with seeded_app.app_context():
        session = get_session()
        dossier = make_dossier(session, SLUG, visibility=Visibility.UNLISTED, title=SECRET)
        claims = [make_claim(session, dossier, statement=f"{SECRET} ({n})") for n in (1, 2)]
        source = session.scalar(select(Source).where(Source.dossier_id == dossier.id))
        source.title = SECRET
        session.commit()
        return {
            "key": dossier.access_key,
            "claims": [claim.id for claim in claims],
            "source": source.id,
        }


def by_slug() -> list[str]:
    """Every surface that names the dossier by its slug."""
    base = f"/dossiers/{SLUG}"
    return [
        f"{base}/",
        f"{base}/claims.csv",
        f"{base}/claims.json",
        f"{base}/timelinejs.json",
        f"{base}/feed.atom",
        f"{base}/print",
        f"{base}/dossier.pdf",
        f"/api/v1/dossiers/{SLUG}",
        f"/api/v1/claims?dossier={SLUG}",
        f"/api/v1/sources?dossier={SLUG}",
    ]


def by_id(app) -> list[str]:
    """Every claim and source address up to a few past the highest id: what counting finds."""
    with app.app_context():
        session = get_session()
        last_claim = session.scalar(select(func.max(Claim.id)))
        last_source = session.scalar(select(func.max(Source.id)))
    paths = []
    for number in range(1, last_claim + 4):
        paths += [f"/claims/{number}", f"/api/v1/claims/{number}"]
    for number in range(1, last_source + 4):
        paths += [f"/sources/{number}", f"/sources/{number}/text", f"/api/v1/sources/{number}"]
    return paths


def assert_hidden(client, paths: list[str]) -> None:
    for path in paths:
        response = client.get(path)
        assert response.status_code in (200, 404), path
        body = response.get_data(as_text=True)
        assert "quarrynook" not in body, path
        assert SLUG not in body or SLUG in path, path


def test_counting_ids_finds_nothing_of_an_unlisted_dossier(seeded_app, client, unlisted):
    assert_hidden(client, by_id(seeded_app))
    for claim_id in unlisted["claims"]:
        assert client.get(f"/claims/{claim_id}").status_code == 404
        assert client.get(f"/api/v1/claims/{claim_id}").status_code == 404
    assert client.get(f"/sources/{unlisted['source']}").status_code == 404


def test_the_slug_alone_opens_nothing(client, unlisted):
    assert_hidden(client, by_slug())
    for path in by_slug():
        assert client.get(path).status_code == 404, path


def test_the_share_link_opens_the_dossier_and_every_item_of_it(client, unlisted):
    opened = client.get(f"/d/{unlisted['key']}")
    assert opened.status_code == 302 and opened.headers["Location"].endswith(f"/dossiers/{SLUG}/")
    for path in [p for p in by_slug() if not p.startswith("/api/") and "pdf" not in p]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert "quarrynook" in response.get_data(as_text=True), path
    for claim_id in unlisted["claims"]:
        assert "quarrynook" in client.get(f"/claims/{claim_id}").get_data(as_text=True)
    assert "quarrynook" in client.get(f"/sources/{unlisted['source']}").get_data(as_text=True)


def test_the_api_takes_the_key_as_an_argument(client, unlisted):
    key = unlisted["key"]
    assert client.get(f"/api/v1/dossiers/{SLUG}?key={key}").status_code == 200
    claim_id = unlisted["claims"][0]
    assert client.get(f"/api/v1/claims/{claim_id}?key={key}").get_json()["dossier"] == SLUG
    assert client.get(f"/api/v1/sources/{unlisted['source']}?key={key}").status_code == 200
    first = client.get(f"/api/v1/claims?dossier={SLUG}&per_page=1&key={key}").get_json()
    assert first["total"] == 2 and f"key={key}" in first["next"]
    second = client.get(first["next"]).get_json()
    assert [item["id"] for item in first["items"] + second["items"]] == unlisted["claims"]
    # The key of one dossier opens no other, and a wrong key opens nothing.
    assert client.get(f"/api/v1/claims/{claim_id}?key={key[:-1]}x").status_code == 404
    assert client.get(f"/d/{key[:-1]}x").status_code == 404


def test_the_share_link_is_for_unlisted_dossiers_only(seeded_app, client, unlisted):
    with seeded_app.app_context():
        session = get_session()
        dossier = session.scalar(select(Dossier).where(Dossier.slug == SLUG))
        dossier.visibility = Visibility.PRIVATE
        session.commit()
    assert client.get(f"/d/{unlisted['key']}").status_code == 404
    assert client.get(f"/api/v1/dossiers/{SLUG}?key={unlisted['key']}").status_code == 404


def test_an_admin_retires_a_link_by_making_the_dossier_private_then_unlisted(
    seeded_app, client, unlisted
):
    add_account(seeded_app, "chief", Role.ADMIN)
    admin = seeded_app.test_client()
    assert sign_in(admin, "chief").status_code == 302
    page = soup(admin.get(f"/dossiers/{SLUG}/edit"))
    assert f"/d/{unlisted['key']}" in page.select_one(".share-link").get_text()
    for visibility in ("private", "unlisted"):
        values = form_values(
            soup(admin.get(f"/dossiers/{SLUG}/edit")).select_one("form.stacked-form")
        )
        response = admin.post(
            f"/dossiers/{SLUG}/edit",
            data={**values, "visibility": visibility, "submission": token()},
        )
        assert response.status_code == 302
    with seeded_app.app_context():
        new_key = get_session().scalar(select(Dossier.access_key).where(Dossier.slug == SLUG))
    assert new_key != unlisted["key"]
    assert client.get(f"/d/{unlisted['key']}").status_code == 404
    assert client.get(f"/d/{new_key}").status_code == 302
    assert client.get(f"/dossiers/{SLUG}/").status_code == 200
