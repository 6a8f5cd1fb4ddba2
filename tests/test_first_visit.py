"""What a first-time reader sees: the home page says what Claimline is and what each dossier
holds; a dossier's front page opens its summary (issue #16)."""

from __future__ import annotations

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
