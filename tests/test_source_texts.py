"""Sources carry their text (issue #15): captured from the form, an upload or the API, split
into numbered paragraphs, kept by version once quoted, read with the quotes marked, and the
quote of every claim checked against its paragraph."""

from __future__ import annotations

import hashlib
import io
from urllib.parse import parse_qs, urlsplit

import docx
import pytest
from sqlalchemy import select

from db import get_session
from models import Claim, SourceText
from models.vocabulary import Visibility
from services.editing import source_texts
from tests.conftest import SEED_DIR
from tests.editing_helpers import (
    claim_data,
    count_claims,
    field_error,
    form_values,
    source_id,
    token,
)
from tests.factories import make_claim, make_dossier
from tests.helpers import bearer, soup

ARTICLE = SEED_DIR / "openai-chips.article.txt"
PASTED = "A title\n\nFirst paragraph, with words.\n\n\nSecond paragraph.\nThird, on its own line.\n"


def texts_of(app, source: int) -> list[SourceText]:
    with app.app_context():
        session = get_session()
        found = list(
            session.scalars(
                select(SourceText)
                .where(SourceText.source_id == source)
                .order_by(SourceText.version)
            )
        )
        session.expunge_all()
        return found


def add_source(client, **fields) -> int:
    data = {"title": "A report", "kind": "report", "submission": token(), **fields}
    response = client.post("/sources/new?dossier=openai-chips", data=data)
    assert response.status_code == 302, soup(response, response.status_code).select(".field-error")
    return int(response.location.rsplit("/", 1)[1])


def reader_paragraphs(client, source: int) -> list[str]:
    page = soup(client.get(f"/sources/{source}/text"))
    return [p.get_text() for p in page.select(".reader-text")]


# --- capturing the text -------------------------------------------------------------------


def test_pasted_text_is_numbered_by_non_empty_lines_and_hashed(seeded_app, editor_client):
    new_id = add_source(editor_client, text=PASTED)
    [captured] = texts_of(seeded_app, new_id)
    assert captured.paragraph_count == 4
    assert captured.sha256 == hashlib.sha256(captured.text.encode()).hexdigest()
    assert captured.captured_at is not None
    assert reader_paragraphs(editor_client, new_id) == [
        "A title",
        "First paragraph, with words.",
        "Second paragraph.",
        "Third, on its own line.",
    ]
    page = soup(editor_client.get(f"/sources/{new_id}/text"))
    numbers = [li["id"] for li in page.select("li.reader-paragraph")]
    assert numbers == ["paragraph-1", "paragraph-2", "paragraph-3", "paragraph-4"]
    assert captured.sha256 in page.select_one(".digest").get_text()


def _word_file() -> bytes:
    document = docx.Document()
    document.add_paragraph("Word title")
    document.add_paragraph("")
    document.add_paragraph("The body of a Word document.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


WEB_PAGE = (
    "<html><head><title>Page</title></head><body>"
    "<nav><a href='/'>Home</a> <a href='/about'>About</a></nav>"
    "<article><h1>Web headline</h1>"
    + "".join(
        f"<p>Paragraph {n} of the article says something long enough to be read as the main "
        "text of the page, with commas, several clauses, and enough words, to count.</p>"
        for n in range(1, 5)
    )
    + "</article><footer>Copyright footer text</footer></body></html>"
)


@pytest.mark.parametrize(
    ("filename", "make_content", "first", "last"),
    [
        ("plain.txt", lambda: b"Plain title\n\nPlain body.\n", "Plain title", "Plain body."),
        (
            "notes.md",
            lambda: b"# Heading\n\nSome *Markdown* body.\n",
            "# Heading",
            "Some *Markdown* body.",
        ),
        ("word.docx", _word_file, "Word title", "The body of a Word document."),
    ],
    ids=["txt", "md", "docx"],
)
def test_an_uploaded_file_gives_the_text(editor_client, filename, make_content, first, last):
    new_id = add_source(editor_client, text_file=(io.BytesIO(make_content()), filename))
    paragraphs = reader_paragraphs(editor_client, new_id)
    assert (paragraphs[0], paragraphs[-1]) == (first, last)


def test_an_uploaded_web_page_gives_its_main_text_without_menus(editor_client):
    new_id = add_source(editor_client, text_file=(io.BytesIO(WEB_PAGE.encode()), "page.html"))
    paragraphs = reader_paragraphs(editor_client, new_id)
    assert any(p.startswith("Paragraph 1 of the article") for p in paragraphs)
    assert any(p.startswith("Paragraph 4 of the article") for p in paragraphs)
    assert not any("Home" in p or "Copyright footer" in p for p in paragraphs)


def test_an_upload_of_another_kind_is_refused(seeded_app, editor_client):
    data = {"title": "A report", "kind": "report", "submission": token()}
    data["text_file"] = (io.BytesIO(b"%PDF-1.4"), "report.pdf")
    response = editor_client.post("/sources/new?dossier=openai-chips", data=data)
    assert ".docx" in field_error(soup(response, 422), "text_file")


def test_the_api_takes_a_source_text(seeded_app, client, write_token):
    body = {"dossier": "openai-chips", "title": "Wire copy", "text": "Headline\n\nBody one.\n"}
    created = client.post("/api/v1/sources", json=body, headers=bearer(write_token))
    assert created.status_code == 201
    new_id = created.get_json()["id"]
    assert reader_paragraphs(client, new_id) == ["Headline", "Body one."]
    patch = {"version": created.get_json()["version"], "text": "Headline\n\nBody two.\n"}
    changed = client.patch(f"/api/v1/sources/{new_id}", json=patch, headers=bearer(write_token))
    assert changed.status_code == 200
    assert reader_paragraphs(client, new_id) == ["Headline", "Body two."]
    assert [t.version for t in texts_of(seeded_app, new_id)] == [1]  # nothing quoted it yet


def test_the_openapi_document_describes_the_source_text(client):
    schemas = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]
    for name in ("SourceCreate", "SourcePatch"):
        assert "text" in schemas[name]["properties"]


