"""Reader-facing pages say dates in words: no EDTF outside the claim page's details (#16)."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from models import Claim, Entity, Source
from tests.helpers import soup

# What EDTF looks like in running text: a qualifier after a date, an open end written as
# "..", an X mask ("202X", "2024-XX"), a set in brackets, or a slash between two dates.
EDTF_LOOKING = re.compile(
    r"\d{4}(?:-\d{2}){0,2}[~?%]"
    r"|\.\./|/\.\.|\[\.\."
    r"|\b\d{2,3}X{1,2}\b|\b\d{4}-X{2}\b"
    r"|\b\d{4}(?:-\d{2}){0,2}/\d{4}\b"
)


def visible_text(page) -> str:
    """The page's text a reader sees, without the claim page's EDTF details.

    Code spans in an editor's own Markdown (the methodology cites the notation on purpose)
    are the editor's words, not a label Claimline made, so they are left out too."""
    for hidden in page.select("script, style, template, .edtf-details, .prose code"):
        hidden.decompose()
    return page.get_text(" ")


def reader_pages(session) -> list[str]:
    claims = session.scalars(select(Claim.id).where(Claim.deleted_at.is_(None))).all()
    entities = session.scalars(select(Entity.slug).where(Entity.deleted_at.is_(None))).all()
    sources = session.scalars(select(Source.id)).all()
    return [
        "/dossiers/openai-chips/",
        "/dossiers/openai-chips/?order=stated",
        "/dossiers/openai-chips/?from=2024&to=2024",
        "/dossiers/openai-chips/print",
        *(f"/claims/{claim_id}" for claim_id in claims),
        *(f"/entities/{slug}" for slug in entities),
        *(f"/sources/{source_id}" for source_id in sources),
    ]


@pytest.mark.parametrize(
    "text",
    ["2024-07~", "../2024-07", "2023/..", "2023/2024-07", "[..2024]", "202X", "2024-XX", "2023?"],
)
def test_the_pattern_catches_edtf(text):
    assert EDTF_LOOKING.search(f"dated {text} here")


@pytest.mark.parametrize("text", ["4 June 2024", "around July 2024", "2014–2022", "by July 2024"])
def test_the_pattern_spares_words(text):
    assert not EDTF_LOOKING.search(text)


def test_no_reader_page_shows_edtf_in_running_text(client, db_session):
    leaks = {}
    for path in reader_pages(db_session):
        text = visible_text(soup(client.get(path)))
        found = EDTF_LOOKING.findall(text)
        if found:
            leaks[path] = sorted(set(found))
    assert leaks == {}
