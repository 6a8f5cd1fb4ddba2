"""An earlier version of a claim, edited to take a name out, never reaches an anonymous
reader (issue #18, finding 3).

A public claim naming a person in its statement, quote, notes and speaker description is read
on every surface first (so every cache holds it), then edited to remove the name. Every
surface in `SURFACES` is then read as an anonymous reader, and with the ETag it was given
before the edit. Histories and the site's change feed keep the earlier version, for editors
and token holders only.
"""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from tests.editing_helpers import source_id
from tests.helpers import bearer

NAME = "Brannoch Teague"
SLUG = "openai-chips"


def SURFACES(claim_id: int) -> list[str]:
    """Every address the claim, or its earlier version, could be read at."""
    return [
        f"/claims/{claim_id}",
        f"/claims/{claim_id}/history",
        f"/api/v1/claims/{claim_id}",
        f"/api/v1/claims/{claim_id}/history",
        "/changes.atom",
        f"/dossiers/{SLUG}/",
        f"/dossiers/{SLUG}/?q=brannoch",
        f"/dossiers/{SLUG}/?entity=sam-altman",
        f"/dossiers/{SLUG}/changes",
        f"/dossiers/{SLUG}/history",
        f"/dossiers/{SLUG}/claims.csv",
        f"/dossiers/{SLUG}/claims.json",
        f"/dossiers/{SLUG}/timelinejs.json",
        f"/dossiers/{SLUG}/feed.atom",
        f"/dossiers/{SLUG}/print",
        f"/dossiers/{SLUG}/dossier.pdf",
        f"/api/v1/claims?dossier={SLUG}&per_page=200",
        f"/api/v1/claims?dossier={SLUG}&q=brannoch",
        "/entities/sam-altman",
        "/api/v1/entities?q=brannoch",
    ]


# Searches ask in lower case: a page echoes its query, and the name as written must not show.
LEAKS = ("Brannoch", "Teague")


def leaks(response) -> list[str]:
    text = text_of(response)
    return [word for word in LEAKS if word in text]


def text_of(response) -> str:
    if response.mimetype == "application/pdf":
        reader = PdfReader(io.BytesIO(response.data))
        return "\n".join(page.extract_text() for page in reader.pages)
    return response.get_data(as_text=True)


@pytest.fixture
def redacted(seeded_app, client, write_token):
    """A claim naming NAME, read everywhere once, then edited to remove it. Returns its id
    and the ETags its surfaces had before the edit."""
    headers = bearer(write_token)
    body = {
        "dossier": SLUG,
        "statement": f"{NAME} says the fab plan is slipping.",
        "quote": f"I am {NAME} and it is slipping",
        "notes": f"Met {NAME} twice.",
        "attribution": "insider",
        "speaker_description": f"{NAME}, a fab engineer",
        "source": source_id(seeded_app),
        "stated_date": "June 2024",
        "confidence": 60,
        "entities": ["sam-altman"],
    }
    created = client.post("/api/v1/claims", json=body, headers=headers)
    assert created.status_code == 201, created.get_json()
    claim = created.get_json()
    etags = {}
    for path in SURFACES(claim["id"]):
        if path.endswith(".pdf"):  # kept nowhere, and slow: read after the edit only
            continue
        response = client.get(path)
        etags[path] = response.headers.get("ETag")
    edit = {
        "version": claim["version"],
        "statement": "A source says the fab plan is slipping.",
        "quote": "",
        "notes": "Met the source twice.",
        "speaker_description": "a fab engineer",
    }
    edited = client.patch(f"/api/v1/claims/{claim['id']}", json=edit, headers=headers)
    assert edited.status_code == 200, edited.get_json()
    return claim["id"], etags


def test_no_surface_shows_the_removed_name_to_an_anonymous_reader(client, redacted):
    claim_id, _ = redacted
    for path in SURFACES(claim_id):
        response = client.get(path)
        assert response.status_code < 500, path
        assert leaks(response) == [], path


def test_an_etag_from_before_the_edit_gets_the_new_version(client, redacted):
    claim_id, etags = redacted
    for path, etag in etags.items():
        if etag is None:
            continue
        response = client.get(path, headers={"If-None-Match": etag})
        assert response.status_code == 200, path
        assert leaks(response) == [], path


def test_histories_keep_the_earlier_version_for_token_holders_only(client, redacted, read_token):
    claim_id, _ = redacted
    assert client.get(f"/api/v1/claims/{claim_id}/history").status_code == 401
    assert client.get("/changes.atom").status_code == 401
    kept = client.get(f"/api/v1/claims/{claim_id}/history", headers=bearer(read_token))
    assert kept.status_code == 200 and "Brannoch" in kept.get_data(as_text=True)
