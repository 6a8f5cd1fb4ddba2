"""Reader-facing pages say dates in words: no EDTF outside the claim page's details (#16)."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from hypothesis import given
from sqlalchemy import select

from fuzzy_date import OPEN_END, from_edtf, heading_period
from fuzzy_date.labels import YEAR_PARTS
from fuzzy_date.vocabulary import MONTH_NAMES
from models import Claim, Entity, Source
from tests.conftest import claim_by_key
from tests.factories import make_claim, make_dossier
from tests.helpers import soup
from tests.test_fuzzy_date import PROPERTY
from tests.test_fuzzy_date_properties import edtf_dates

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


# Headings: a date goes under a heading no more precise than the date itself.
MONTH_HEADING = re.compile(
    r"^(January|February|March|April|May|June|July|August|September|"
    r"October|November|December) (\d+)$"
)


def sits_in_year(value) -> int:
    return (value.latest if value.start is None else value.earliest).year


@PROPERTY
@given(edtf_dates())
def test_a_heading_names_a_single_month_only_for_a_date_that_starts_in_it(case):
    value = from_edtf(case[0])
    heading = heading_period(value.shape, sits_in_year(value)).label
    named = MONTH_HEADING.match(heading)
    if named:
        assert value.start is not None
        assert MONTH_NAMES[value.earliest.month - 1] == named.group(1)
        within_the_month = (value.latest.year, value.latest.month) == (
            value.earliest.year,
            value.earliest.month,
        )
        # Either the date starts with a known month ("June 2024 or later") or everything it
        # allows lies in that month ("from 2024 to June 2024" ends before June is out).
        assert value.start.kind in ("month", "day") or within_the_month
        assert value.latest == OPEN_END or within_the_month


@PROPERTY
@given(edtf_dates())
def test_a_heading_never_shows_edtf_and_says_its_year(case):
    value = from_edtf(case[0])
    year = sits_in_year(value)
    heading = heading_period(value.shape, year).label
    assert not EDTF_LOOKING.search(heading)
    # "By winter 2023–24" names the season it ends with, not the year it sits in.
    assert heading.startswith("By ") or str(year) in heading


@PROPERTY
@given(edtf_dates())
def test_a_part_of_the_year_heading_covers_the_whole_date(case):
    value = from_edtf(case[0])
    year = sits_in_year(value)
    heading = heading_period(value.shape, year).label
    parts = {f"{year}, {words}": months for months, words in YEAR_PARTS.items()}
    if heading in parts:
        first, last = parts[heading]
        assert value.earliest >= date(year, first, 1)
        assert value.latest == OPEN_END or value.latest <= date(year, last, 28) + timedelta(4)


@pytest.mark.parametrize(
    "edtf, heading",
    [
        ("2024-01~/2024-06~", "2024, first half"),
        ("2024", "2024, month not known"),
        ("2024~", "2024, month not known"),
        ("2024-07~", "July 2024"),
        ("../2024-07", "By July 2024"),
        ("2014/2022", "2014–2022, spanning years"),
        ("2024-05/2024-08", "2024, May–August"),
        ("2024-22", "summer 2024"),
        ("2023-11-22/..", "November 2023"),
    ],
)
def test_headings_for_imprecise_dates(edtf, heading):
    value = from_edtf(edtf)
    assert heading_period(value.shape, sits_in_year(value)).label == heading


@pytest.mark.parametrize("order", ["event", "stated"])
def test_around_h1_does_not_sit_under_january_in_either_order(client, db_session, order):
    dossier = make_dossier(db_session, "halves")
    make_claim(
        db_session,
        dossier,
        statement="Half",
        event_date="around H1 2024",
        stated_date="around H1 2024",
    )
    make_claim(
        db_session, dossier, statement="January", event_date="2024-01-20", stated_date="2024-01-20"
    )
    db_session.commit()
    # Event order is the default, so its address carries no `order` (the timeline redirects).
    suffix = "" if order == "event" else f"?order={order}"
    page = soup(client.get(f"/dossiers/halves/{suffix}"))
    headings = {
        section.select_one(".month-heading").get_text(strip=True): [
            h.get_text(strip=True) for h in section.select(".statement")
        ]
        for section in page.select("section.month")
    }
    assert headings == {"2024, first half": ["Half"], "January 2024": ["January"]}


@PROPERTY
@given(edtf_dates(uniform=True))
def test_no_label_reads_as_edtf(case):
    assert not EDTF_LOOKING.search(from_edtf(case[0]).label)


def test_the_print_cover_says_a_single_year_once(client):
    cover = soup(client.get("/dossiers/openai-chips/print?from=2024&to=2024"))
    lines = [li.get_text(" ", strip=True) for li in cover.select("li")]
    assert "Dated: 2024" in lines
    assert not any("from 2024 to 2024" in line for line in lines)


def test_an_outlet_is_named_once_when_it_is_also_the_speaker(client, db_session):
    wsj = claim_by_key(db_session, "wsj-seven-trillion-fundraising")
    wsj_source = db_session.scalar(select(Source).where(Source.key == "wsj"))
    wsj.via = wsj_source
    db_session.commit()
    card = soup(client.get("/dossiers/openai-chips/")).select_one(f"#claim-{wsj.id}")
    line = card.select_one(".speaker").get_text(" ", strip=True)
    assert line.count("Wall Street Journal") == 1
    assert card.select_one(".via") is None


def test_a_different_outlet_is_still_named_as_via(client, db_session):
    wsj = claim_by_key(db_session, "wsj-seven-trillion-fundraising")
    other = db_session.scalar(select(Source).where(Source.key == "the-information"))
    wsj.via = other
    db_session.commit()
    card = soup(client.get("/dossiers/openai-chips/")).select_one(f"#claim-{wsj.id}")
    assert "via" in card.select_one(".via").get_text()
