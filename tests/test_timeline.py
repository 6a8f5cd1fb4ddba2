"""The timeline page: order and grouping, filters, pagination, errors, deleted claims, cards and
links; the overview strip is in test_timeline_strip.py."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from models import Claim, Source
from tests.conftest import claim_by_key
from tests.factories import delete, make_claim, make_dossier
from tests.helpers import soup
from tests.queries import count_statements, recorded_statements

TIMELINE = "/dossiers/openai-chips/"


def card_ids(page: BeautifulSoup) -> list[int]:
    return [int(card["id"].removeprefix("claim-")) for card in page.select("article.claim")]


def keys_of(session, ids) -> set[str]:
    return set(session.scalars(select(Claim.key).where(Claim.id.in_(ids))))


@pytest.fixture
def fresh(db_session):
    """An empty dossier "fresh" to fill with claims of known dates."""
    dossier = make_dossier(db_session, "fresh")
    db_session.commit()
    return dossier


# --- order and grouping -----------------------------------------------------------------


def test_claims_are_grouped_by_year_then_under_headings_as_precise_as_their_dates(
    client, db_session, fresh
):
    for statement, event_date in [
        ("Day", "2024-06-04"),
        ("Year only", "2024"),
        ("Open-ended", "2026 or later"),
        ("Month", "2024-06"),
        ("Mid-year", "around mid-2024"),
        ("Earlier year", "2023"),
    ]:
        make_claim(db_session, fresh, statement=statement, event_date=event_date)
    db_session.commit()

    page = soup(client.get("/dossiers/fresh/"))

    assert [h.get_text(strip=True) for h in page.select(".year-heading")] == [
        "2023",
        "2024",
        "2026",
    ]
    year_2024 = page.select("section.year")[1]
    assert [h.get_text(strip=True) for h in year_2024.select(".month-heading")] == [
        "2024, month not known",
        "2024, May–August",
        "June 2024",
    ]
    statements = [h.get_text(strip=True) for h in page.select("article.claim .statement")]
    assert statements == ["Earlier year", "Year only", "Mid-year", "Month", "Day", "Open-ended"]
    dates = [d.get_text(strip=True) for d in page.select("article.claim .claim-date")]
    assert dates == [
        "2023",
        "2024",
        "around mid-2024",
        "June 2024",
        "4 June 2024",
        "2026 or later",
    ]


def test_claims_on_the_same_date_keep_a_stable_order(client, db_session, fresh):
    made = [
        make_claim(db_session, fresh, statement=f"Same day {n}", event_date="2024-03-15")
        for n in range(5)
    ]
    db_session.commit()
    first = card_ids(soup(client.get("/dossiers/fresh/")))
    second = card_ids(soup(client.get("/dossiers/fresh/")))
    assert first == second == [claim.id for claim in made]


def test_stated_order_places_claims_by_when_they_were_said(client, db_session, fresh):
    old_event = make_claim(
        db_session, fresh, statement="Said late", event_date="2020", stated_date="2024-05-01"
    )
    new_event = make_claim(
        db_session, fresh, statement="Said early", event_date="2024", stated_date="2021-01-01"
    )
    db_session.commit()
    by_event = card_ids(soup(client.get("/dossiers/fresh/")))
    by_stated = card_ids(soup(client.get("/dossiers/fresh/?order=stated")))
    assert by_event == [old_event.id, new_event.id]
    assert by_stated == [new_event.id, old_event.id]


def test_stated_dates_open_at_the_start_come_first_under_their_own_heading(client):
    page = soup(client.get(TIMELINE + "?order=stated"))
    assert page.select(".year-heading")[0].get_text(strip=True) == "Open start"
    first_card = page.select_one("article.claim .claim-date")
    assert first_card is not None


# --- filters ----------------------------------------------------------------------------


def _all_claims(session):
    return session.scalars(
        select(Claim)
        .where(Claim.deleted_at.is_(None))
        .options(selectinload(Claim.entities), selectinload(Claim.tags))
    ).all()


def _mentions(claim, slug):
    return slug in {e.slug for e in claim.entities} or (
        claim.speaker and claim.speaker.slug == slug
    )


def _overlaps(claim, first, last):
    start = claim.event_earliest or claim.stated_earliest
    end = claim.event_latest or claim.stated_latest
    return start <= last and end >= first


FILTER_CASES = {
    "attribution=insider": lambda c: c.attribution.value == "insider",
    "attribution=public&attribution=report": lambda c: c.attribution.value in ("public", "report"),
    "entity=tsmc": lambda c: _mentions(c, "tsmc"),
    "entity=sam-altman": lambda c: _mentions(c, "sam-altman"),
    "tag=funding": lambda c: "funding" in {t.key for t in c.tags},
    "status=contested": lambda c: c.status.value == "contested",
    "min_confidence=80": lambda c: c.confidence >= 80,
    "from=2024-06&to=2024-06": lambda c: _overlaps(
        c, __import__("datetime").date(2024, 6, 1), __import__("datetime").date(2024, 6, 30)
    ),
    "q=TSMC": lambda c: "tsmc" in c.search_text,
}


@pytest.mark.parametrize("query", FILTER_CASES)
def test_each_filter_alone_keeps_exactly_the_matching_claims(client, db_session, query):
    expected = {c.id for c in _all_claims(db_session) if FILTER_CASES[query](c)}
    page = soup(client.get(f"{TIMELINE}?{query}&per_page=200"))
    assert expected, "the case should match something in the seed"
    assert set(card_ids(page)) == expected
    assert page.select_one("#timeline-heading").get_text().startswith(f"{len(expected)} claim")


def test_source_filter_keeps_claims_read_in_or_crediting_the_source(client, db_session):
    wsj = db_session.scalar(select(Source).where(Source.key == "wsj"))
    page = soup(client.get(f"{TIMELINE}?source={wsj.id}"))
    assert keys_of(db_session, card_ids(page)) == {
        "wsj-seven-trillion-fundraising",  # credits the WSJ (via)
        "wsj-altman-talks-five-to-seven-trillion",  # read in the WSJ
    }


def test_insider_claims_about_tsmc_in_2024_are_one_shareable_url(client, db_session):
    url = f"{TIMELINE}?attribution=insider&entity=tsmc&from=2024&to=2024"
    page = soup(client.get(url))
    assert keys_of(db_session, card_ids(page)) == {
        "altman-approached-chipmakers",
        "chipmaker-executives-rejected-plan",
        "tsmc-leaders-private-promise",
    }
    labels = {tag.get_text(strip=True) for tag in page.select("article.claim .attribution-tag")}
    assert labels == {"Insider says"}


def test_the_filter_form_shows_the_current_filters(client):
    page = soup(client.get(f"{TIMELINE}?attribution=insider&entity=tsmc&from=2024&q=promise"))
    form = page.select_one("form.filters")
    assert form["method"] == "get"
    assert form.select_one("#f-attribution-insider").has_attr("checked")
    assert not form.select_one("#f-attribution-public").has_attr("checked")
    assert form.select_one("#f-entity option[selected]")["value"] == "tsmc"
    assert form.select_one("#f-from")["value"] == "2024"
    assert form.select_one("#f-q")["value"] == "promise"
    for control in form.select("input:not([type=hidden]), select"):
        assert form.select_one(f'label[for="{control["id"]}"]'), control["id"]


def test_an_empty_result_says_so_and_offers_to_clear_the_filters(client):
    page = soup(client.get(f"{TIMELINE}?attribution=public&tag=hbm-memory"))
    assert page.select("article.claim") == []
    empty = page.select_one(".empty")
    assert "No claims match these filters" in empty.get_text()
    assert empty.find("a", string="clear the filters")["href"] == TIMELINE


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("min_confidence=abc", "Minimum confidence must be a whole number"),
        ("from=2024-99", "There is no month 99"),
        ("to=next Tuesday-ish", "Could not read"),
        ("attribution=gossip", 'Unknown attribution "gossip"'),
        ("status=maybe", 'Unknown status "maybe"'),
        ("order=random", 'Unknown order "random"'),
        ("after=yesterday", "page position is not valid"),
        ("entity=Not A Slug!", "is not a valid name"),
    ],
)
def test_a_bad_filter_value_gives_the_page_with_a_clear_message(client, query, message):
    response = client.get(f"{TIMELINE}?{query}")
    page = soup(response)
    notice = page.select_one(".notice-error")
    assert message in notice.get_text()
    assert page.select("article.claim"), "the other filters still apply"


def test_unknown_dossier_is_404(client):
    assert client.get("/dossiers/no-such-dossier/").status_code == 404


# --- pagination -------------------------------------------------------------------------


def _walk(client, url, rel):
    pages = []
    while url:
        page = soup(client.get(url))
        pages.append(card_ids(page))
        link = page.select_one(f'.pager a[rel="{rel}"]')
        url = link["href"] if link else None
    return pages


def test_pages_across_same_date_claims_lose_and_repeat_nothing(client, db_session, fresh):
    made = [make_claim(db_session, fresh, event_date="2024-01-10") for _ in range(3)]
    made += [
        make_claim(db_session, fresh, statement=f"Crowded day {n}", event_date="2024-03-15")
        for n in range(30)
    ]
    made += [make_claim(db_session, fresh, event_date="2024-04-01") for _ in range(4)]
    db_session.commit()

    pages = _walk(client, "/dossiers/fresh/?per_page=7", "next")

    seen = [claim_id for page in pages for claim_id in page]
    assert len(pages) == 6
    assert all(len(page) == 7 for page in pages[:-1])
    assert seen == [claim.id for claim in made]


def test_earlier_claims_link_walks_back_through_the_same_pages(client, db_session, fresh):
    for _ in range(17):
        make_claim(db_session, fresh, event_date="2024-03-15")
    db_session.commit()
    forward = _walk(client, "/dossiers/fresh/?per_page=5", "next")
    last_url = "/dossiers/fresh/?per_page=5"
    for _ in range(len(forward) - 1):
        last_url = soup(client.get(last_url)).select_one('.pager a[rel="next"]')["href"]
    backward = _walk(client, last_url, "prev")
    assert backward == list(reversed(forward))


def test_later_pages_link_back_to_the_first_page_keeping_the_filters(client):
    first = soup(client.get(f"{TIMELINE}?attribution=insider&per_page=5"))
    second = soup(client.get(first.select_one('.pager a[rel="next"]')["href"]))
    link = second.find("a", string="« First page")
    query = parse_qs(urlsplit(link["href"]).query)
    assert query == {"attribution": ["insider"], "per_page": ["5"]}
    assert card_ids(soup(client.get(link["href"]))) == card_ids(first)


def test_the_position_is_kept_in_the_url(client):
    first = soup(client.get(f"{TIMELINE}?per_page=5"))
    next_href = first.select_one('.pager a[rel="next"]')["href"]
    assert "after=" in next_href
    assert card_ids(soup(client.get(next_href))) == card_ids(soup(client.get(next_href)))


@pytest.mark.parametrize(
    "query",
    ["", "&attribution=insider&q=altman", "&order=stated&from=2023", "&after=2023-01-01.3"],
)
def test_a_page_costs_the_same_number_of_queries_whatever_its_size(seeded_app, client, query):
    small = count_statements(seeded_app, client, f"{TIMELINE}?per_page=5{query}")
    large = count_statements(seeded_app, client, f"{TIMELINE}?per_page=50{query}")
    assert small == large
    assert small < 25


def test_an_unchanged_view_reuses_its_counts_and_facets(seeded_app, client):
    uncached = count_statements(seeded_app, client, TIMELINE)
    with recorded_statements(seeded_app) as statements:
        client.get(TIMELINE)
    assert len(statements) < uncached


# --- deleted claims -------------------------------------------------------------------


def test_deleted_claims_leave_the_list_the_facets_and_the_strip(client, db_session):
    promise = claim_by_key(db_session, "tsmc-leaders-private-promise")
    before = soup(client.get(f"{TIMELINE}?entity=tsmc"))
    insider_before = int(
        before.select_one('label[for="f-attribution-insider"] .facet-count').contents[0]
    )
    delete(db_session, promise)
    db_session.commit()

    page = soup(client.get(f"{TIMELINE}?entity=tsmc"))

    assert promise.id not in card_ids(page)
    insider = page.select_one('label[for="f-attribution-insider"] .facet-count').contents[0]
    assert int(insider) == insider_before - 1
    marks = page.select(".overview-strip a.mark")
    assert all(f"claim-{promise.id}" not in mark["href"] for mark in marks)
    assert len(marks) == len(card_ids(page))


# --- claim cards and links --------------------------------------------------------------


def test_claim_cards_carry_what_a_reader_needs(client, db_session):
    wei = claim_by_key(db_session, "tsmc-ceo-plan-too-aggressive")
    card = soup(client.get(TIMELINE)).select_one(f"#claim-{wei.id}")
    assert card.select_one(".claim-date").get_text(strip=True) == "4 June 2024"
    assert card.select_one(".attribution-tag").get_text(strip=True) == "Public statement"
    assert card.select_one("a.speaker-name")["href"] == "/entities/cc-wei"
    assert card.select_one("details.quote blockquote")["lang"] == "fr"
    assert card.select_one(".confidence-value").get_text() == "95%"
    assert card.select_one(".confidence-words").get_text() == "almost certain"
    chip = card.select_one(".relation-contradicts")
    assert chip.get_text(" ", strip=True).startswith("Contradicts:")
    assert card.select_one("a.permalink")["href"] == f"/claims/{wei.id}"


def test_the_json_twin_of_a_view_has_the_same_claims(client):
    query = "attribution=insider&entity=tsmc&from=2024&to=2024"
    page = soup(client.get(f"{TIMELINE}?{query}"))
    twin = page.select_one('link[rel="alternate"][type="application/json"]')["href"]
    body = client.get(twin).get_json()
    assert [item["id"] for item in body["items"]] == card_ids(page)


def test_the_most_named_people_and_organisations_link_to_their_pages(client):
    links = soup(client.get(TIMELINE)).select(".key-entities a")
    hrefs = [link["href"] for link in links]
    assert hrefs[:2] == ["/entities/sam-altman", "/entities/openai"]
    assert "/entities/tsmc" in hrefs


def test_filtering_by_an_entity_offers_its_public_and_private_comparison(client):
    page = soup(client.get(f"{TIMELINE}?entity=tsmc"))
    link = page.select_one(".entity-shortcut a")
    assert link["href"] == "/entities/tsmc"
    assert "said in public, said in private" in link.get_text()


def test_the_address_keeps_only_the_filters_that_are_set(client):
    """The filter form sends every field; the timeline answers with the shorter address."""
    response = client.get(
        "/dossiers/openai-chips/?q=&attribution=insider&entity=&tag=+&source=&status="
        "&min_confidence=&from=&to=&order=event"
    )
    assert response.status_code == 302
    assert response.location == "/dossiers/openai-chips/?attribution=insider"
    assert client.get(response.location).status_code == 200
