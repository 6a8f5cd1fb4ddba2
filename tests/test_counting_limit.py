"""A filtered view of more claims than it counts (limits.COUNTED_CLAIMS_MAX, lowered here to
fit the seeded dossier): its cost stays bounded whatever the dossier, and it says "more
than" rather than print a number it did not count. Every claim it matches is still listed."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from sqlalchemy import select

from models import Claim, Dossier, limits
from models.vocabulary import Attribution
from tests.helpers import soup

TIMELINE = "/dossiers/openai-chips/"


def matching_ids(session, attribution: str | None = None, word: str | None = None) -> list[int]:
    """The live claims of the seeded dossier with this attribution or containing this word,
    in timeline order: an oracle that does not go through the timeline's filters."""
    dossier = session.scalars(select(Dossier).where(Dossier.slug == "openai-chips")).one()
    claims = session.scalars(
        select(Claim)
        .where(Claim.dossier_id == dossier.id, Claim.deleted_at.is_(None))
        .order_by(Claim.timeline_date, Claim.id)
    ).all()
    return [
        claim.id
        for claim in claims
        if (attribution is None or claim.attribution == Attribution(attribution))
        and (word is None or word.lower() in claim.search_text.lower())
    ]


def walk(client, url: str) -> tuple[list[int], list]:
    """Every claim id over the view's pages, following "Later claims", and the pages."""
    ids, pages = [], []
    while url:
        page = soup(client.get(url))
        pages.append(page)
        ids += [int(card["id"].removeprefix("claim-")) for card in page.select("article.claim")]
        following = page.select_one(".pager a[rel=next]")
        url = following["href"] if following else None
    return ids, pages


def live_claims(session) -> list[Claim]:
    dossier = session.scalars(select(Dossier).where(Dossier.slug == "openai-chips")).one()
    return list(
        session.scalars(
            select(Claim).where(Claim.dossier_id == dossier.id, Claim.deleted_at.is_(None))
        )
    )


def attribution_counts(page) -> dict[str, int]:
    return {
        item.select_one("input")["value"]: int(item.select_one(".facet-count").contents[0])
        for item in page.select(".facet-attributions li")
    }


def heading(page) -> str:
    return " ".join(page.select_one("#timeline-heading").get_text().split())


def option_texts(page, select_id: str) -> list[str]:
    return [option.get_text() for option in page.select(f"#{select_id} option")[1:]]


@pytest.fixture
def limit_of(monkeypatch):
    def lower(number: int) -> None:
        monkeypatch.setattr(limits, "COUNTED_CLAIMS_MAX", number)

    return lower


def test_a_view_one_past_the_limit_says_more_than_and_lists_every_claim(
    client, db_session, limit_of
):
    expected = matching_ids(db_session, attribution="insider")
    assert len(expected) > 3
    limit_of(len(expected) - 1)
    ids, pages = walk(client, TIMELINE + "?attribution=insider&per_page=2")
    assert ids == expected
    first = pages[0]
    assert heading(first) == (
        f"More than {len(expected) - 1} claims match these filters, placed by when they happened"
    )
    assert first.select_one(".beyond-counting")
    # Nothing it did not count: no numbers on the choices, no strip, no year index.
    for select_id in ("f-entity", "f-tag", "f-source", "f-status"):
        texts = option_texts(first, select_id)
        assert texts, select_id
        assert not any(re.search(r"\(\d+\)$", text) for text in texts), (select_id, texts)
    assert not first.select(".overview, .year-index, .key-entities")
    # The attribution choices count without their own filter: every claim of the dossier,
    # kept at write time, so their numbers stay.
    assert attribution_counts(first) == Counter(
        Attribution(claim.attribution).value for claim in live_claims(db_session)
    ) | {kind.value: 0 for kind in Attribution if kind.value not in attribution_counts(first)}
    assert first.select_one("#f-attribution-insider").has_attr("checked")


def test_each_facet_is_counted_or_not_by_its_own_claims(client, db_session, limit_of):
    """The entity facet counts the view without its entity: beyond the limit here, while
    the view itself, and so the tag facet, are counted."""
    insiders = matching_ids(db_session, attribution="insider")
    limit_of(len(insiders) - 1)
    page = soup(client.get(TIMELINE + "?attribution=insider&entity=sam-altman"))
    assert re.fullmatch(
        r"\d+ claims? match(es)? these filters, placed by when they happened", heading(page)
    )
    assert not page.select_one(".beyond-counting")
    assert not any(re.search(r"\(\d+\)$", text) for text in option_texts(page, "f-entity"))
    assert all(re.search(r"\(\d+\)$", text) for text in option_texts(page, "f-tag"))
    assert page.select_one("#f-entity option[selected]")["value"] == "sam-altman"


def test_a_view_exactly_at_the_limit_is_counted(client, db_session, limit_of):
    expected = matching_ids(db_session, attribution="insider")
    limit_of(len(expected))
    page = soup(client.get(TIMELINE + "?attribution=insider"))
    assert heading(page) == (
        f"{len(expected)} claims match these filters, placed by when they happened"
    )
    assert not page.select_one(".beyond-counting")
    assert page.select_one(".overview")
    assert all(re.search(r"\(\d+\)$", text) for text in option_texts(page, "f-entity"))


def test_a_search_past_the_limit_lists_every_match_in_order(client, db_session, limit_of):
    expected = matching_ids(db_session, word="openai")
    assert len(expected) > 3
    limit_of(3)
    ids, pages = walk(client, TIMELINE + "?q=openai&per_page=4")
    assert ids == expected
    assert heading(pages[0]).startswith("More than 3 claims match")
    assert len(pages) == -(-len(expected) // 4)


def test_in_french_the_view_says_plus_de(client, limit_of):
    limit_of(2)
    page = soup(client.get(TIMELINE + "?attribution=insider", headers={"Accept-Language": "fr"}))
    assert heading(page) == (
        "Plus de 2 affirmations correspondent à ces filtres, placées selon la date des faits"
    )
    assert "Au-delà de 2 affirmations" in page.select_one(".beyond-counting").get_text()


def test_the_stated_order_says_more_than_in_its_own_words(client, limit_of):
    limit_of(2)
    page = soup(client.get(TIMELINE + "?attribution=insider&order=stated"))
    assert heading(page) == (
        "More than 2 claims match these filters, placed by when they were said or reported"
    )


def test_the_unfiltered_timeline_is_always_counted(client, db_session, limit_of):
    limit_of(1)
    page = soup(client.get(TIMELINE))
    total = len(matching_ids(db_session))
    assert heading(page) == f"{total} claims, placed by when they happened"
    assert page.select_one(".overview")
    assert not page.select_one(".beyond-counting")
