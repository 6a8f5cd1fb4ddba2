"""Claim suggestions as editors and the API see them (issue #21): the review queue in the
source reader, accepting through the prefilled claim form, merging, dismissing for good,
nothing saved without an editor's action; the JSON twins; the evaluation command."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import func, select

from db import get_session
from fuzzy_date import parse
from models import DismissedSuggestion, Entity, Source
from models.vocabulary import Visibility
from services.editing import source_texts
from tests import suggestion_corpus as corpus
from tests.conftest import SEED_DIR
from tests.editing_helpers import count_claims, form_values, source_id, token
from tests.factories import make_dossier
from tests.helpers import bearer, soup

SEED = SEED_DIR / "openai-chips.yaml"


@pytest.fixture
def corpus_source(seeded_app) -> int:
    """A new dossier whose only source carries the hand-made bilingual text."""
    with seeded_app.app_context():
        session = get_session()
        dossier = make_dossier(session, "norvik")
        source = session.scalars(select(Source).where(Source.dossier_id == dossier.id)).one()
        source.title, source.language = corpus.TITLE, "fr"
        source.published = parse(corpus.PUBLISHED)
        source_texts.capture(session, source, corpus.TEXT)
        for known in corpus.KNOWN:
            name, *aliases = known.names
            session.add(
                Entity(slug=known.slug, name=name, kind=known.kind, aliases=aliases, version=1)
            )
        session.commit()
        return source.id


def queue_page(client, source: int):
    return soup(client.get(f"/sources/{source}/suggestions"))


def cards(page) -> list:
    return page.select("article.suggestion")


def dismissed_count(app) -> int:
    with app.app_context():
        return get_session().scalar(select(func.count(DismissedSuggestion.id)))


def test_the_reader_offers_editors_suggest_claims(seeded_app, client, editor_client):
    url = f"/sources/{source_id(seeded_app)}/text"
    link = soup(editor_client.get(url)).select_one("a.reader-suggest")
    assert link["href"] == f"/sources/{source_id(seeded_app)}/suggestions"
    assert soup(client.get(url)).select_one("a.reader-suggest") is None


def test_readers_who_are_not_signed_in_are_sent_to_sign_in(seeded_app, client):
    response = client.get(f"/sources/{source_id(seeded_app)}/suggestions")
    assert response.status_code == 302 and "/login" in response.location


def test_the_queue_lists_each_paragraphs_suggestions_with_their_cues(editor_client, corpus_source):
    page = queue_page(editor_client, corpus_source)
    numbers = [int(item["value"]) for item in page.select("li.suggestion-paragraph")]
    assert numbers == list(range(2, 11))
    first = page.select_one("#paragraph-2 article.suggestion")
    assert "Norvik négocie depuis mars 2024" in first.select_one("blockquote").get_text()
    assert "Insider says" in first.select_one(".attribution-tag").get_text()
    cues = [item.get_text() for item in first.select(".suggestion-cues li")]
    assert any("des personnes proches du dossier" in cue for cue in cues)


def test_sentences_claims_already_quote_are_left_out(seeded_app, editor_client):
    page = queue_page(editor_client, source_id(seeded_app))
    quotes = [item.select_one("blockquote").get_text() for item in cards(page)]
    assert quotes, "the seeded article has sentences no claim quotes"
    assert not any("trop agressif" in quote for quote in quotes)  # claimed in paragraph 7
    assert any(quote.startswith("Le HBM est responsable") for quote in quotes)  # background


def test_looking_at_suggestions_saves_nothing(seeded_app, editor_client, corpus_source):
    claims = count_claims(seeded_app)
    queue_page(editor_client, corpus_source)
    assert count_claims(seeded_app) == claims
    assert dismissed_count(seeded_app) == 0


def test_accept_opens_the_prefilled_claim_form_and_saving_it_adds_the_claim(
    seeded_app, editor_client, corpus_source
):
    page = queue_page(editor_client, corpus_source)
    accept = page.select_one("#paragraph-4 a.suggestion-accept")["href"]
    form = soup(editor_client.get(accept)).select_one("main form")
    values = form_values(form)
    assert values["source"] == str(corpus_source)
    assert values["locator"] == "4"
    assert values["quote"].startswith("Pourtant, Park a confié")
    assert values["attribution"] == "private"
    assert values["speaker"] == "lena-park" and values["entities"] == ["lena-park"]
    assert values["event_date"] == "2025"
    assert values["stated_date"] == "15 October 2024"
    claims = count_claims(seeded_app)
    assert count_claims(seeded_app) == claims  # opening the form saved nothing
    values |= {"statement": "Park privately said the plant would be announced next year."}
    values |= {"confidence": "50", "relayed_by_description": "executives", "submission": token()}
    response = editor_client.post(accept, data=values)
    assert response.status_code == 302, soup(response, 422).select(".error-summary")
    assert count_claims(seeded_app) == claims + 1
    left = queue_page(editor_client, corpus_source)
    assert left.select_one("#paragraph-4") is None


def test_a_new_speakers_name_is_offered_as_someone_new(editor_client, corpus_source):
    page = queue_page(editor_client, corpus_source)
    accept = page.select_one("#paragraph-9 a.suggestion-accept")["href"]
    values = form_values(soup(editor_client.get(accept)).select_one("main form"))
    assert (values["speaker"], values["speaker_name"]) == ("new", "Tomas Berg")


def test_a_dismissed_suggestion_does_not_come_back(seeded_app, editor_client, corpus_source):
    page = queue_page(editor_client, corpus_source)
    form = page.select_one("#paragraph-7 form.suggestion-dismiss")
    response = editor_client.post(form["action"], data=form_values(form))
    assert response.status_code == 302
    page = queue_page(editor_client, corpus_source)
    assert page.select_one("#paragraph-7") is None
    assert "1 dismissed" in page.select_one(".reader-summary").get_text()
    editor_client.post(form["action"], data=form_values(form))  # twice: still one
    assert dismissed_count(seeded_app) == 1


def test_dismissing_a_quote_that_is_not_in_the_paragraph_changes_nothing(
    seeded_app, editor_client, corpus_source
):
    data = {"version": "1", "locator": "8", "quote": "words that are not there"}
    response = editor_client.post(
        f"/sources/{corpus_source}/suggestions/dismiss", data=data, follow_redirects=True
    )
    assert "not in paragraph 8" in soup(response).select_one(".notice-error").get_text()
    assert dismissed_count(seeded_app) == 0


def test_two_suggestions_of_a_paragraph_merge_into_one_quote(editor_client, corpus_source):
    article = corpus_source
    page = queue_page(editor_client, article)
    paragraph = next(
        item for item in page.select("li.suggestion-paragraph") if len(cards(item)) > 1
    )
    keys = [item["data-key"] for item in cards(paragraph)[:2]]
    response = editor_client.get(
        f"/sources/{article}/suggestions/merge?key={keys[0]}&key={keys[1]}"
    )
    assert response.status_code == 302
    quote = parse_qs(urlsplit(response.location).query)["quote"][0]
    text = paragraph.select_one(".suggestion-context").get_text()
    first, second = (item.select_one("blockquote").get_text() for item in cards(paragraph)[:2])
    assert quote.startswith(first) and quote.endswith(second) and quote in text


def test_suggestions_of_two_paragraphs_do_not_merge(editor_client, corpus_source):
    page = queue_page(editor_client, corpus_source)
    keys = [item["data-key"] for item in cards(page)[:2]]
    response = editor_client.get(
        f"/sources/{corpus_source}/suggestions/merge?key={keys[0]}&key={keys[1]}",
        follow_redirects=True,
    )
    assert "same paragraph" in soup(response).select_one(".notice-error").get_text()


def test_the_api_suggests_claims_with_a_claims_fields_and_cues(client, write_token, corpus_source):
    response = client.post(
        f"/api/v1/sources/{corpus_source}/suggestions", headers=bearer(write_token)
    )
    assert response.status_code == 200
    items = response.get_json()["items"]
    public = next(item for item in items if item["locator"] == 3)
    assert public["attribution"] == "public"
    assert public["speaker"] == {"name": "Lena Park", "slug": "lena-park"}
    assert public["event_date"]["edtf"] == "2024-09"
    assert public["statement"] == "" and public["cues"]


def test_the_api_wants_a_token_to_suggest(client, corpus_source):
    assert client.post(f"/api/v1/sources/{corpus_source}/suggestions").status_code == 401


def test_the_text_api_lists_numbered_paragraphs_and_the_claims_quoting_them(seeded_app, client):
    body = client.get(f"/api/v1/sources/{source_id(seeded_app)}/text").get_json()
    assert [item["number"] for item in body["paragraphs"]] == list(range(1, 41))
    seventh = body["paragraphs"][6]
    assert any("trop agressif" in claim["quote"] for claim in seventh["claims"])
    assert body["paragraphs"][2]["claims"] == []  # a heading no claim quotes


def test_the_text_api_refuses_a_wrong_version(seeded_app, client):
    response = client.get(f"/api/v1/sources/{source_id(seeded_app)}/text?version=x")
    assert response.status_code == 400


def test_the_evaluation_command_prints_and_writes_the_figures(runner, tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(
        "# Title\n<!-- suggestions-evaluation:start -->\nold\n<!-- suggestions-evaluation:end -->\n"
    )
    result = runner.invoke(args=["suggestions", "evaluate", str(SEED), "--readme", str(readme)])
    assert result.exit_code == 0, result.output
    assert "Recall" in result.output and "Precision" in result.output
    written = readme.read_text()
    assert "old" not in written and "| Recall" in written and written.startswith("# Title")


def test_the_evaluation_command_says_where_the_figures_belong(runner, tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("# No section\n")
    result = runner.invoke(args=["suggestions", "evaluate", str(SEED), "--readme", str(readme)])
    assert result.exit_code != 0 and "suggestions-evaluation:start" in result.output
    assert readme.read_text() == "# No section\n"


def test_a_private_dossiers_text_is_hidden_from_anonymous_readers(
    seeded_app, client, read_token, corpus_source
):
    with seeded_app.app_context():
        session = get_session()
        session.get(Source, corpus_source).dossier.visibility = Visibility.PRIVATE
        session.commit()
    url = f"/api/v1/sources/{corpus_source}/text"
    response = client.get(url)
    assert response.status_code == 404 and "Norvik" not in response.get_data(as_text=True)
    assert client.get(url, headers=bearer(read_token)).status_code == 200
