"""Exports and feeds: CSV, Claimline JSON, TimelineJS3 JSON, Atom, and claim-page JSON-LD."""

from __future__ import annotations

import csv
import io
import json

import feedparser
import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from db import get_session
from models import Claim, Dossier
from models.vocabulary import Status, Visibility
from services.interchange.formats.csv_columns import CSV_COLUMNS
from tests.conftest import claim_by_key
from tests.helpers import bearer

EXPORTS = "/dossiers/openai-chips/"
# A TimelineJS3 slide's members, as its JSON format documents them.
TIMELINEJS_SLIDE_MEMBERS = {
    "start_date", "end_date", "display_date", "text", "group", "unique_id", "media",
    "background", "autolink",
}  # fmt: skip
TRICKY = {
    "statement": '=HYPERLINK("http://evil.test","click"), said "Wei", then left',
    "quote": "台积电表示,计划\n太激进 — «trop agressif»",
    "notes": "@mention, +1\r\nsecond line",
}


@pytest.fixture
def tricky_claim(seeded_app):
    """A claim whose texts hold commas, quotes, newlines, formula starts and non-Latin text."""
    with seeded_app.app_context():
        session = get_session()
        claim = claim_by_key(session, "tsmc-ceo-plan-too-aggressive")
        claim.statement, claim.quote, claim.notes = (
            TRICKY["statement"],
            TRICKY["quote"],
            TRICKY["notes"],
        )
        session.commit()
        return claim.id


def csv_rows(client, query: str = "") -> list[dict]:
    response = client.get(EXPORTS + "claims.csv" + query)
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.data.decode("utf-8"), newline="")))


def test_csv_has_one_row_per_claim_and_the_documented_columns(client):
    response = client.get(EXPORTS + "claims.csv")
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="openai-chips-claims.csv"'
    )
    assert not response.data.startswith(b"\xef\xbb\xbf")  # no byte order mark
    header = response.data.split(b"\r\n", 1)[0].decode()
    assert header.split(",") == list(CSV_COLUMNS)
    assert len(csv_rows(client)) == 48


def test_csv_keeps_commas_quotes_newlines_and_non_latin_text(client, tricky_claim):
    row = next(r for r in csv_rows(client) if r["key"] == "tsmc-ceo-plan-too-aggressive")
    assert row["quote"] == TRICKY["quote"]
    assert row["statement"] == "'" + TRICKY["statement"]
    assert row["notes"] == "'" + TRICKY["notes"]


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_csv_neutralises_every_formula_start(client, seeded_app, start):
    with seeded_app.app_context():
        session = get_session()
        claim_by_key(session, "hbm-shortage").statement = start + "1+1"
        session.commit()
    row = next(r for r in csv_rows(client) if r["key"] == "hbm-shortage")
    assert row["statement"] == "'" + start + "1+1"


def test_csv_rows_carry_dates_attribution_speaker_source_and_tags(client):
    row = next(r for r in csv_rows(client) if r["key"] == "tsmc-ceo-plan-too-aggressive")
    assert row["stated_date"] == "2024-06-04" and row["stated_date_label"] == "4 June 2024"
    assert row["attribution"] == "public" and row["attribution_label"] == "Public statement"
    assert row["speaker"] == "cc-wei" and row["speaker_name"] == "C.C. Wei"
    assert row["source"] and row["source_title"]
    assert row["confidence"] == "95" and row["status"] == "contested"
    assert "contradicts tsmc-leaders-private-promise" in row["relations"]
    assert row["url"].startswith("http://claimline.test/claims/")


def test_exports_honour_the_timeline_filters(client):
    rows = csv_rows(client, "?attribution=insider")
    assert rows and {row["attribution"] for row in rows} == {"insider"}
    data = client.get(EXPORTS + "claims.json?attribution=insider").get_json()
    assert {claim["attribution"] for claim in data["claims"]} == {"insider"}
    events = client.get(EXPORTS + "timelinejs.json?attribution=insider").get_json()["events"]
    assert {event["group"] for event in events} == {"Insider says"}


