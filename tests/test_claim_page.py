"""The claim page: everything about one claim, its relations both ways and its neighbours."""

from __future__ import annotations

from bs4 import BeautifulSoup

from models.vocabulary import RelationType
from tests.conftest import claim_by_key
from tests.factories import delete, make_claim, make_dossier
from tests.helpers import soup


def facts(page) -> dict[str, BeautifulSoup]:
    return {
        dt.get_text(strip=True): dt.find_next_sibling("dd") for dt in page.select("dl.facts dt")
    }


def groups(page) -> dict[str, list[str]]:
    return {
        group.h3.get_text(strip=True): [a["href"] for a in group.select("li > a")]
        for group in page.select("section.relation-group")
    }


def test_the_claim_page_shows_the_claim_in_full(client, db_session):
    wei = claim_by_key(db_session, "tsmc-ceo-plan-too-aggressive")
    page = soup(client.get(f"/claims/{wei.id}"))
    assert page.h1.get_text(strip=True) == wei.statement
    quote = page.select_one("figure.quote-figure")
    assert quote.blockquote["lang"] == "fr"
    assert "paragraph 7" in quote.figcaption.get_text()
    shown = facts(page)
    assert shown["When it happened"].get_text(" ", strip=True) == "4 June 2024"
    stored = shown["Dates as stored"].select_one("details.edtf-details")
    assert [code.get_text() for code in stored.select("code")] == ["2024-06-04", "2024-06-04"]
    assert (
        "95%" in shown["Confidence"].get_text()
        and "almost certain" in shown["Confidence"].get_text()
    )
    assert shown["Status"].get_text(strip=True) == "Contested"
    assert shown["Who says so"].a["href"] == "/entities/cc-wei"
    names = {a.get_text(): a["href"] for a in shown["Names"].select("a")}
    assert names["TSMC"] == "/entities/tsmc"
    tags = {a.get_text(): a["href"] for a in shown["Tags"].select("a")}
    assert tags["tsmc"] == "/dossiers/openai-chips/?tag=tsmc"
    assert "shareholders" in page.select_one("section .prose").get_text()


def test_imprecise_dates_show_their_label_and_keep_the_edtf_in_details(client, db_session):
    claim = claim_by_key(db_session, "chip-production-not-before-2026")
    shown = facts(soup(client.get(f"/claims/{claim.id}")))
    assert shown["When it happened"].get_text(" ", strip=True) == "2026 or later"
    assert shown["When it was said"].get_text(" ", strip=True) == "around July 2024"
    stored = shown["Dates as stored"].select("details.edtf-details code")
    assert [code.get_text() for code in stored] == ["2026/..", "2024-07~"]


def test_related_claims_are_grouped_by_type_in_both_directions(client, db_session):
    wei = claim_by_key(db_session, "tsmc-ceo-plan-too-aggressive")
    promise = claim_by_key(db_session, "tsmc-leaders-private-promise")
    approached = claim_by_key(db_session, "altman-approached-chipmakers")
    rejected = claim_by_key(db_session, "chipmaker-executives-rejected-plan")
    meeting = claim_by_key(db_session, "wei-agm-too-aggressive")
    found = groups(soup(client.get(f"/claims/{wei.id}")))
    assert list(found) == ["Contradicts", "Confirmed by", "Supports"]
    assert found["Contradicts"] == [f"/claims/{promise.id}"]
    assert sorted(found["Supports"]) == sorted(
        [f"/claims/{approached.id}", f"/claims/{rejected.id}"]
    )
    assert found["Confirmed by"] == [f"/claims/{meeting.id}"]
    assert list(groups(soup(client.get(f"/claims/{promise.id}")))) == [
        "Contradicted by",
        "Supported by",
    ]


def test_relation_notes_are_shown(client, db_session):
    wei = claim_by_key(db_session, "tsmc-ceo-plan-too-aggressive")
    page = soup(client.get(f"/claims/{wei.id}"))
    note = page.select_one(".relation-contradicts .relation-note").get_text()
    assert "Public scepticism" in note


