"""Full-text search on the timeline: accents, highlighting and whatever a reader types."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models import Claim
from models.claim import search_text
from models.text import fold
from tests.conftest import claim_by_key
from tests.helpers import soup

TIMELINE = "/dossiers/openai-chips/"


def card_ids(page) -> set[int]:
    return {int(card["id"].removeprefix("claim-")) for card in page.select("article.claim")}


@pytest.mark.parametrize("query", ["déclaré", "declare", "DÉCLARÉ", "Declaré"])
def test_accents_and_case_do_not_matter(client, db_session, query):
    wei = claim_by_key(db_session, "tsmc-ceo-plan-too-aggressive")  # "il a déclaré que…"
    page = soup(client.get(TIMELINE, query_string={"q": query}))
    assert wei.id in card_ids(page)


def test_accented_and_plain_searches_find_the_same_claims(client):
    accented = card_ids(soup(client.get(TIMELINE, query_string={"q": "déclaré"})))
    plain = card_ids(soup(client.get(TIMELINE, query_string={"q": "declare"})))
    assert accented == plain and len(accented) >= 2


def test_search_covers_statement_quote_and_notes(client, db_session):
    # Each word below appears only in that field of a seeded claim.
    statement = claim_by_key(db_session, "tsmc-leaders-private-promise")
    notes = claim_by_key(db_session, "tsmc-ceo-plan-too-aggressive")
    assert statement.id in card_ids(soup(client.get(TIMELINE + "?q=privately promised")))
    assert notes.id in card_ids(soup(client.get(TIMELINE + "?q=shareholders")))
    assert notes.id in card_ids(soup(client.get(TIMELINE + "?q=agressif")))


def test_matched_words_are_highlighted_in_statement_and_quote(client, db_session):
    wei = claim_by_key(db_session, "tsmc-ceo-plan-too-aggressive")
    card = soup(client.get(TIMELINE + "?q=declare")).select_one(f"#claim-{wei.id}")
    marked = [mark.get_text() for mark in card.select("blockquote mark")]
    assert marked == ["déclaré"]


def test_the_last_word_matches_as_a_prefix(client, db_session):
    wei = claim_by_key(db_session, "tsmc-ceo-plan-too-aggressive")
    assert wei.id in card_ids(soup(client.get(TIMELINE + "?q=aggress")))


def test_search_combines_with_the_other_filters(client):
    everything = card_ids(soup(client.get(TIMELINE + "?q=Altman")))
    insiders = card_ids(soup(client.get(TIMELINE + "?q=Altman&attribution=insider")))
    assert insiders and insiders < everything


@pytest.mark.parametrize(
    "query",
    [
        '"TSMC',
        'TSMC"',
        "TSMC*",
        "(TSMC",
        "TSMC)",
        "TSMC AND Altman",
        "TSMC OR",
        "-TSMC",
        "NOT TSMC",
        "tsmc:altman",
        "^TSMC",
        "{TSMC}",
        "TSMC's",
    ],
)
def test_search_syntax_typed_by_a_reader_gives_results_never_an_error(client, query):
    page = soup(client.get(TIMELINE, query_string={"q": query}))
    assert page.select("article.claim"), query
    assert not page.select(".notice-error"), query


@pytest.mark.parametrize(
    "query", ["NEAR(TSMC", "NEAR(TSMC Altman)", "'; DROP TABLE claims; --", 'AND OR NOT "x" *']
)
def test_search_syntax_that_matches_nothing_says_so_clearly(client, query):
    page = soup(client.get(TIMELINE, query_string={"q": query}))
    assert "No claims match these filters" in page.select_one(".empty").get_text()
    assert page.select_one("#f-q")["value"] == query


@pytest.mark.parametrize("query", ['"', "*", "(", '""', "( * )", "-"])
def test_a_search_without_words_says_so_and_shows_the_claims(client, query):
    page = soup(client.get(TIMELINE, query_string={"q": query}))
    notice = page.select_one(".notice-error")
    assert "has no words in it" in notice.get_text()
    assert page.select("article.claim")


def test_a_search_that_matches_nothing_offers_to_clear_it(client):
    page = soup(client.get(TIMELINE + "?q=zeppelin"))
    assert not page.select("article.claim")
    assert "No claims match these filters" in page.select_one(".empty").get_text()


def test_a_very_long_search_is_cut_with_a_message(client):
    page = soup(client.get(TIMELINE, query_string={"q": "TSMC " * 100}))
    assert "cut to its first 200 characters" in page.select_one(".notice-error").get_text()
    assert page.select("article.claim")


def test_the_api_twin_refuses_a_search_without_words_with_a_problem(client):
    response = client.get("/api/v1/claims", query_string={"dossier": "openai-chips", "q": '"*'})
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    assert "no words" in response.get_data(as_text=True)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.none(), st.text()), min_size=1, max_size=3))
def test_the_index_folds_each_text_as_it_would_fold_them_joined(texts):
    # models.claim.search_text folds the statement, quote and notes one by one (and remembers
    # each), relying on folding working character by character.
    assert search_text(*texts) == fold(" ".join(text for text in texts if text))


def test_a_claim_edited_field_by_field_is_indexed_on_its_current_texts():
    claim = Claim(statement="Il a déclaré", quote="Déjà vu", notes="")
    claim.quote = "Plus tard"
    claim.statement = "ÉTÉ"
    assert claim.search_text == "ete plus tard"