def test_an_export_with_a_filter_it_cannot_apply_is_refused(client):
    assert client.get(EXPORTS + "claims.csv?min_confidence=high").status_code == 400


def test_claimline_json_holds_the_whole_dossier_in_a_stable_order(client):
    data = client.get(EXPORTS + "claims.json").get_json()
    assert data["format"] == "claimline-dossier" and data["dossier"]["slug"] == "openai-chips"
    assert [source["key"] for source in data["sources"]] == sorted(
        source["key"] for source in data["sources"]
    )
    assert [entity["slug"] for entity in data["entities"]] == sorted(
        entity["slug"] for entity in data["entities"]
    )
    assert len(data["claims"]) == 48
    wei = next(claim for claim in data["claims"] if claim["key"] == "tsmc-ceo-plan-too-aggressive")
    assert wei["stated_date"] == {
        "edtf": "2024-06-04",
        "earliest": "2024-06-04",
        "latest": "2024-06-04",
        "label": "4 June 2024",
    }
    assert {
        "from": "tsmc-ceo-plan-too-aggressive",
        "type": "contradicts",
        "to": "tsmc-leaders-private-promise",
    }.items() <= next(r for r in data["relations"] if r["from"] == wei["key"]).items()
    assert client.get(EXPORTS + "claims.json").data == client.get(EXPORTS + "claims.json").data


def test_timelinejs_has_the_structure_timelinejs3_documents(client):
    data = client.get(EXPORTS + "timelinejs.json").get_json()
    assert data["title"]["text"]["headline"]
    events = data["events"]
    assert len(events) == 48
    assert len({event["unique_id"] for event in events}) == 48
    for event in events:
        assert set(event) <= TIMELINEJS_SLIDE_MEMBERS
        assert isinstance(event["start_date"]["year"], int)
        assert event["text"]["headline"] and event["display_date"]
    groups = {event["group"] for event in events}
    assert {"Insider says", "Public statement", "Private remark"} <= groups


def timelinejs_event(client, key: str) -> dict:
    events = client.get(EXPORTS + "timelinejs.json").get_json()["events"]
    return next(event for event in events if event["unique_id"] == key)


@pytest.mark.parametrize(
    "key, start, end",
    [
        ("tsmc-ceo-plan-too-aggressive", {"year": 2024, "month": 6, "day": 4}, None),
        ("tsmc-leaders-private-promise", {"year": 2023}, {"year": 2024, "month": 7}),
    ],
)
def test_timelinejs_dates_are_as_precise_as_the_claim(client, key, start, end):
    event = timelinejs_event(client, key)
    assert {k: v for k, v in event["start_date"].items() if k != "display_date"} == start
    if end is None:
        assert "end_date" not in event
    else:
        assert {k: v for k, v in event["end_date"].items() if k != "display_date"} == end
    assert event["display_date"] == event["start_date"]["display_date"]


def test_timelinejs_text_has_the_quote_and_attribution_escaped(client, tricky_claim):
    event = timelinejs_event(client, "tsmc-ceo-plan-too-aggressive")
    text = BeautifulSoup(event["text"]["text"], "html.parser")
    assert text.find("strong").get_text() == "Public statement"
    assert text.find("blockquote").get_text() == TRICKY["quote"]
    assert "&#34;" in event["text"]["headline"] or "&quot;" in event["text"]["headline"]
    assert "<" not in event["text"]["headline"]


def test_public_json_exports_may_be_loaded_by_other_sites(client):
    response = client.get(EXPORTS + "timelinejs.json")
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_dossier_feed_parses_and_lists_newest_claims_first(client, tricky_claim):
    response = client.get(EXPORTS + "feed.atom")
    assert response.mimetype == "application/atom+xml"
    feed = feedparser.parse(response.data)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title.startswith("OpenAI's in-house AI chip")
    published = [entry.published_parsed for entry in feed.entries]
    assert published == sorted(published, reverse=True) and len(feed.entries) == 48
    entry = next(e for e in feed.entries if e.title == TRICKY["statement"])
    assert entry.link == f"http://claimline.test/claims/{tricky_claim}"


