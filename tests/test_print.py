"""The printed dossier as HTML: contents and order, notes, cover, tensions, index and method, no
screen chrome, safety and cost; its filters are in test_print_filters.py."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from db import get_session
from models import Claim, Dossier, Entity, Source
from models.vocabulary import EntityKind, RelationType, Visibility
from services.editing import markdown_render
from tests.conftest import claim_by_key
from tests.factories import delete, make_claim, make_dossier
from tests.helpers import soup
from tests.queries import count_statements

PRINT = "/dossiers/openai-chips/print"


def printed_statements(page: BeautifulSoup) -> list[str]:
    """Each printed claim's statement, without its footnote number."""
    statements = []
    for heading in page.select("main article.entry .entry-statement"):
        for note in heading.select(".footnote-ref"):
            note.decompose()
        statements.append(heading.get_text(strip=True))
    return statements


def entry_for(page: BeautifulSoup, statement: str):
    """The printed entry whose own statement (not a related claim's) is `statement`."""
    for entry in page.select("main article.entry"):
        heading = entry.select_one(".entry-statement")
        if heading.find(string=True, recursive=False).strip() == statement:
            return entry
    raise AssertionError(f"no entry for {statement!r}")


def live_claims(session, slug: str = "openai-chips") -> list[Claim]:
    """The dossier's live claims in timeline order (event date, then id)."""
    return list(
        session.scalars(
            select(Claim)
            .join(Dossier)
            .where(Dossier.slug == slug, Claim.deleted_at.is_(None))
            .order_by(Claim.timeline_date, Claim.id)
        )
    )


# --- contents and order -----------------------------------------------------------------


def timeline_statements(client, query: str = "") -> list[str]:
    """The statements of the timeline page, in its order (every claim on one page)."""
    page = soup(client.get(f"/dossiers/openai-chips/?per_page=200&{query}"))
    return [h.get_text(strip=True) for h in page.select("article.claim .statement")]


def test_every_claim_is_printed_once_in_timeline_order(client, db_session):
    page = soup(client.get(PRINT))
    expected = timeline_statements(client)
    assert sorted(expected) == sorted(claim.statement for claim in live_claims(db_session))
    assert printed_statements(page) == expected
    numbers = [
        entry.select_one(".entry-number").get_text(" ", strip=True)
        for entry in page.select("article.entry")
    ]
    assert numbers == [str(n) for n in range(1, len(expected) + 1)]


def test_claims_are_grouped_under_year_and_month_headings(client):
    page = soup(client.get(PRINT))
    years = page.select("#timeline .year-heading")
    assert [h.get_text(strip=True) for h in years][:2] == ["2014", "2023"]
    assert page.select_one("#timeline .month-heading").find_parent("section", class_="month")
    for entry in page.select("article.entry"):
        assert entry.find_parent("section", class_="month") is not None


def test_deleted_claims_are_not_printed(client, db_session):
    claim = claim_by_key(db_session, "tsmc-ceo-plan-too-aggressive")
    statement = claim.statement
    delete(db_session, claim)
    db_session.commit()
    assert statement not in printed_statements(soup(client.get(PRINT)))


def test_each_claim_shows_date_attribution_speaker_quote_confidence_and_status(client, db_session):
    wei = claim_by_key(db_session, "tsmc-ceo-plan-too-aggressive")
    page = soup(client.get(PRINT))
    entry = entry_for(page, wei.statement)
    text = entry.get_text(" ", strip=True)
    assert "4 June 2024" in text
    assert entry.select_one(".tag").get_text(strip=True) == "Public statement"
    assert entry.select_one(".tag img")["alt"] == ""
    assert "C.C. Wei" in entry.select_one(".entry-speaker").get_text()
    assert "95%" in text and "almost certain" in text
    assert "Contested" in entry.select_one(".status").get_text()
    quote = entry.select_one("blockquote q")
    assert quote["lang"] == "fr" and "trop agressif" in quote.get_text()
    assert "French" in entry.select_one(".quote-source").get_text()
    assert "paragraph 7" in entry.select_one(".quote-source").get_text()


def test_every_footnote_points_to_an_endnote_that_exists(client):
    page = soup(client.get(PRINT))
    endnote_ids = {item["id"] for item in page.select("#sources ol.endnotes > li")}
    references = page.select("main .footnote-ref")
    assert len(references) >= len(page.select("article.entry"))
    for reference in references:
        assert reference["href"].removeprefix("#") in endnote_ids


def test_endnotes_are_numbered_in_order_of_first_citation(client):
    page = soup(client.get(PRINT))
    first_seen = []
    for reference in page.select("#timeline .footnote-ref"):
        number = int(reference.get_text())
        if number not in first_seen:
            first_seen.append(number)
    assert first_seen == list(range(1, len(first_seen) + 1))
    endnotes = page.select("#sources ol.endnotes > li")
    assert [int(item["value"]) for item in endnotes] == first_seen


