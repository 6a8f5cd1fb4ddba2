"""The search across dossiers (issue #16): the header's box, names first, claims by dossier,
phrases, "Did you mean" and the suggestions while typing, for readers and for editors."""

from __future__ import annotations

import pytest

from models import Entity
from models.vocabulary import EntityKind, Visibility
from tests.conftest import build_app, claim_by_key
from tests.factories import make_claim, make_dossier
from tests.helpers import soup

WSJ_KEY = "wsj-seven-trillion-fundraising"  # "...raising a total of $7 trillion."


def card_ids(page) -> set[int]:
    return {int(card["id"].removeprefix("claim-")) for card in page.select("article.claim")}


@pytest.mark.parametrize("url", ["/", "/dossiers/openai-chips/", "/claims/1", "/entities/tsmc"])
def test_every_page_has_a_search_box_leading_to_the_results(client, url):
    form = soup(client.get(url)).select_one("header form.site-search")
    assert form["action"] == "/search" and form["method"] == "get"
    box = form.select_one("input[name=q]")
    assert form.select_one(f"label[for={box['id']}]").get_text(strip=True)


def test_an_entity_whose_name_matches_comes_before_the_claims(client):
    page = soup(client.get("/search?q=Broadcom"))
    headings = [h2.get_text(" ", strip=True) for h2 in page.select("main h2")]
    assert headings[0] == "People and organisations"
    assert "claims in 1 dossier" in headings[-1]
    assert page.select_one(".found-names a")["href"] == "/entities/broadcom"


def test_claims_are_grouped_by_dossier_with_the_words_highlighted(client, db_session):
    page = soup(client.get("/search?q=Broadcom"))
    group = page.select_one(".found-dossier")
    assert group.select_one("h3 a")["href"] == "/dossiers/openai-chips/"
    assert group.select("article.claim")
    assert {mark.get_text().lower() for mark in group.select("article.claim mark")} == {"broadcom"}
    more = group.select_one(".more-matches a")["href"]
    assert more == "/dossiers/openai-chips/?q=Broadcom"


def test_a_misspelt_name_offers_the_right_one_and_reaches_its_page_in_two_steps(client):
    page = soup(client.get("/", query_string={}))
    action = page.select_one("header form.site-search")["action"]
    results = soup(client.get(action, query_string={"q": "brodcom"}))  # step one: the box
    offer = results.select_one(".did-you-mean")
    assert "Did you mean Broadcom?" in offer.get_text()
    entity_link = offer.select_one("a.button-link")
    entity_page = soup(client.get(entity_link["href"]))  # step two: the offered name
    assert entity_page.select_one("h1").get_text(strip=True).startswith("Broadcom")
    assert offer.select_one("a")["href"] == "/search?q=Broadcom"


def test_a_query_that_nothing_resembles_says_so_and_offers_nothing(client):
    page = soup(client.get("/search?q=xqzvvk"))
    assert "Nothing matches “xqzvvk”" in page.select_one(".empty").get_text()
    assert not page.select(".did-you-mean") and not page.select("article.claim")


def test_quoted_words_match_as_a_phrase_not_anywhere(client, db_session, seeded_dossier):
    wsj = claim_by_key(db_session, WSJ_KEY)
    scattered = make_claim(
        db_session, seeded_dossier, statement="A trillion chips within 7 years, he said."
    )
    db_session.commit()
    for url in ("/search", "/dossiers/openai-chips/"):
        words = card_ids(soup(client.get(url, query_string={"q": "7 trillion"})))
        phrase = card_ids(soup(client.get(url, query_string={"q": '"7 trillion"'})))
        assert {wsj.id, scattered.id} <= words, url
        assert wsj.id in phrase and scattered.id not in phrase, url


def test_the_phrase_syntax_is_explained_next_to_the_box(client):
    page = soup(client.get("/search?q=TSMC"))
    box = page.select_one("main form.site-search input[name=q]")
    hint = page.select_one(f"#{box['aria-describedby']}").get_text()
    assert "double quotes" in hint and '"7 trillion"' in hint


def test_a_match_only_in_the_quote_opens_the_quote(client, db_session, seeded_dossier):
    claim = make_claim(
        db_session, seeded_dossier, statement="Something was said.", quote="Le mot caché: zircon."
    )
    db_session.commit()
    card = soup(client.get("/search?q=zircon")).select_one(f"#claim-{claim.id}")
    assert card.select_one("details.quote").has_attr("open")
    assert card.select_one("details.quote mark").get_text() == "zircon"
    plain = soup(client.get("/search?q=something+said")).select_one(f"#claim-{claim.id}")
    assert not plain.select_one("details.quote").has_attr("open")


@pytest.mark.parametrize(
    ("query", "message"),
    [('"*', "has no words in it"), ("TSMC " * 100, "cut to its first 200 characters")],
)
def test_a_faulty_search_gets_a_message_never_an_error(client, query, message):
    page = soup(client.get("/search", query_string={"q": query}))
    assert message in page.select_one(".notice-error").get_text()


