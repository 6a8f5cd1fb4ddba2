"""Keyset pagination over 10,000 claims that share a handful of dates: every claim exactly
once, in timeline order, whether a page is read from the date index or from a search."""

from __future__ import annotations

import json
import random

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from db import engine_of, get_session
from models import Claim, Dossier
from models.vocabulary import Attribution
from services.interchange import formats, imports
from tests.conftest import build_app

pytestmark = pytest.mark.slow

CLAIMS = 10_000
# Twelve dates for 10,000 claims: hundreds of ties on each, precise and imprecise.
DATES = ["2023", "2023-06", "2023-06-01", "2023-06-01", "2024-03-12", "2024~", "2024-Q1",
         "2024-03", "2021/2022", "2025-01-01", "2025-01-01", "1999"]  # fmt: skip


def ties_document() -> bytes:
    rng = random.Random(7)
    claims = [
        {
            "key": f"tie-{n}",
            "statement": f"Tied claim number {n} about {'wafers' if n % 3 else 'packaging'}.",
            "attribution": rng.choice(["public", "insider", "report"]),
            "source": "wire",
            "stated_date": "2025-06-01",
            "event_date": rng.choice(DATES),
            "confidence": 50,
            "tags": ["even"] if n % 2 == 0 else [],
        }
        for n in range(CLAIMS)
    ]
    document = {
        "format": "claimline-dossier",
        "format_version": 1,
        "dossier": {"slug": "ties", "title": "Ties", "visibility": "public"},
        "sources": [{"key": "wire", "title": "Wire copy", "kind": "news_article"}],
        "entities": [],
        "claims": claims,
        "relations": [],
    }
    return json.dumps(document).encode()


@pytest.fixture(scope="module")
def ties_app(tmp_path_factory, migrated_template):
    app = build_app(tmp_path_factory.mktemp("ties"), migrated_template)
    with app.app_context():
        session = get_session()
        document = formats.read(ties_document(), "ties.json")
        report = imports.run(session, document, "ties", None)
        assert report.ok, report.rejections[:3]
        session.commit()
    yield app
    engine_of(app).dispose()


def walk(app, query: str) -> list[dict]:
    """Every item of the API listing, following `next` links to the end."""
    client = app.test_client()
    url, items = f"/api/v1/claims?dossier=ties&per_page=200{query}", []
    while url:
        body = client.get(url).get_json()
        items += body["items"]
        url = body["next"]
    return items


def expected_ids(app, condition=None) -> list[int]:
    """Ids in timeline order, straight from the table."""
    with app.app_context():
        statement = select(Claim.id).join(Dossier).where(Dossier.slug == "ties")
        if condition is not None:
            statement = statement.where(condition)
        return list(get_session().scalars(statement.order_by(Claim.timeline_date, Claim.id)))


@pytest.mark.parametrize(
    ("query", "condition"),
    [
        ("", None),
        # Words in every claim, and in a third: pages walk the date index (many matches).
        ("&q=tied", None),
        ("&q=packaging", Claim.statement.contains("packaging")),
        ("&tag=even", Claim.key.in_([f"tie-{n}" for n in range(0, CLAIMS, 2)])),
    ],
)
def test_every_claim_comes_once_in_timeline_order(ties_app, query, condition):
    items = walk(ties_app, query)
    ids = [item["id"] for item in items]
    assert len(ids) == len(set(ids))
    assert ids == expected_ids(ties_app, condition)


def test_the_html_pages_link_through_the_same_claims(ties_app):
    client, url, ids = ties_app.test_client(), "/dossiers/ties/?per_page=200", []
    while url:
        page = BeautifulSoup(client.get(url).get_data(as_text=True), "html.parser")
        ids += [int(card["id"].removeprefix("claim-")) for card in page.select("article.claim")]
        following = page.select_one('nav.pager a[rel="next"]')
        url = following["href"] if following else None
    # Within a page, claims dated only to a year are shown before the year's months, so
    # the page's order can differ from the API's among ties; each claim still comes once.
    assert len(ids) == len(set(ids))
    assert sorted(ids) == sorted(expected_ids(ties_app))


@pytest.mark.parametrize(
    ("query", "condition"),
    [
        # More matches than a first page counts as it sorts them (timeline._count_and_keys)...
        ("&q=tied", None),
        # ...and fewer, found by a search or by a filter alone.
        ("&q=packaging", Claim.statement.contains("packaging")),
        ("&attribution=report", Claim.attribution == Attribution.REPORT),
    ],
)
def test_the_first_page_counts_every_match_however_it_is_read(ties_app, query, condition):
    client = ties_app.test_client()
    body = client.get(f"/api/v1/claims?dossier=ties&per_page=20{query}").get_json()
    expected = expected_ids(ties_app, condition)
    assert body["total"] == len(expected)
    assert [item["id"] for item in body["items"]] == expected[:20]