def test_a_quoted_text_is_kept_and_a_new_capture_is_a_new_version(seeded_app, editor_client):
    new_id = add_source(editor_client, text=PASTED, published="3 May 2024")
    quote = claim_data(new_id, locator="2", quote="with words", quote_lang="en")
    assert editor_client.post("/claims/new?dossier=openai-chips", data=quote).status_code == 302
    edit = form_values(soup(editor_client.get(f"/sources/{new_id}/edit")).select_one("main form"))
    edit["text"] = PASTED.replace("Second paragraph.", "Second paragraph, revised.")
    assert editor_client.post(f"/sources/{new_id}/edit", data=edit).status_code == 302
    first, second = texts_of(seeded_app, new_id)
    assert (first.version, second.version) == (1, 2)
    assert "Second paragraph." in first.text and "revised" in second.text
    old = soup(editor_client.get(f"/sources/{new_id}/text?version=1"))
    assert "Second paragraph." in [p.get_text() for p in old.select(".reader-text")]


def test_saving_the_same_text_again_adds_no_version(seeded_app, editor_client):
    article = source_id(seeded_app)
    edit = form_values(soup(editor_client.get(f"/sources/{article}/edit")).select_one("main form"))
    assert edit["text"].startswith("Percée dans le projet")
    assert editor_client.post(f"/sources/{article}/edit", data=edit).status_code == 302
    assert [t.version for t in texts_of(seeded_app, article)] == [1]


# --- the reader ---------------------------------------------------------------------------


def test_the_seeded_article_is_the_seeded_source_text(seeded_app):
    [captured] = texts_of(seeded_app, source_id(seeded_app))
    lines = [line.strip() for line in ARTICLE.read_text(encoding="utf-8").splitlines()]
    assert captured.paragraph_count == len([line for line in lines if line]) == 40


def test_the_reader_marks_a_seeded_quote_in_its_paragraph_and_links_its_claim(seeded_app, client):
    with seeded_app.app_context():
        claim = get_session().scalar(
            select(Claim).where(Claim.key == "tsmc-ceo-plan-too-aggressive")
        )
        claim_id, locator, quote = claim.id, claim.locator, claim.quote
    page = soup(client.get(f"/sources/{source_id(seeded_app)}/text"))
    paragraph = page.select_one(f"#paragraph-{locator}")
    marked = [m for m in paragraph.select("mark.reader-quote") if claim_id in _ids(m)]
    assert "".join(m.get_text() for m in marked) == quote
    assert "attribution-public" in marked[0]["class"]
    assert paragraph.select_one(f'a[href="/claims/{claim_id}"]') is not None


def _ids(mark) -> list[int]:
    return [int(number) for number in mark["data-claims"].split()]


def test_the_reader_counts_quoted_paragraphs_and_marks_the_others(seeded_app, client):
    with seeded_app.app_context():
        claims = (
            get_session()
            .scalars(
                select(Claim).where(
                    Claim.source_id == source_id(seeded_app), Claim.deleted_at.is_(None)
                )
            )
            .all()
        )
        locators = {c.locator for c in claims if c.locator}
        quoted = {c.id for c in claims if c.quote}
    page = soup(client.get(f"/sources/{source_id(seeded_app)}/text"))
    assert f"{len(locators)} of 40 paragraphs quoted" in page.select_one(".reader-count").get_text()
    uncovered = {li["id"] for li in page.select("li.reader-uncovered")}
    assert uncovered == {f"paragraph-{n}" for n in range(1, 41) if n not in locators}
    assert all("Not quoted" in page.select_one(f"#{p}").get_text() for p in uncovered)
    highlighted = {i for mark in page.select("mark.reader-quote") for i in _ids(mark)}
    assert highlighted == quoted and len(highlighted) >= 36


