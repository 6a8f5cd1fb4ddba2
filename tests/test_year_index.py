"""The timeline's year index (issue #16, "Long timelines"): a link per year the filtered
claims reach, to its heading on the page or to the page that opens with that year."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from db import get_session
from tests.factories import make_claim, make_dossier
from tests.helpers import soup

YEARS = {2019: 3, 2020: 1, 2022: 4, 2024: 2}


@pytest.fixture
def long_timeline(seeded_app):
    """A dossier whose claims fall in 2019, 2020, 2022 and 2024, three to a page."""
    with seeded_app.app_context():
        session = get_session()
        dossier = make_dossier(session, "long-story")
        for year, count in YEARS.items():
            for month in range(1, count + 1):
                make_claim(session, dossier, stated_date=f"{year}-{month:02d}-10")
        session.commit()


def year_links(page) -> list[tuple[str, str]]:
    return [(a.get_text(strip=True), a["href"]) for a in page.select("nav.year-index a")]


def test_the_index_lists_every_year_of_the_view_with_its_count(client, long_timeline):
    page = soup(client.get("/dossiers/long-story/?per_page=3"))
    assert [label for label, _ in year_links(page)] == [str(year) for year in YEARS]
    counts = [int(c.contents[0]) for c in page.select("nav.year-index .facet-count")]
    assert counts == list(YEARS.values())


@pytest.mark.parametrize("start", ["", "&after=2022-03-10.999999"])
def test_every_year_link_reaches_that_years_heading(client, long_timeline, start):
    page = soup(client.get(f"/dossiers/long-story/?per_page=3{start}"))
    links = year_links(page)
    assert len(links) == len(YEARS)
    on_another_page = 0
    for label, href in links:
        address = urlsplit(href)
        assert address.fragment == f"y-{label}"
        if not address.path:  # on this page
            target = page
        else:
            on_another_page += 1
            target = soup(client.get(f"{address.path}?{address.query}"))
            assert "per_page=3" in address.query  # the reader's page size is kept
        heading = target.find(id=f"y-{label}")
        assert heading is not None and heading.get_text(strip=True) == label, href
    assert 0 < on_another_page < len(YEARS)


def test_a_year_on_another_page_opens_with_its_first_claim(client, long_timeline):
    page = soup(client.get("/dossiers/long-story/?per_page=3"))
    href = dict(year_links(page))["2022"]
    later = soup(client.get(href.split("#")[0]))
    assert later.select("section.year")[0]["aria-labelledby"] == "y-2022"
    assert later.select_one("section.year .month-heading").get_text(strip=True) == "January 2022"


def test_the_index_follows_the_filters(client, long_timeline):
    page = soup(client.get("/dossiers/long-story/?from=2020&to=2022"))
    assert [label for label, _ in year_links(page)] == ["2020", "2022"]
    assert all("from=2020" in href for _, href in year_links(page) if not href.startswith("#"))


def test_a_single_year_needs_no_index(client, long_timeline):
    page = soup(client.get("/dossiers/long-story/?from=2024&to=2024"))
    assert page.select("section.year") and not page.select("nav.year-index")
