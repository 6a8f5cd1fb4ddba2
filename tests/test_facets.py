"""Facet counts beside each filter, and the chips that remove active filters."""

from __future__ import annotations

from collections import Counter
from urllib.parse import parse_qs, parse_qsl, urlsplit

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import selectinload
from werkzeug.datastructures import MultiDict

from db import engine_of, get_session
from models import Claim, Dossier
from services.reading import facets as facet_service
from services.reading import timeline
from services.reading.filters import parse_filters
from tests.conftest import claim_by_key
from tests.factories import delete
from tests.helpers import soup

TIMELINE = "/dossiers/openai-chips/"


def attribution_counts(page) -> dict[str, int]:
    counts = {}
    for item in page.select(".facet-attributions li"):
        value = item.select_one("input")["value"]
        counts[value] = int(item.select_one(".facet-count").contents[0])
    return counts


def option_counts(page, select_id) -> dict[str, int]:
    options = page.select(f"#{select_id} option")[1:]
    return {o["value"]: int(o.get_text().rsplit("(", 1)[1].rstrip(")")) for o in options}


def live_claims(session):
    return session.scalars(
        select(Claim)
        .where(Claim.deleted_at.is_(None))
        .options(selectinload(Claim.tags), selectinload(Claim.entities))
    ).all()


def test_attribution_counts_match_the_claims_of_each_kind(client, db_session):
    expected = Counter(claim.attribution.value for claim in live_claims(db_session))
    counts = attribution_counts(soup(client.get(TIMELINE)))
    assert counts == {kind: expected.get(kind, 0) for kind in counts}
    assert len(counts) == 6


def test_attribution_counts_reflect_the_other_filters(client, db_session):
    tsmc = [c for c in live_claims(db_session) if "tsmc" in {e.slug for e in c.entities}]
    expected = Counter(claim.attribution.value for claim in tsmc)
    counts = attribution_counts(soup(client.get(f"{TIMELINE}?entity=tsmc")))
    assert counts["insider"] == expected["insider"] == 3
    assert counts["public"] == expected["public"] == 2
    assert counts["report"] == 0


def test_ticking_an_attribution_leaves_the_attribution_counts_unchanged(client):
    # A facet's own selection is left out of its counts, so the other kinds stay selectable.
    plain = attribution_counts(soup(client.get(f"{TIMELINE}?entity=tsmc")))
    ticked = attribution_counts(soup(client.get(f"{TIMELINE}?entity=tsmc&attribution=insider")))
    assert ticked == plain


def test_ticking_an_attribution_narrows_the_other_facets(client, db_session):
    insiders = [c for c in live_claims(db_session) if c.attribution.value == "insider"]
    expected = Counter(tag.key for claim in insiders for tag in claim.tags)
    page = soup(client.get(f"{TIMELINE}?attribution=insider"))
    assert option_counts(page, "f-tag") == dict(expected)
    statuses = option_counts(page, "f-status")
    assert statuses["contested"] == sum(1 for c in insiders if c.status.value == "contested")


def test_entity_options_count_claims_that_name_or_quote_the_entity(client, db_session):
    page = soup(client.get(TIMELINE))
    counts = option_counts(page, "f-entity")
    claims = live_claims(db_session)
    for slug in ("tsmc", "cc-wei", "sam-altman"):
        expected = sum(
            1
            for c in claims
            if slug in {e.slug for e in c.entities} or (c.speaker and c.speaker.slug == slug)
        )
        assert counts[slug] == expected


def test_a_selected_value_that_matches_nothing_still_shows_as_selected(client):
    page = soup(client.get(f"{TIMELINE}?attribution=public&tag=hbm-memory"))
    selected = page.select_one("#f-tag option[selected]")
    assert selected["value"] == "hbm-memory"
    assert selected.get_text().endswith("(0)")


def test_facets_ignore_deleted_claims(client, db_session):
    before = attribution_counts(soup(client.get(TIMELINE)))
    delete(db_session, claim_by_key(db_session, "tsmc-ceo-plan-too-aggressive"))
    db_session.commit()
    after = attribution_counts(soup(client.get(TIMELINE)))
    assert after["public"] == before["public"] - 1


def _aggregates(app, session, dossier, query: str) -> list[str]:
    """The aggregate statements the facets of `query` send."""
    statements = []
    engine = engine_of(app)

    def record(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        facet_service.facets(session, dossier, parse_filters(MultiDict(parse_qsl(query))))
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return [statement for statement in statements if "GROUP BY" in statement]


@pytest.mark.parametrize(
    "query, distinct_sets",
    [
        ("", 0),  # over every live claim: the counts kept at write time
        ("from=2024", 1),  # every facet counts over the same claims
        ("entity=tsmc", 1),  # the entity facet, leaving its own selection out, is stored
        ("entity=tsmc&attribution=insider&tag=chips", 4),
    ],
)
def test_facets_select_each_distinct_set_of_claims_once(
    seeded_app, db_session, seeded_dossier, query, distinct_sets
):
    assert len(_aggregates(seeded_app, db_session, seeded_dossier, query)) == distinct_sets


def test_active_filters_show_as_chips_that_each_remove_one_filter(client):
    page = soup(client.get(f"{TIMELINE}?attribution=insider&attribution=private&entity=tsmc"))
    chips = {
        chip.get_text(" ", strip=True).split(" ×")[0].replace(" (remove this filter)", ""): chip
        for chip in page.select(".chips a.chip")
    }
    assert set(chips) == {
        "Attribution: Insider says",
        "Attribution: Private remark",
        "Naming: TSMC",
    }
    query = parse_qs(urlsplit(chips["Attribution: Insider says"]["href"]).query)
    assert query == {"attribution": ["private"], "entity": ["tsmc"]}
    query = parse_qs(urlsplit(chips["Naming: TSMC"]["href"]).query)
    assert query == {"attribution": ["insider", "private"]}


def test_clear_all_filters_returns_to_the_whole_timeline(client):
    page = soup(client.get(f"{TIMELINE}?attribution=insider&min_confidence=60&q=TSMC"))
    link = page.find("a", string="Clear all filters")
    assert link["href"] == TIMELINE
    assert not soup(client.get(link["href"])).select(".chips")


def test_no_chips_without_filters(client):
    page = soup(client.get(TIMELINE + "?order=stated"))
    assert page.select(".chips") == []


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"order": "stated"},
        {"attribution": "insider"},
        {"attribution": ["insider", "public"], "order": "stated"},
        {"entity": "sam-altman", "from": "2024"},
        {"q": "chips"},
        {"tag": "funding", "status": "unverified"},
    ],
)
def test_a_views_months_are_its_claims_months(seeded_app, query):
    # The strip's bars, the year index and the count all read the months that the facets'
    # statement groups (or the kept rows, unfiltered): they must be the view's own claims.
    with seeded_app.app_context():
        session = get_session()
        dossier = session.scalars(select(Dossier).where(Dossier.slug == "openai-chips")).one()
        filters = parse_filters(MultiDict(query))
        assert not filters.errors
        dialect = session.get_bind().dialect.name
        claims = session.scalars(timeline.filtered(dossier, filters, dialect)).all()
        expected: dict = {}
        for claim in claims:
            day = timeline.sort_date(claim, filters.order)
            expected.setdefault((day.year, day.month), Counter())[claim.attribution] += 1
        months = facet_service.facets(session, dossier, filters).months
        assert months.months == expected
        assert months.total == len(claims) > 0