def test_endnotes_give_outlet_title_author_date_url_and_reliability(client):
    page = soup(client.get(PRINT))
    wsj = next(
        item
        for item in page.select("#sources ol.endnotes > li")
        if "The Wall Street Journal" in item.get_text()
    )
    text = wsj.get_text(" ", strip=True)
    assert "Sam Altman Seeks Trillions of Dollars" in text
    assert "8 February 2024" in text
    assert "not named" in text  # the author is not recorded
    assert "B , usually reliable" in text or "B, usually reliable" in text
    url = wsj.select_one(".endnote-url a")
    assert url.get_text(strip=True) == url["href"]
    assert url["href"].startswith("https://www.wsj.com/")


# --- cover, tensions, index, method ------------------------------------------------------


def test_cover_gives_title_subject_time_and_counts_that_add_up(client, db_session):
    page = soup(client.get(PRINT))
    cover = page.select_one("section.cover")
    assert cover.h1.get_text(strip=True) == "OpenAI's in-house AI chip and data-centre plan"
    assert "Sam Altman's push" in cover.select_one(".cover-subject").get_text()
    assert "Every claim in the dossier" in cover.get_text()
    assert cover.select_one("time")["datetime"]
    entries = page.select("article.entry")
    tables = cover.select("table.counts")
    for table in tables:
        counts = [int(td.get_text()) for td in table.select("td")]
        assert sum(counts) == len(entries)
    by_attribution = {
        row.th.get_text(strip=True): int(row.td.get_text()) for row in tables[0].select("tr")
    }
    insiders = [e for e in entries if e.select_one(".tag").get_text(strip=True) == "Insider says"]
    assert by_attribution["Insider says"] == len(insiders)


def test_key_tensions_set_the_public_statement_against_the_insiders_account(client, db_session):
    wei = claim_by_key(db_session, "tsmc-ceo-plan-too-aggressive")
    promise = claim_by_key(db_session, "tsmc-leaders-private-promise")
    page = soup(client.get(PRINT))
    tensions = page.select("#tensions article.tension")
    assert len(tensions) == 3  # and the headline's thesis against the insiders, SoftBank's figure
    tension = next(t for t in tensions if wei.statement in t.get_text())
    first, second = tension.select(".tension-side")
    assert first.select_one(".tag").get_text(strip=True) == "Public statement"
    assert wei.statement in first.get_text()
    assert "4 June 2024" in first.get_text() and "95%" in first.get_text()
    assert second.select_one(".tag").get_text(strip=True) == "Insider says"
    assert promise.statement in second.get_text()
    assert f"{promise.confidence}%" in second.get_text()
    assert tension.select_one(".tension-verb").get_text(strip=True) == "contradicts"
    # Each side points to the claim's entry in the timeline.
    for side in (first, second):
        target = side.select_one("a.claim-ref")["href"].removeprefix("#")
        assert page.find(id=target).name == "article"


def test_index_lists_people_and_organisations_with_the_claims_naming_them(client, db_session):
    wei = claim_by_key(db_session, "tsmc-ceo-plan-too-aggressive")
    page = soup(client.get(PRINT))
    number = entry_for(page, wei.statement)["id"].removeprefix("claim-")
    groups = page.select("#index section.index-group")
    people = {e.select_one(".index-name").get_text(): e for e in groups[0].select(".index-entry")}
    assert "C.C. Wei" in people and "TSMC" not in people
    numbers = people["C.C. Wei"].select_one(".index-numbers")
    assert number in numbers.get_text().split(", ")
    assert number in [b.get_text() for b in numbers.select("b")]  # he made that claim
    organisations = [e.get_text() for e in groups[1].select(".index-name")]
    assert "TSMC" in organisations and organisations == sorted(organisations, key=str.casefold)


def test_method_explains_attributions_likelihood_words_and_the_dossiers_method(client):
    page = soup(client.get(PRINT))
    method = page.select_one("#method")
    text = method.get_text(" ", strip=True)
    assert "Anonymous people with knowledge of the matter." in text
    words = [
        row.select("td")[1].get_text()
        for row in method.select("table.compact")[0].select("tbody tr")
    ]
    assert words[0] == "almost no chance" and words[-1] == "almost certain"
    assert "95–100%" in text
    assert "How confidence was assigned here" in text  # from the dossier's methodology


# --- paper, chrome, errors ----------------------------------------------------------------


def test_the_printed_body_has_no_navigation_forms_or_buttons(client):
    page = soup(client.get(PRINT))
    assert page.find("nav") is None and page.find("form") is None
    body = page.select_one("main.briefing")
    assert not body.select("button, input, select, textarea, script")
    assert page.html["lang"] == "en"
    assert page.select_one('link[href*="/css/print.css"]') is not None