def test_site_wide_changes_feed_parses_and_names_the_change(client, db_session, write_token):
    claim_id = claim_by_key(db_session, "hbm-shortage").id
    db_session.rollback()
    client.patch(
        f"/api/v1/claims/{claim_id}",
        json={"version": 1, "statement": TRICKY["statement"]},
        headers=bearer(write_token),
    )
    feed = feedparser.parse(client.get("/changes.atom", headers=bearer(write_token)).data)
    assert not feed.bozo, feed.get("bozo_exception")
    newest = feed.entries[0]
    assert newest.title == f"Claim edited: {TRICKY['statement']}"
    assert newest.link == f"http://claimline.test/claims/{claim_id}"
    assert newest.author == "Editor" and "Changed: statement" in newest.summary


def test_a_control_character_does_not_break_the_feed(client, seeded_app):
    with seeded_app.app_context():
        session = get_session()
        claim_by_key(session, "hbm-shortage").statement = "bell \x07 and null-ish \x0b text"
        session.commit()
    assert not feedparser.parse(client.get(EXPORTS + "feed.atom").data).bozo


def test_a_private_dossier_exports_nothing_to_a_reader(client, seeded_app, read_token):
    with seeded_app.app_context():
        session = get_session()
        dossier = session.scalar(select(Dossier).where(Dossier.slug == "openai-chips"))
        dossier.visibility = Visibility.PRIVATE
        session.commit()
    for name in ("claims.csv", "claims.json", "timelinejs.json", "feed.atom"):
        assert client.get(EXPORTS + name).status_code == 404, name
    assert client.get("/changes.atom").status_code == 401
    changes = feedparser.parse(client.get("/changes.atom", headers=bearer(read_token)).data)
    changes = changes.entries
    assert changes and {entry.tags[0].term for entry in changes} == {"entity"}


def test_timeline_links_to_the_exports_keeping_its_filters(client):
    page = BeautifulSoup(client.get(EXPORTS + "?attribution=insider").data, "html.parser")
    links = {a.get_text(): a["href"] for a in page.select("nav.exports a")}
    assert links["CSV"] == EXPORTS + "claims.csv?attribution=insider"
    assert links["TimelineJS"] == EXPORTS + "timelinejs.json?attribution=insider"
    feed = page.select_one('link[rel="alternate"][type="application/atom+xml"]')
    assert feed["href"] == EXPORTS + "feed.atom?attribution=insider"


def structured_data(client, claim_id: int) -> dict:
    page = BeautifulSoup(client.get(f"/claims/{claim_id}").data, "html.parser")
    return json.loads(page.select_one('script[type="application/ld+json"]').string)


def test_a_contested_claim_page_has_a_claim_review(client, db_session):
    claim_id = claim_by_key(db_session, "tsmc-ceo-plan-too-aggressive").id
    db_session.rollback()
    data = structured_data(client, claim_id)
    assert data["@context"] == "https://schema.org" and data["@type"] == "ClaimReview"
    assert data["reviewRating"]["ratingValue"] == 3
    claim = data["itemReviewed"]
    assert claim["@type"] == "Claim"
    assert claim["author"] == {"@type": "Person", "name": "C.C. Wei"}
    assert claim["datePublished"] == "2024-06-04"
    assert claim["appearance"]["@type"] == "CreativeWork"


def test_an_unverified_claim_page_has_a_claim_only(client, db_session):
    claim_id = db_session.scalar(select(Claim.id).where(Claim.status == Status.UNVERIFIED))
    db_session.rollback()
    data = structured_data(client, claim_id)
    assert data["@type"] == "Claim" and "reviewRating" not in data
    assert data["url"] == f"http://claimline.test/claims/{claim_id}"


def test_json_ld_cannot_close_its_script_element(client, seeded_app):
    with seeded_app.app_context():
        session = get_session()
        claim = claim_by_key(session, "hbm-shortage")
        claim.statement = "</script><script>alert(1)</script>"
        session.commit()
        claim_id = claim.id
    html = client.get(f"/claims/{claim_id}").data.decode()
    assert "</script><script>alert(1)" not in html
    assert structured_data(client, claim_id)["text"] == "</script><script>alert(1)</script>"
