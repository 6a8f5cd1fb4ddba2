"""What a first-time reader sees: the home page says what Claimline is and what each dossier
holds; a dossier's front page opens its summary (issue #16)."""

from __future__ import annotations

from db import get_session
from models.vocabulary import Visibility
from tests.factories import make_dossier
from tests.helpers import soup


def test_home_page_says_what_claimline_is_and_summarises_each_dossier(client):
    page = soup(client.get("/"))
    lede = page.select_one("p.lede").get_text(" ", strip=True)
    assert "who said what" in lede and "print a briefing" in lede
    item = page.select_one(".dossier-item")
    summary = item.select_one(".dossier-summary")
    assert summary is not None
    assert "French-language news" in summary.select_one("p").get_text(" ", strip=True)
    facts = item.select_one(".dossier-facts").get_text(" ", strip=True)
    assert "claims" in facts and "last changed" in facts


def test_a_dossiers_front_page_opens_its_summary(client):
    details = soup(client.get("/dossiers/openai-chips/")).select_one("details.summary")
    assert details.has_attr("open")


def test_the_summary_stays_closed_once_the_reader_filters(client):
    page = soup(client.get("/dossiers/openai-chips/?attribution=insider"))
    assert not page.select_one("details.summary").has_attr("open")


def test_editors_find_their_private_and_unlisted_dossiers_on_the_home_page(
    seeded_app, client, editor_client
):
    with seeded_app.app_context():
        session = get_session()
        make_dossier(session, "quiet-story", title="A quiet story", visibility=Visibility.PRIVATE)
        make_dossier(
            session, "shared-story", title="A shared story", visibility=Visibility.UNLISTED
        )
        session.commit()
    editor_items = soup(editor_client.get("/")).select(".dossier-item")
    badges = {
        item.h2.get_text(strip=True): item.select_one(".visibility-badge") for item in editor_items
    }
    assert badges["A quiet story"].get_text().startswith("Private")
    assert badges["A shared story"].get_text().startswith("Unlisted")
    assert badges["OpenAI's in-house AI chip and data-centre plan"] is None
    reader_titles = [
        item.h2.get_text(strip=True) for item in soup(client.get("/")).select(".dossier-item")
    ]
    assert "A quiet story" not in reader_titles and "A shared story" not in reader_titles
