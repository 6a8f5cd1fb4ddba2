"""Every text field of the claim form, filled with XSS probes, renders inert on the timeline
and the claim page; stored text comes back as the same text, never as markup."""

from __future__ import annotations

import pytest

from tests.editing_helpers import claim_data, claim_id_from, source_id, token
from tests.helpers import soup
from tests.xss_corpus import PAYLOADS, assert_inert


def _claim_full_of(payload: str, number: int, article: int) -> dict:
    """A claim with the payload in every text field (a new source and speaker too)."""
    return claim_data(
        None,
        statement=payload,
        quote=payload,
        quote_lang="fr",
        source="new",
        source_title=payload,
        source_outlet=payload[:200],
        speaker="new",
        speaker_name=f"{payload[:180]} {number}",
        speaker_description=payload[:300],
        tags=payload.replace(",", " ")[:60],
        notes=f"{payload}\n\n{payload}",
        **{
            "relations-0-type": "supports",
            "relations-0-claim": "richard-ho-education",
            "relations-0-note": payload,
        },
    )


@pytest.mark.slow
def test_payloads_in_every_text_field_render_inert(seeded_app, editor_client):
    # One claim per payload, all in one dossier, so the timeline shows them all at once.
    article = source_id(seeded_app)
    claim_ids = {}
    for number, payload in enumerate(PAYLOADS):
        response = editor_client.post(
            "/claims/new?dossier=openai-chips", data=_claim_full_of(payload, number, article)
        )
        claim_ids[payload] = claim_id_from(response)
    timeline = editor_client.get("/dossiers/openai-chips/?per_page=200")
    assert_inert(timeline.get_data(as_text=True))
    assert_inert(editor_client.get("/dossiers/openai-chips/changes").get_data(as_text=True))
    for payload, claim_id in claim_ids.items():
        statement = " ".join(payload.split())
        card = soup(timeline).find(id=f"claim-{claim_id}")
        assert card.select_one(".statement").get_text() == statement, payload
        for url in (
            f"/claims/{claim_id}",
            f"/claims/{claim_id}/edit",
            f"/claims/{claim_id}/history",
        ):
            page = editor_client.get(url)
            assert page.status_code == 200, (url, payload)
            assert_inert(page.get_data(as_text=True))
            if url.endswith("/edit"):
                assert soup(page).find(id="statement").get_text().strip() == statement, payload
            elif "/history" not in url:
                assert soup(page).h1.get_text() == statement, payload


@pytest.mark.parametrize("number", range(0, len(PAYLOADS), 4))
def test_payloads_render_inert_in_the_preview(seeded_app, editor_client, number):
    data = _claim_full_of(PAYLOADS[number], number, source_id(seeded_app)) | {"preview": "1"}
    page = editor_client.post("/claims/new?dossier=openai-chips", data=data)
    assert page.status_code == 200
    assert_inert(page.get_data(as_text=True))
    assert soup(page).select_one(".preview")


def test_a_javascript_url_is_refused_for_a_source(editor_client):
    response = editor_client.post(
        "/sources/new?dossier=openai-chips",
        data={"title": "t", "url": "javascript:alert(1)", "submission": token()},
    )
    assert response.status_code == 422


def test_markdown_links_in_notes_keep_only_safe_schemes(seeded_app, editor_client):
    notes = "[ok](https://example.org) [bad](javascript:alert(1)) <b onclick=x>bold</b>"
    response = editor_client.post(
        "/claims/new?dossier=openai-chips",
        data=claim_data(source_id(seeded_app), notes=notes),
    )
    prose = soup(editor_client.get(response.location)).select_one(".prose")
    links = prose.select("a")
    assert [(a.get_text(), a.get("href")) for a in links] == [
        ("ok", "https://example.org"),
        ("bad", None),
    ]
    assert links[0]["rel"] == ["nofollow", "noopener"]
    # Raw HTML is shown as typed (it is never markup): no element, no handler attribute.
    assert prose.select("b") == [] and not prose.select("[onclick]")
    assert "<b onclick=x>bold</b>" in prose.get_text()


# Payloads aimed at the Markdown renderer or at sloppy filters, inert in raw HTML anyway.
INERT_WHEN_RAW = {
    payload
    for payload in PAYLOADS
    if payload.startswith(("[", "!", "{", "&", "javascript:", "<https:", "<scr<"))
}


@pytest.mark.parametrize("payload", sorted(set(PAYLOADS) - INERT_WHEN_RAW))
def test_the_inertness_check_catches_each_payload_rendered_raw(payload):
    # The checks above would be worthless if they passed payloads that were not escaped.
    raw = f"<!doctype html><html><body><p>{payload}</p></body></html>"
    with pytest.raises(AssertionError):
        assert_inert(raw)
