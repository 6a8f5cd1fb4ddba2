"""What is deleted is gone from every public surface (issue #14 §2).

Three claims, each carrying a word found nowhere else, are created, related to seeded claims
(in both directions), read once by an anonymous reader so every cache holds them, then deleted.
Each surface below is then read as an anonymous reader (the word must be absent) and, where an
editor should still see it, as an editor. The crawl at the end follows every link of the seeded
dossier's public pages, so a surface added later without its own line here is still covered.
"""

from __future__ import annotations

import io
from collections import deque
from urllib.parse import urldefrag, urlsplit

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from db import get_session
from tests.conftest import claim_by_key
from tests.editing_helpers import source_id

WORDS = ("zorblaxian", "quendarite", "mervolith")
RELATED_KEY = "tsmc-ceo-plan-too-aggressive"
SLUG = "openai-chips"


@pytest.fixture
def deleted(seeded_app, client, write_token):
    """Create three claims with unique words, relate them, warm the caches, delete them."""
    headers = {"Authorization": f"Bearer {write_token}"}
    with seeded_app.app_context():
        related_id = claim_by_key(get_session(), RELATED_KEY).id
    article = source_id(seeded_app)
    ids = []
    for number, word in enumerate(WORDS):
        body = {
            "dossier": SLUG,
            "statement": f"Sam Altman said {word} would change everything.",
            "quote": f"{word} quote",
            "notes": f"A note about {word}.",
            "attribution": "public",
            "source": article,
            "stated_date": "June 2024",
            "event_date": "2024-06-0" + str(number + 1),
            "confidence": 60,
            "tags": [f"probe-tag-{number}"],
            "entities": ["sam-altman"],
            "speaker": "sam-altman",
            "relations": [{"type": "contradicts", "claim_id": related_id}] if number != 1 else [],
        }
        response = client.post("/api/v1/claims", json=body, headers=headers)
        assert response.status_code == 201, response.get_json()
        ids.append(response.get_json()["id"])
    # The middle claim is related *to* by a live claim, not from it.
    related = client.get(f"/api/v1/claims/{related_id}", headers=headers).get_json()
    patch = {
        "version": related["version"],
        "relations": [
            *({"type": r["type"], "claim_id": r["claim_id"]} for r in related["relations"]),
            {"type": "supports", "claim_id": ids[1]},
        ],
    }
    response = client.patch(f"/api/v1/claims/{related_id}", json=patch, headers=headers)
    assert response.status_code == 200, response.get_json()

    warm = [*PUBLIC_PAGES, *(f"/claims/{i}" for i in ids)]
    for url in warm:
        client.get(url.format(related=related_id, first=ids[0], article=article))
    for claim_id in ids:
        url = f"/api/v1/claims/{claim_id}"
        version = client.get(url, headers=headers).get_json()["version"]
        assert client.delete(f"{url}?version={version}", headers=headers).status_code == 204
    return {"ids": ids, "related": related_id}


# Every surface a reader can reach; {related} is a live claim that was related to the deleted
# ones, {first} the first deleted claim.
PUBLIC_PAGES = [
    "/",
    f"/dossiers/{SLUG}/",
    f"/dossiers/{SLUG}/?order=stated",
    f"/dossiers/{SLUG}/?q=change+everything",
    f"/dossiers/{SLUG}/?tag=probe-tag-0",
    f"/dossiers/{SLUG}/?entity=sam-altman",
    f"/dossiers/{SLUG}/?from=2024&to=2024",
    "/claims/{related}",
    "/entities/sam-altman",
    "/sources/{article}",
    "/sources/{article}/text",
    f"/dossiers/{SLUG}/print",
    f"/dossiers/{SLUG}/claims.csv",
    f"/dossiers/{SLUG}/claims.json",
    f"/dossiers/{SLUG}/timelinejs.json",
    f"/dossiers/{SLUG}/feed.atom",
    "/changes.atom",
    f"/api/v1/claims?dossier={SLUG}",
    f"/api/v1/claims?dossier={SLUG}&q=change+everything",
    f"/api/v1/dossiers/{SLUG}",
    "/api/v1/dossiers",
    "/api/v1/entities?q=sam",
    "/api/v1/entities/sam-altman",
    "/api/v1/sources/{article}",
    "/api/v1/sources/{article}/text",
    "/api/v1/claims/{related}",
    "/api/v1/claims/{first}",
    "/api/v1/claims/{first}/history",
    "/claims/{first}",
    "/claims/{first}/history",
    "/search?q=change+everything",
    "/search?q=probe-tag",
    "/search?q=zorblaxan",  # one letter from a deleted word: "Did you mean" must not offer it
    "/search/suggestions?q=zorbla",
    "/search/suggestions?q=change+ever",
    "/api/v1/search?q=change+everything",
    "/api/v1/search?q=zorblaxan",
]


