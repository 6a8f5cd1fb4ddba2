"""The printed dossier as a PDF (WeasyPrint): validity, text, metadata, bookmarks, fonts, paper.

Rendering takes a few seconds, so each PDF is made once per module and read by several tests.
"""

from __future__ import annotations

import io
import re
import unicodedata

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from db import engine_of, get_session
from models import Claim, Dossier
from services.printing.pdf import StaticFilesFetcher
from tests.conftest import build_app

pytestmark = pytest.mark.slow

PDF = "/dossiers/openai-chips/dossier.pdf"


@pytest.fixture(scope="module")
def pdf_app(tmp_path_factory, seeded_template):
    app = build_app(tmp_path_factory.mktemp("pdf"), seeded_template)
    yield app
    # Module-scoped: close what the module's tests opened (PostgreSQL reports unclosed ones).
    engine_of(app).dispose()


@pytest.fixture(scope="module")
def statements(pdf_app) -> dict[str, str]:
    """Every live claim's statement in the seeded dossier, by attribution value."""
    with pdf_app.app_context():
        rows = get_session().execute(
            select(Claim.statement, Claim.attribution)
            .join(Dossier)
            .where(Dossier.slug == "openai-chips", Claim.deleted_at.is_(None))
        )
        return {statement: attribution.value for statement, attribution in rows}


def fetch(app, url: str):
    response = app.test_client().get(url)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response


@pytest.fixture(scope="module")
def a4_response(pdf_app):
    return fetch(pdf_app, PDF)


@pytest.fixture(scope="module")
def a4(a4_response) -> PdfReader:
    return PdfReader(io.BytesIO(a4_response.data))


def squeezed(text: str) -> str:
    """Text with line breaks, hyphenation and spacing taken out, for matching across lines."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    return re.sub(r"[\s\-\u2010\u2011]+", "", text)


def test_the_pdf_is_a_valid_pdf_served_inline(a4_response, a4):
    assert a4_response.mimetype == "application/pdf"
    assert a4_response.data.startswith(b"%PDF-")
    assert 'filename="openai-chips-briefing.pdf"' in a4_response.headers["Content-Disposition"]
    assert len(a4.pages) > 1


def test_every_claim_statement_is_in_the_pdf_text(a4, statements):
    text = squeezed("".join(page.extract_text() for page in a4.pages))
    missing = [statement for statement in statements if squeezed(statement) not in text]
    assert not missing


def test_the_pdf_carries_title_author_and_subject(a4):
    assert a4.metadata.title == "OpenAI's in-house AI chip and data-centre plan"
    assert a4.metadata.author == "Claimline"
    assert a4.metadata.subject.startswith("Sam Altman's push for OpenAI-designed chips")


def test_the_seeded_dossier_takes_a_sensible_number_of_a4_pages(a4):
    assert 6 <= len(a4.pages) <= 40
    width, height = (float(value) for value in a4.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)


def test_the_pdf_has_bookmarks_for_its_sections_and_the_timeline_years(a4):
    def titles(outline) -> list:
        found = []
        for item in outline:
            found.extend(titles(item) if isinstance(item, list) else [item.title])
        return found

    top = [item.title for item in a4.outline if not isinstance(item, list)]
    assert top[0].startswith("Cover: OpenAI's in-house")
    assert top[1:] == [
        "Summary",
        "Timeline of claims",
        "Sources",
        "Index of people and organisations",
        "Method",
    ]
    every = titles(a4.outline)
    assert "Key tensions" in every and "2024" in every and "June 2024" in every


def test_the_pdf_embeds_every_font_it_uses(a4):
    fonts = {}
    for page in a4.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[font["/BaseFont"]] = font
    assert any("Claimline-Serif" in name for name in fonts)
    for name, font in fonts.items():
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), name


def test_the_page_footer_counts_pages(a4):
    last = len(a4.pages)
    assert f"Page 2 of {last}" in a4.pages[1].extract_text()
    assert f"Page {last} of {last}" in a4.pages[-1].extract_text()


def test_letter_paper_gives_letter_pages(pdf_app):
    reader = PdfReader(io.BytesIO(fetch(pdf_app, PDF + "?paper=letter").data))
    width, height = (float(value) for value in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (612, 792)


def test_a_filtered_pdf_holds_only_the_filtered_claims(pdf_app, statements):
    reader = PdfReader(io.BytesIO(fetch(pdf_app, PDF + "?attribution=public").data))
    text = squeezed("".join(page.extract_text() for page in reader.pages))
    assert "Attribution:Publicstatement" in text
    public = [s for s, attribution in statements.items() if attribution == "public"]
    assert f"{len(public)}claimsfrom" in text
    for statement in public:
        assert squeezed(statement) in text
    # Other claims appear only when a printed claim relates to them (truncated, in quotes).
    others = [s for s, attribution in statements.items() if attribution != "public"]
    assert sum(squeezed(statement) in text for statement in others) <= 3


# --- the fetcher: nothing but the app's own static files ------------------------------------


@pytest.fixture
def fetcher(pdf_app) -> StaticFilesFetcher:
    return StaticFilesFetcher("http://claimline.test/static/", pdf_app.static_folder)


def test_the_fetcher_reads_static_files_and_unpacks_web_fonts(fetcher):
    css = fetcher.fetch("http://claimline.test/static/css/print.css")
    assert b"@page" in css.read() and css.content_type == "text/css"
    font = fetcher.fetch("http://claimline.test/static/fonts/NotoSerif-Regular.woff2")
    assert font.read()[:4] == b"\x00\x01\x00\x00"  # plain TrueType, not wOF2


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/static/css/print.css",
        "http://claimline.test/dossiers/openai-chips/",
        "http://claimline.test/static/../app.py",
        "http://claimline.test/static/%2e%2e/app.py",
        "file:///etc/passwd",
    ],
)
def test_the_fetcher_refuses_anything_else(fetcher, url):
    with pytest.raises(ValueError):
        fetcher.fetch(url)
