"""/clip: the bookmarklet and where it lands (issue #15)."""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from db import get_session
from models import Source
from services.editing import source_texts
from tests.editing_helpers import source_id
from tests.helpers import soup


def landing(response) -> dict[str, str]:
    assert response.status_code == 302, response.status_code
    address = urlsplit(response.location)
    assert address.path == "/claims/new"
    return {name: values[0] for name, values in parse_qs(address.query).items()}


ARTICLE_URL = "https://example.org/openai-chips"
ARTICLE_TEXT = "Title\nFirst paragraph.\nOpenAI wants its own chips. It says so.\nLast one."


@pytest.fixture
def article_with_text(seeded_app) -> int:
    """The seeded article, at an address and with a known text of four paragraphs."""
    with seeded_app.app_context():
        session = get_session()
        source = session.get(Source, source_id(seeded_app))
        source.url = ARTICLE_URL
        source_texts.capture(session, source, ARTICLE_TEXT)
        session.commit()
        return source.id


def test_instructions_offer_a_bookmarklet_for_the_chosen_dossier(editor_client):
    page = soup(editor_client.get("/clip?dossier=openai-chips"))
    link = page.select_one("a[data-bookmarklet]")["href"]
    assert link.startswith("javascript:")
    code = unquote(link)
    assert "/clip/new" in code and "'dossier',\"openai-chips\")" in code
    assert "getSelection()" in code and "article:published_time" in code
    assert page.select_one("textarea#bookmarklet-code").get_text() == link


def test_the_instructions_need_an_editor(client):
    assert client.get("/clip").status_code == 302


def test_a_page_not_in_the_dossier_becomes_a_new_source_with_its_date(editor_client):
    values = landing(
        editor_client.get(
            "/clip/new?dossier=openai-chips&url=https://example.org/news/1"
            "&title=Chips+ahoy&quote=%20OpenAI%0Awill%20build%20&published=2025-03-04T08:00:00Z"
        )
    )
    assert values == {
        "dossier": "openai-chips",
        "source": "new",
        "source_title": "Chips ahoy",
        "source_url": "https://example.org/news/1",
        "source_published": "2025-03-04",
        "stated_date": "2025-03-04",
        "quote": "OpenAI will build",
    }


def test_the_form_opens_with_the_new_source_described(editor_client):
    response = editor_client.get(
        "/clip/new?dossier=openai-chips&url=https://example.org/x&title=Chips&quote=Hello",
        follow_redirects=True,
    )
    form = soup(response).select_one("form.claim-form")
    assert form.select_one("select[name=source] option[selected]")["value"] == "new"
    assert form.select_one("#source_title")["value"] == "Chips"
    assert form.select_one("#quote").get_text(strip=True) == "Hello"


def test_a_page_already_a_source_is_matched_by_address_and_paragraph(
    editor_client, article_with_text
):
    values = landing(
        editor_client.get(
            "/clip/new",
            query_string={
                "dossier": "openai-chips",
                "url": ARTICLE_URL + "/#top",
                "quote": "wants its  own chips",
            },
        )
    )
    assert values["source"] == str(article_with_text)
    assert values["locator"] == "3"
    assert "source_title" not in values


def test_without_a_dossier_the_editor_chooses_one_and_the_page_is_kept(editor_client):
    page = soup(editor_client.get("/clip/new?url=https://example.org/y&title=T&quote=Q"))
    form = page.select_one("form[action='/clip/new']")
    kept = {field["name"]: field["value"] for field in form.select("input[type=hidden]")}
    assert kept == {"url": "https://example.org/y", "title": "T", "quote": "Q", "published": ""}
    assert form.select_one("select[name=dossier] option[value=openai-chips]")


def test_an_archived_or_unknown_dossier_is_not_clipped_into(editor_client):
    response = editor_client.get("/clip/new?dossier=nope&url=https://example.org/z")
    assert soup(response).select_one("h1").get_text() == "Clip into which dossier?"