def _text(response) -> str:
    if response.mimetype == "application/pdf":
        reader = PdfReader(io.BytesIO(response.data))
        return "\n".join(page.extract_text() for page in reader.pages)
    return response.get_data(as_text=True)


def _leaks(text: str) -> list[str]:
    lowered = text.lower()
    return [word for word in WORDS if word in lowered]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_an_anonymous_reader_never_sees_deleted_words(seeded_app, client, deleted, url):
    url = url.format(
        related=deleted["related"], first=deleted["ids"][0], article=source_id(seeded_app)
    )
    response = client.get(url)
    assert response.status_code < 500
    assert _leaks(_text(response)) == [], f"{url} shows deleted text"


def test_the_pdf_holds_no_deleted_words(client, deleted):
    response = client.get(f"/dossiers/{SLUG}/dossier.pdf")
    assert response.status_code == 200
    assert _leaks(_text(response)) == []


def test_deleted_claims_answer_404_to_anonymous_readers(client, deleted):
    for claim_id in deleted["ids"]:
        assert client.get(f"/claims/{claim_id}").status_code == 404
        assert client.get(f"/api/v1/claims/{claim_id}").status_code == 404


def test_histories_and_the_site_feed_are_for_editors_only(client, deleted):
    first = deleted["ids"][0]
    assert client.get(f"/api/v1/claims/{first}/history").status_code == 401
    assert client.get(f"/api/v1/claims/{deleted['related']}/history").status_code == 401
    assert client.get("/changes.atom").status_code in (401, 404)


def test_an_editor_sees_who_deleted_a_claim_and_can_restore_it(editor_client, deleted):
    response = editor_client.get(f"/claims/{deleted['ids'][0]}")
    assert response.status_code == 410
    page = BeautifulSoup(response.data, "html.parser")
    notice = page.find(id="deleted-notice").get_text(" ", strip=True)
    assert "Deleted on" in notice and "by Editor" in notice
    assert WORDS[0] in page.get_text()
    restore = page.find("form", action=f"/claims/{deleted['ids'][0]}/restore")
    assert restore is not None and restore.find("button")


def test_an_editor_token_still_reads_the_history(client, deleted, read_token):
    response = client.get(
        f"/api/v1/claims/{deleted['ids'][0]}/history",
        headers={"Authorization": f"Bearer {read_token}"},
    )
    assert response.status_code == 200
    assert response.get_json()["items"][0]["action"] == "delete"


def test_a_deletion_is_never_called_a_retraction(client, deleted):
    """The related claim's status is not "retracted", so the word must not appear at all."""
    page = BeautifulSoup(client.get(f"/claims/{deleted['related']}").data, "html.parser")
    assert page.find(class_="status-retracted") is None
    assert "retracted" not in page.get_text().lower()


def test_counts_and_facets_leave_deleted_claims_out(client, deleted):
    body = client.get(f"/api/v1/claims?dossier={SLUG}&per_page=1").get_json()
    live_total = body["total"]
    page = BeautifulSoup(client.get(f"/dossiers/{SLUG}/").data, "html.parser")
    assert str(live_total) in page.find(class_="timeline-count").get_text()
    assert not [a for a in page.find_all("a", href=True) if "probe-tag" in a["href"]]


def test_a_crawl_of_every_public_page_finds_no_deleted_word(seeded_app, client, deleted):
    """Breadth-first over every same-site link from the home page, bounded."""
    start = ["/", f"/dossiers/{SLUG}/", f"/dossiers/{SLUG}/print", "/api/"]
    queue, seen, leaks = deque(start), set(start), []
    while queue and len(seen) < 600:
        url = queue.popleft()
        response = client.get(url)
        if response.status_code >= 500:
            leaks.append((url, response.status_code))
            continue
        if response.status_code != 200:
            continue
        text = _text(response)
        if _leaks(text):
            leaks.append((url, _leaks(text)))
        if response.mimetype != "text/html":
            continue
        for link in BeautifulSoup(text, "html.parser").find_all("a", href=True):
            target = urldefrag(link["href"])[0]
            parts = urlsplit(target)
            if parts.netloc not in ("", "claimline.test") or not parts.path.startswith("/"):
                continue
            if parts.path.startswith(("/static/", "/login", "/logout")):
                continue
            local = parts.path + (f"?{parts.query}" if parts.query else "")
            # Facet combinations multiply; one level of query string is enough to reach
            # every filtered view's cards.
            if parts.query and "?" in url:
                continue
            if local not in seen:
                seen.add(local)
                queue.append(local)
    assert leaks == []
    assert len(seen) > 50  # the crawl really walked the dossier
