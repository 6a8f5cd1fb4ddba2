"""The source page: the document, its reliability, and its claims in the order it gives them."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from models import Claim, Source
from models.base import utcnow
from tests.conftest import claim_by_key
from tests.factories import delete
from tests.helpers import soup


def source(session, key) -> Source:
    return session.scalar(select(Source).where(Source.key == key))


def facts(page) -> dict[str, str]:
    return {
        dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(" ", strip=True)
        for dt in page.select("dl.facts dt")
    }


def test_claims_read_in_the_source_come_in_paragraph_order(client, db_session):
    article = source(db_session, "article")
    page = soup(client.get(f"/sources/{article.id}"))
    ids = [int(a["id"].removeprefix("claim-")) for a in page.select("article.claim")]
    claims = {c.id: c for c in db_session.scalars(select(Claim).where(Claim.id.in_(ids)))}
    locators = [claims[i].locator for i in ids]
    assert len(ids) == 43
    assert locators == sorted(locators)
    headings = [h.get_text(strip=True) for h in page.select(".paragraph-heading")]
    assert headings[:3] == ["Paragraph 2", "Paragraph 4", "Paragraph 5"]


def test_a_source_lists_the_claims_that_credit_it(client, db_session):
    the_information = source(db_session, "the-information")
    page = soup(client.get(f"/sources/{the_information.id}"))
    credited = page.select_one('section[aria-labelledby="credited-heading"]')
    ids = {int(a["id"].removeprefix("claim-")) for a in credited.select("article.claim")}
    assert ids == {
        claim_by_key(db_session, key).id
        for key in (
            "chip-team-led-by-richard-ho",
            "broadcom-most-likely-partner",
            "broadcom-tpu-work-and-openai-contact",
        )
    }
    assert "paragraph 27" in credited.select_one(".read-in").get_text()


def test_the_source_shows_outlet_date_and_reliability_in_words(client, db_session):
    wsj = source(db_session, "wsj")
    page = soup(client.get(f"/sources/{wsj.id}"))
    shown = facts(page)
    assert shown["Outlet"] == "The Wall Street Journal"
    assert shown["Published"].startswith("8 February 2024")
    assert shown["Reliability"].startswith("B Usually reliable")
    link = page.select_one("a.external")
    assert link["href"].startswith("https://www.wsj.com/")
    assert "noopener" in link["rel"]


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "ftp://x.example"]
)
def test_only_web_addresses_become_links(client, db_session, url):
    wsj = source(db_session, "wsj")
    wsj.url = url
    db_session.commit()
    page = soup(client.get(f"/sources/{wsj.id}"))
    assert page.select_one("a.external") is None
    assert "Address" not in facts(page)


def test_the_title_is_marked_with_the_source_language(client, db_session):
    article = source(db_session, "article")
    page = soup(client.get(f"/sources/{article.id}"))
    assert page.h1["lang"] == "fr"
    assert page.h1.get_text(strip=True) == article.title


def test_deleted_claims_leave_the_source_page(client, db_session):
    article = source(db_session, "article")
    wei = claim_by_key(db_session, "tsmc-ceo-plan-too-aggressive")
    delete(db_session, wei)
    db_session.commit()
    page = soup(client.get(f"/sources/{article.id}"))
    assert page.select_one(f"#claim-{wei.id}") is None


def test_unknown_and_deleted_sources_are_404(client, db_session):
    assert client.get("/sources/999999").status_code == 404
    assert client.get("/sources/abc").status_code == 404
    sifma = source(db_session, "sifma")
    sifma.deleted_at = utcnow()
    db_session.commit()
    assert client.get(f"/sources/{sifma.id}").status_code == 404


def test_claim_pages_link_to_their_sources(client, db_session):
    wsj_claim = claim_by_key(db_session, "wsj-seven-trillion-fundraising")
    page = soup(client.get(f"/claims/{wsj_claim.id}"))
    hrefs = {a["href"] for a in page.select("dl.facts a")}
    assert f"/sources/{source(db_session, 'article').id}" in hrefs
    assert f"/sources/{source(db_session, 'wsj').id}" in hrefs