def test_a_deleted_claim_is_not_marked_in_the_reader(seeded_app, client, editor_client):
    with seeded_app.app_context():
        claim = get_session().scalar(
            select(Claim).where(Claim.key == "tsmc-ceo-plan-too-aggressive")
        )
        claim_id, version = claim.id, claim.version
    deleted = editor_client.post(
        f"/claims/{claim_id}/delete", data={"version": str(version), "submission": token()}
    )
    assert deleted.status_code == 302
    page = soup(client.get(f"/sources/{source_id(seeded_app)}/text"))
    assert not any(claim_id in _ids(mark) for mark in page.select("mark.reader-quote"))
    assert page.select_one(f'a[href="/claims/{claim_id}"]') is None


def test_a_source_without_text_has_no_reader(seeded_app, client):
    assert client.get(f"/sources/{source_id(seeded_app, 'wsj')}/text").status_code == 404


def test_a_private_dossier_source_text_is_hidden_from_readers(seeded_app, client, editor_client):
    with seeded_app.app_context():
        session = get_session()
        claim = make_claim(session, make_dossier(session, "hidden", visibility=Visibility.PRIVATE))
        source_texts.capture(session, claim.source, "Secret headline\n\nSecret body.")
        session.commit()
        hidden = claim.source_id
    assert client.get(f"/sources/{hidden}/text").status_code == 404
    assert "Secret body." in reader_paragraphs(editor_client, hidden)


def test_the_source_page_links_to_its_text(seeded_app, client):
    article = source_id(seeded_app)
    page = soup(client.get(f"/sources/{article}"))
    assert page.select_one("a.read-text-link")["href"] == f"/sources/{article}/text"


# --- quoting from a paragraph --------------------------------------------------------------


def test_readers_see_no_quote_buttons(seeded_app, client):
    page = soup(client.get(f"/sources/{source_id(seeded_app)}/text"))
    assert page.select(".reader-quote-button") == []


def test_only_editors_get_the_selection_script(seeded_app, client, editor_client):
    url = f"/sources/{source_id(seeded_app)}/text"
    script = 'script[src*="/js/source-reader.js"]'
    assert soup(editor_client.get(url)).select_one(script) is not None
    assert soup(client.get(url)).select_one(script) is None


def test_the_paragraph_button_opens_a_prefilled_claim_form(seeded_app, editor_client):
    article = source_id(seeded_app)
    page = soup(editor_client.get(f"/sources/{article}/text"))
    button = page.select_one("#paragraph-7 .reader-quote-button")
    query = parse_qs(urlsplit(button["href"]).query)
    paragraph = [line for line in ARTICLE.read_text(encoding="utf-8").splitlines() if line][6]
    assert query["quote"] == [paragraph]
    form = soup(editor_client.get(button["href"])).select_one("main form")
    values = form_values(form)
    assert values["source"] == str(article)
    assert values["locator"] == "7"
    assert values["quote"] == paragraph
    assert values["quote_lang"] == "fr"
    assert values["stated_date"] == "around July 2024"


def test_a_claim_quoting_words_of_its_paragraph_is_saved(seeded_app, editor_client):
    data = claim_data(
        source_id(seeded_app), locator="7", quote="trop agressif   et difficile à croire"
    )
    assert editor_client.post("/claims/new?dossier=openai-chips", data=data).status_code == 302


def test_the_form_refuses_a_quote_not_in_its_paragraph_and_shows_it(seeded_app, editor_client):
    before = count_claims(seeded_app)
    data = claim_data(source_id(seeded_app), locator="3", quote="trop agressif")
    response = editor_client.post("/claims/new?dossier=openai-chips", data=data)
    message = field_error(soup(response, 422), "quote")
    assert "not in paragraph 3" in message and "La chasse mondiale aux puces" in message
    assert count_claims(seeded_app) == before


def test_the_api_refuses_a_quote_not_in_its_paragraph_and_shows_it(seeded_app, client, write_token):
    before = count_claims(seeded_app)
    body = {
        "dossier": "openai-chips",
        "statement": "TSMC's chief called the plan too aggressive.",
        "attribution": "public",
        "source": source_id(seeded_app),
        "locator": 3,
        "quote": "trop agressif",
        "stated_date": "2024-06",
        "confidence": 80,
    }
    response = client.post("/api/v1/claims", json=body, headers=bearer(write_token))
    assert response.status_code == 400
    [error] = [e for e in response.get_json()["errors"] if e["field"] == "quote"]
    assert "La chasse mondiale aux puces" in error["message"]
    assert count_claims(seeded_app) == before


def test_a_paragraph_beyond_the_text_is_refused(seeded_app, editor_client):
    data = claim_data(source_id(seeded_app), locator="41", quote="trop agressif")
    response = editor_client.post("/claims/new?dossier=openai-chips", data=data)
    assert "40 paragraphs" in field_error(soup(response, 422), "quote")
