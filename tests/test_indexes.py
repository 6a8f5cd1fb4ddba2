"""The indexes of people and organisations and of sources, across dossiers and per dossier
(issue #16, "Find anything from anywhere"): counts, order, and what readers may not see."""

from __future__ import annotations

import pytest

from db import get_session
from models import Claim, Entity, Source
from models.vocabulary import EntityKind, Visibility
from tests.factories import delete, make_claim, make_dossier
from tests.helpers import soup


def index_rows(page) -> list[tuple[str, int]]:
    """(name, count) of each row of an index page, in page order."""
    rows = []
    for item in page.select("ol.index-list > li"):
        count = item.select_one(".facet-count")
        rows.append((item.a.get_text(strip=True), int(count.contents[0].strip())))
    return rows


def add_entity(session, slug: str, name: str) -> Entity:
    entity = Entity(slug=slug, name=name, kind=EntityKind.ORGANISATION)
    session.add(entity)
    session.flush()
    return entity


@pytest.fixture
def counted(seeded_app):
    """A public dossier where Zeta Corp is named by three claims (speaker or mention, one
    claim both), Alpha Corp and Beta Corp by one each, and two sources cited 2 and 1 times."""
    with seeded_app.app_context():
        session = get_session()
        dossier = make_dossier(session, "counted")
        zeta = add_entity(session, "zeta-corp", "Zeta Corp")
        alpha = add_entity(session, "alpha-corp", "Alpha Corp")
        beta = add_entity(session, "beta-corp", "Beta Corp")
        second = Source(dossier=dossier, title="A second source", outlet="Other Outlet")
        session.add(second)
        session.flush()
        make_claim(session, dossier, speaker=zeta, entities=[zeta])
        make_claim(session, dossier, entities=[zeta, beta], source=second)
        make_claim(session, dossier, speaker=zeta, entities=[alpha])
        session.commit()


def test_dossier_entity_index_counts_claims_naming_each_by_count_then_name(client, counted):
    page = soup(client.get("/dossiers/counted/entities/"))
    assert index_rows(page) == [("Zeta Corp", 3), ("Alpha Corp", 1), ("Beta Corp", 1)]


def test_dossier_entity_count_links_to_the_timeline_showing_as_many_claims(client, counted):
    page = soup(client.get("/dossiers/counted/entities/"))
    link = page.select_one("ol.index-list > li a.index-count")
    timeline = soup(client.get(link["href"]))
    assert timeline.select_one("#timeline-heading").get_text().startswith("3 claims")


def test_dossier_source_index_counts_claims_citing_each(client, counted):
    page = soup(client.get("/dossiers/counted/sources/"))
    assert index_rows(page) == [("Source of counted", 2), ("A second source", 1)]


def test_cross_dossier_entity_index_adds_the_new_dossier_to_the_seeded_counts(seeded_app, client):
    before = dict(index_rows(soup(client.get("/entities/"))))
    with seeded_app.app_context():
        session = get_session()
        make_claim(session, make_dossier(session, "more-tsmc"), speaker="tsmc")
        session.commit()
    after = dict(index_rows(soup(client.get("/entities/"))))
    assert after["TSMC"] == before["TSMC"] + 1
    assert {name: n for name, n in after.items() if name != "TSMC"} == {
        name: n for name, n in before.items() if name != "TSMC"
    }


def test_the_json_twin_lists_the_same_rows_as_the_page(client, counted):
    for page_path, api_path, field in [
        ("/dossiers/counted/entities/", "/api/v1/index/entities?dossier=counted", "name"),
        ("/dossiers/counted/sources/", "/api/v1/index/sources?dossier=counted", "title"),
        ("/entities/", "/api/v1/index/entities", "name"),
        ("/sources/", "/api/v1/index/sources", "title"),
    ]:
        items = client.get(api_path).get_json()["items"]
        rows = [(item[field], item["count"]) for item in items]
        assert rows == index_rows(soup(client.get(page_path))), page_path


def test_an_entity_named_only_in_a_private_dossier_is_for_editors_only(
    seeded_app, client, editor_client
):
    with seeded_app.app_context():
        session = get_session()
        hidden = add_entity(session, "veiled-partner", "Veiled Partner")
        private = make_dossier(session, "closed-story", visibility=Visibility.PRIVATE)
        make_claim(session, private, entities=[hidden])
        session.commit()
    for path in ("/entities/", "/api/v1/index/entities"):
        assert "Veiled Partner" not in client.get(path).get_data(as_text=True), path
    names = dict(index_rows(soup(editor_client.get("/entities/"))))
    assert names["Veiled Partner"] == 1
    assert soup(editor_client.get("/dossiers/closed-story/entities/")).select("ol.index-list li")
    assert client.get("/dossiers/closed-story/entities/").status_code == 404


def test_a_deleted_claim_no_longer_counts(seeded_app, client, counted):
    with seeded_app.app_context():
        session = get_session()
        dossier = make_dossier(session, "short-lived")
        claim_id = make_claim(session, dossier, entities=["zeta-corp"]).id
        session.commit()
    assert dict(index_rows(soup(client.get("/entities/"))))["Zeta Corp"] == 4
    with seeded_app.app_context():
        session = get_session()
        delete(session, session.get(Claim, claim_id))
        session.commit()
    assert dict(index_rows(soup(client.get("/entities/"))))["Zeta Corp"] == 3
    assert index_rows(soup(client.get("/dossiers/short-lived/sources/"))) == [
        ("Source of short-lived", 0)
    ]


def test_an_unlisted_dossiers_sources_are_absent(seeded_app, client, editor_client):
    with seeded_app.app_context():
        session = get_session()
        make_claim(session, make_dossier(session, "hush", visibility=Visibility.UNLISTED))
        session.commit()
    for path in ("/sources/", "/api/v1/index/sources"):
        assert "Source of hush" not in client.get(path).get_data(as_text=True), path
    assert client.get("/dossiers/hush/sources/").status_code == 404
    assert client.get("/api/v1/index/sources?dossier=hush").status_code == 404
    assert ("Source of hush", 1) in index_rows(soup(editor_client.get("/sources/")))


def test_the_site_nav_and_the_dossier_page_link_the_indexes(client):
    nav = soup(client.get("/")).select_one('nav[aria-label="Site"]')
    assert {a["href"] for a in nav.select("a")} >= {"/entities/", "/sources/"}
    dossier = soup(client.get("/dossiers/openai-chips/"))
    links = {a["href"] for a in dossier.select(".dossier-indexes a")}
    assert links == {"/dossiers/openai-chips/entities/", "/dossiers/openai-chips/sources/"}
    for href in links:
        assert index_rows(soup(client.get(href))), href


@pytest.mark.parametrize("path", ["/entities/", "/api/v1/index/entities"])
def test_an_unchanged_index_answers_304_and_a_write_renews_it(seeded_app, client, path):
    etag = client.get(path).headers["ETag"]
    assert client.get(path, headers={"If-None-Match": etag}).status_code == 304
    with seeded_app.app_context():
        session = get_session()
        make_claim(session, make_dossier(session, "fresh"), speaker="tsmc")
        session.commit()
    renewed = client.get(path, headers={"If-None-Match": etag})
    assert renewed.status_code == 200 and renewed.headers["ETag"] != etag