@pytest.mark.parametrize(
    ("query", "stylesheet"), [("", "paper-a4.css"), ("?paper=letter", "paper-letter.css")]
)
def test_the_paper_size_picks_its_stylesheet(client, query, stylesheet):
    page = soup(client.get(PRINT + query))
    links = [urlsplit(link["href"]).path for link in page.select('link[rel="stylesheet"]')]
    assert any(href.endswith(stylesheet) for href in links)
    assert not any("paper-" in href and not href.endswith(stylesheet) for href in links)


def test_an_unknown_paper_size_is_a_clear_error(client):
    response = client.get(f"{PRINT}?paper=a3")
    assert response.status_code == 400
    assert 'Unknown paper size "a3"' in BeautifulSoup(response.data, "html.parser").get_text()


def test_an_unknown_dossier_is_404(client):
    assert client.get("/dossiers/no-such-dossier/print").status_code == 404
    assert client.get("/dossiers/no-such-dossier/dossier.pdf").status_code == 404


# --- safety and cost ---------------------------------------------------------------------

XSS_VECTORS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "<svg onload=alert(1)>",
    "</title><script>alert(1)</script>",
    "' onmouseover='alert(1)",
]


def test_hostile_text_is_printed_as_text(client, db_session):
    vector = " ".join(XSS_VECTORS)
    dossier = make_dossier(
        db_session,
        "hostile",
        title=vector[:300],
        subject=vector[:300],
        summary=vector,
        summary_html=markdown_render.render(vector),
    )
    source = Source(
        dossier=dossier,
        title=vector,
        outlet=vector[:200],
        author=vector[:200],
        url="javascript:alert(1)",
    )
    person = Entity(
        slug="hostile-person", name=vector[:200], kind=EntityKind.PERSON, description=vector[:300]
    )
    db_session.add_all([source, person])
    db_session.flush()
    make_claim(
        db_session,
        dossier,
        statement=vector[:500],
        quote=vector,
        quote_lang="fr",
        speaker=person,
        speaker_description=vector[:300],
        source=source,
        notes=vector,
    )
    db_session.commit()
    page = soup(client.get("/dossiers/hostile/print"))
    assert page.find("script") is None
    for element in page.find_all(True):
        assert not [name for name in element.attrs if name.lower().startswith("on")], element
    assert not [a for a in page.select("a[href]") if "javascript" in a["href"].lower()]
    assert "javascript:alert(1)" in page.select_one("#sources .endnote-url").get_text()
    # Hostile text is shown, escaped, where it was stored.
    assert "<script>alert(1)</script>" in page.select_one(".entry-statement").get_text()


def test_the_print_costs_the_same_number_of_queries_whatever_the_number_of_claims(
    seeded_app, client, db_session
):
    dossier = make_dossier(db_session, "growing")
    make_claim(
        db_session, dossier, statement="Only claim.", speaker="sam-altman", entities=["tsmc"]
    )
    db_session.commit()
    small = count_statements(seeded_app, client, "/dossiers/growing/print")
    for number in range(30):
        make_claim(
            db_session,
            dossier,
            statement=f"Claim {number}.",
            speaker="cc-wei",
            entities=["tsmc", "openai"],
            stated_date=f"2024-{number % 12 + 1:02d}",
        )
    db_session.commit()
    large = count_statements(seeded_app, client, "/dossiers/growing/print")
    assert small == large
    assert large <= 10


def test_a_tension_entered_from_the_insider_side_still_puts_the_record_first(client, db_session):
    dossier = make_dossier(db_session, "turned")
    public = make_claim(db_session, dossier, statement="On the record.", attribution="public")
    make_claim(
        db_session,
        dossier,
        statement="Off the record.",
        attribution="insider",
        relations=[(RelationType.REFUTES, public)],
    )
    db_session.commit()
    tension = soup(client.get("/dossiers/turned/print")).select_one("article.tension")
    first, second = tension.select(".tension-statement")
    assert (first.get_text(), second.get_text()) == ("On the record.", "Off the record.")
    assert tension.select_one(".tension-verb").get_text(strip=True) == "is refuted by"


def test_a_private_dossier_prints_only_for_a_signed_in_editor(seeded_app, client, editor_client):
    # Its own app context: db_session's would share flask-login's cached user across clients.
    with seeded_app.app_context():
        session = get_session()
        dossier = make_dossier(session, "secret", visibility=Visibility.PRIVATE)
        make_claim(session, dossier, statement="Kept private.")
        session.commit()
    for url in ("/dossiers/secret/print", "/dossiers/secret/dossier.pdf"):
        assert client.get(url).status_code == 404
    assert "Kept private." in printed_statements(soup(editor_client.get("/dossiers/secret/print")))
