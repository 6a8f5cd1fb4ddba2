"""Filters on the printed dossier: they narrow the print as they narrow the timeline, are
described in words on the cover, and are kept by the links between the print and the timeline."""

from __future__ import annotations

from dataclasses import fields
from urllib.parse import parse_qs, urlsplit

from sqlalchemy import select

from fuzzy_date import parse
from models import Source
from models.vocabulary import Attribution, Status
from services.printing.filter_words import describe_filters
from services.reading.filters import ClaimFilters
from tests.conftest import claim_by_key
from tests.factories import make_dossier
from tests.helpers import soup
from tests.test_print import PRINT, printed_statements, timeline_statements


def test_filters_narrow_the_print_and_are_described_on_the_cover(client):
    query = "attribution=insider&entity=tsmc"
    page = soup(client.get(f"{PRINT}?{query}"))
    tags = {entry.select_one(".tag").get_text(strip=True) for entry in page.select("article.entry")}
    assert tags == {"Insider says"}
    expected = timeline_statements(client, query)
    assert 0 < len(expected) < len(timeline_statements(client))
    assert printed_statements(page) == expected
    lines = [li.get_text(" ", strip=True) for li in page.select(".cover .filter-lines li")]
    assert lines == ["Attribution: Insider says", "Naming: TSMC"]


def test_a_search_and_dates_are_described_in_words(client):
    page = soup(client.get(f"{PRINT}?q=TSMC&from=2024&to=2024-06&min_confidence=60"))
    lines = [li.get_text(" ", strip=True) for li in page.select(".cover .filter-lines li")]
    assert "Search: “TSMC”" in lines
    assert "Confidence: at least 60% (likely)" in lines
    assert "Dated: from 2024 to June 2024" in lines
    assert all(
        "TSMC" in e.get_text() or "tsmc" in e.get_text().lower()
        for e in page.select("article.entry")
    )


def test_the_timeline_position_is_ignored_so_the_print_starts_at_the_beginning(client):
    page = soup(client.get(f"{PRINT}?after=2030-01-01.1"))
    assert printed_statements(page) == timeline_statements(client)


def test_a_filtered_print_notes_tensions_with_claims_left_out(client, db_session):
    promise = claim_by_key(db_session, "tsmc-leaders-private-promise")
    page = soup(client.get(f"{PRINT}?attribution=insider"))
    assert not page.select("#tensions article.tension")
    note = page.select_one("#tensions .outside-tensions")
    target = note.select_one("a.claim-ref")["href"].removeprefix("#")
    assert promise.statement in page.find(id=target).get_text()
    relation = page.find(id=target).select_one(".relation-contradicts")
    assert "outside this selection" in relation.get_text()


def test_bad_filter_values_are_dropped_with_a_message_on_screen_only(client):
    page = soup(client.get(f"{PRINT}?attribution=gossip"))
    alert = page.select_one('.screen-toolbar [role="alert"]')
    assert "gossip" in alert.get_text()
    assert alert.find_parent("main") is None
    assert "Every claim in the dossier" in page.select_one(".cover").get_text()


def test_a_filter_matching_nothing_prints_an_empty_briefing_that_says_so(client):
    page = soup(client.get(f"{PRINT}?q=zzzyyyxxx"))
    assert not page.select("article.entry")
    assert "No claims match this selection." in page.select_one("#timeline").get_text()


# Every narrowing filter with a sample value; a filter added to ClaimFilters must be
# described on the cover too (services.printing.filter_words.describe_filters) before this passes.
SAMPLE_FILTERS = {
    "attributions": (Attribution.INSIDER, Attribution.PUBLIC),
    "entity": "tsmc",
    "tag": "tsmc",
    "source": 1,
    "status": Status.CONTESTED,
    "min_confidence": 60,
    "date_from": parse("2024"),
    "date_to": parse("2025"),
    "q": "chips",
}


def test_every_filter_is_described_on_the_cover(db_session, seeded_dossier):
    narrowing = {f.name for f in fields(ClaimFilters)} - {"order", "after", "errors"}
    assert narrowing == set(SAMPLE_FILTERS)
    for name, value in SAMPLE_FILTERS.items():
        lines = describe_filters(db_session, seeded_dossier, ClaimFilters(**{name: value}))
        assert len(lines) == 1 and lines[0].value, name
    assert describe_filters(db_session, seeded_dossier, ClaimFilters()) == []


def test_a_source_of_another_dossier_is_not_named_on_the_cover(db_session, seeded_dossier):
    other = make_dossier(db_session, "elsewhere")
    source_id = db_session.scalar(select(Source.id).where(Source.dossier_id == other.id))
    (line,) = describe_filters(db_session, seeded_dossier, ClaimFilters(source=source_id))
    assert "Source of elsewhere" not in line.value and "no such source" in line.value


def test_toolbar_links_keep_the_filters(client):
    page = soup(client.get(f"{PRINT}?attribution=insider&attribution=public&tag=tsmc"))
    for link in page.select(".screen-toolbar a"):
        query = parse_qs(urlsplit(link["href"]).query)
        assert query["attribution"] == ["insider", "public"]
        assert query["tag"] == ["tsmc"]


def test_timeline_has_a_print_link_that_keeps_its_filters(client):
    page = soup(
        client.get("/dossiers/openai-chips/?attribution=insider&entity=tsmc&after=2024-01-01.5")
    )
    link = page.select_one(".print-link a")
    assert link.get_text(" ", strip=True).startswith("Print / PDF")
    parts = urlsplit(link["href"])
    assert parts.path == PRINT
    assert parse_qs(parts.query) == {"attribution": ["insider"], "entity": ["tsmc"]}