def test_a_deleted_claim_vanishes_from_the_claims_related_to_it(client, db_session):
    """Deleted means absent: not a struck-through "retracted" line (that is a status)."""
    wei = claim_by_key(db_session, "tsmc-ceo-plan-too-aggressive")
    promise = claim_by_key(db_session, "tsmc-leaders-private-promise")
    statement = promise.statement
    delete(db_session, promise)
    db_session.commit()
    page = soup(client.get(f"/claims/{wei.id}"))
    assert statement not in page.get_text()
    assert not page.select(".retracted-target")
    timeline = soup(client.get("/dossiers/openai-chips/"))
    card = timeline.select_one(f"#claim-{wei.id}")
    assert statement[:60] not in card.get_text()
    assert not card.select(".retracted-target")


def test_neighbours_are_the_claims_before_and_after_on_the_timeline(client, db_session):
    dossier = make_dossier(db_session, "neighbours")
    first = make_claim(db_session, dossier, statement="First", event_date="2024-01-01")
    middle = make_claim(db_session, dossier, statement="Middle", event_date="2024-02-01")
    gone = make_claim(db_session, dossier, statement="Gone", event_date="2024-02-15")
    last = make_claim(db_session, dossier, statement="Last", event_date="2024-03-01")
    delete(db_session, gone)
    db_session.commit()
    page = soup(client.get(f"/claims/{middle.id}"))
    assert page.select_one('.neighbours a[rel="prev"]')["href"] == f"/claims/{first.id}"
    assert page.select_one('.neighbours a[rel="next"]')["href"] == f"/claims/{last.id}"
    edge = soup(client.get(f"/claims/{first.id}"))
    assert edge.select_one('.neighbours a[rel="prev"]') is None
    assert "first claim" in edge.select_one(".neighbour-prev").get_text()


def test_the_claim_links_to_its_place_on_the_timeline(client, db_session):
    promise = claim_by_key(db_session, "tsmc-leaders-private-promise")
    page = soup(client.get(f"/claims/{promise.id}"))
    link = page.find("a", string="This claim on the timeline")
    timeline = soup(client.get(link["href"]))
    assert timeline.select("article.claim")[0]["id"] == f"claim-{promise.id}"
    assert link["href"].endswith(f"#claim-{promise.id}")


def test_the_head_carries_a_canonical_url_and_a_description(client, db_session):
    wei = claim_by_key(db_session, "tsmc-ceo-plan-too-aggressive")
    page = soup(client.get(f"/claims/{wei.id}"))
    assert page.select_one('link[rel="canonical"]')["href"] == (
        f"http://claimline.test/claims/{wei.id}"
    )
    description = page.select_one('meta[name="description"]')["content"]
    assert description.startswith("Public statement, 4 June 2024: TSMC chief executive")


def test_notes_are_rendered_and_sanitised(client, db_session, seeded_dossier):
    claim = make_claim(
        db_session,
        seeded_dossier,
        notes="**Bold** <script>alert(1)</script> [x](javascript:alert(2)) <img src=x onerror=y>",
    )
    db_session.commit()
    page = soup(client.get(f"/claims/{claim.id}"))
    prose = page.select_one("section .prose")
    assert prose.strong.get_text() == "Bold"
    assert prose.select("script, img") == []
    assert all("javascript" not in (a.get("href") or "") for a in prose.select("a"))


def test_anonymous_speakers_show_the_source_description(client, db_session):
    promise = claim_by_key(db_session, "tsmc-leaders-private-promise")
    page = soup(client.get(f"/claims/{promise.id}"))
    assert facts(page)["Who says so"].get_text(strip=True) == "A senior TSMC executive"
    assert page.select_one(".speaker .anonymous").get_text(strip=True) == "A senior TSMC executive"


def test_deleted_and_unknown_claims_are_404(client, db_session):
    wei = claim_by_key(db_session, "tsmc-ceo-plan-too-aggressive")
    delete(db_session, wei)
    db_session.commit()
    assert client.get(f"/claims/{wei.id}").status_code == 404
    assert client.get("/claims/999999").status_code == 404


def test_relations_in_both_directions_between_new_claims(client, db_session, seeded_dossier):
    target = make_claim(db_session, seeded_dossier, statement="The target claim.")
    source = make_claim(
        db_session,
        seeded_dossier,
        statement="The refuting claim.",
        relations=[(RelationType.REFUTES, target)],
    )
    db_session.commit()
    assert groups(soup(client.get(f"/claims/{target.id}"))) == {
        "Refuted by": [f"/claims/{source.id}"]
    }
    assert groups(soup(client.get(f"/claims/{source.id}"))) == {"Refutes": [f"/claims/{target.id}"]}