def test_the_empty_search_page_shows_the_box_and_no_results(client):
    page = soup(client.get("/search"))
    assert page.select_one("main form.site-search input[name=q]")
    assert not page.select(".found-names, .found-claims, .empty")


@pytest.fixture
def private_dossier(db_session):
    """A private dossier whose claim names an entity, a source and a tag found nowhere else."""
    dossier = make_dossier(db_session, "hidden", visibility=Visibility.PRIVATE)
    dossier.sources[0].title = "Quillfeather memorandum"
    db_session.add(Entity(slug="vantablackery", name="Vantablackery", kind=EntityKind.PERSON))
    db_session.flush()
    make_claim(
        db_session,
        dossier,
        statement="Vantablackery met the board about the zephyrine deal.",
        speaker="vantablackery",
        tags=["hushhush"],
    )
    db_session.commit()
    return dossier


PRIVATE_QUERIES = ["Vantablackery", "zephyrine", "Quillfeather", "hushhush"]
PRIVATE_TYPOS = ["Vantablakery", "zephyrne", "Quilfeather", "hushush"]


@pytest.mark.parametrize("query", PRIVATE_QUERIES + PRIVATE_TYPOS)
def test_a_private_dossier_gives_anonymous_readers_nothing(client, private_dossier, query):
    page = client.get("/search", query_string={"q": query}).get_data(as_text=True)
    suggested = client.get("/search/suggestions", query_string={"q": query}).get_json()
    api = client.get("/api/v1/search", query_string={"q": query}).get_json()
    assert suggested["suggestions"] == []
    assert api["did_you_mean"] is None and api["claim_total"] == 0
    assert not (api["entities"] or api["sources"] or api["tags"])
    for word in ("vantablackery", "zephyrine", "quillfeather", "hushhush"):
        if word not in query.lower():
            assert word not in page.lower(), (query, word)


def test_an_editor_finds_the_private_dossier(editor_client, private_dossier):
    page = soup(editor_client.get("/search?q=Vantablackery"))
    assert page.select_one(".found-names a")["href"] == "/entities/vantablackery"
    assert page.select_one(".found-dossier h3 a")["href"] == "/dossiers/hidden/"
    typo = soup(editor_client.get("/search?q=zephyrne"))
    assert "Did you mean zephyrine?" not in typo.get_text()  # claim words are not a vocabulary
    assert (
        "Did you mean Vantablackery?"
        in soup(editor_client.get("/search?q=Vantablakery")).get_text()
    )


def test_suggestions_offer_names_then_claims_with_their_addresses(client):
    answer = client.get("/search/suggestions?q=broad").get_json()
    kinds = [item["kind"] for item in answer["suggestions"]]
    assert answer["suggestions"][0] == {
        "kind": "entity",
        "label": "Broadcom",
        "detail": "organisation",
        "url": "/entities/broadcom",
    }
    assert kinds.index("claim") > kinds.index("entity") and len(kinds) <= 16
    assert answer["search_url"] == "/search?q=broad"


def test_suggestions_for_a_misspelling_are_the_names_it_resembles(client):
    answer = client.get("/search/suggestions?q=brodcom").get_json()
    assert answer["suggestions"][0]["url"] == "/entities/broadcom"
    assert answer["suggestions"][0]["detail"] == "Did you mean Broadcom?"


@pytest.mark.parametrize("query", ["", "   ", '"', "x" * 500])
def test_suggestions_for_nothing_are_empty_not_an_error(client, query):
    response = client.get("/search/suggestions", query_string={"q": query})
    assert response.status_code == 200
    assert isinstance(response.get_json()["suggestions"], list)


@pytest.mark.usefixtures("one_window")
def test_suggestions_count_against_their_own_larger_limit(tmp_path, seeded_template):
    app = build_app(
        tmp_path,
        seeded_template,
        RATE_LIMITS={"search": (2, 60), "suggest": (4, 60)},
        RATE_LIMITS_ENABLED=True,
    )
    client = app.test_client()
    statuses = [client.get("/search/suggestions?q=bro").status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    assert client.get("/search?q=bro").status_code == 200


def test_the_json_twin_lists_the_same_names_and_claims(client):
    page = soup(client.get("/search?q=Broadcom"))
    answer = client.get("/api/v1/search?q=Broadcom").get_json()
    assert answer["entities"][0]["slug"] == "broadcom"
    assert answer["entities"][0]["url"] == "http://claimline.test/entities/broadcom"
    group = answer["dossiers"][0]
    assert group["slug"] == "openai-chips" and group["total"] == answer["claim_total"]
    assert {claim["id"] for claim in group["claims"]} == card_ids(page)
    link = page.select_one("link[rel=alternate][type='application/json']")["href"]
    assert link == "/api/v1/search?q=Broadcom"


def test_the_json_twin_offers_the_correction(client):
    answer = client.get("/api/v1/search?q=brodcom").get_json()
    assert answer["did_you_mean"]["query"] == "Broadcom"
    assert answer["did_you_mean"]["entity"]["slug"] == "broadcom"


@pytest.mark.parametrize("query", ["", '"*'])
def test_the_json_twin_refuses_a_search_without_words(client, query):
    response = client.get("/api/v1/search", query_string={"q": query})
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
