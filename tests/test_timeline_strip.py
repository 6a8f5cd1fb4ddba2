"""The timeline's overview strip: a linked mark per claim with its shape and colour, spans for
imprecise dates, today and the years, monthly counts past a threshold, and the legend."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from fuzzy_date import OPEN_END, OPEN_START
from services.reading import overview
from tests.conftest import claim_by_key
from tests.helpers import soup
from tests.test_timeline import TIMELINE, card_ids


def test_the_strip_has_one_linked_mark_per_claim_with_an_accessible_name(client):
    page = soup(client.get(TIMELINE))
    strip = page.select_one("figure.overview svg.overview-strip")
    marks = strip.select("a.mark")
    assert len(marks) == len(card_ids(page))
    for mark in marks:
        assert mark["href"].startswith("#claim-")
        assert page.select_one(mark["href"]) is not None
        assert mark.find("title").get_text(strip=True)
    assert not page.select("[style]"), "no inline styles: the CSP forbids them"


def test_the_strip_marks_today_and_labels_the_years(client):
    strip = soup(client.get(TIMELINE)).select_one("svg.overview-strip")
    assert strip.select_one("line.today") is not None
    years = [text.get_text() for text in strip.select(".tick-label")]
    assert years[0] == "2014" and "2024" in years


def test_the_strip_draws_imprecise_dates_as_spans_and_exact_days_as_points(client, db_session):
    wei = claim_by_key(db_session, "tsmc-ceo-plan-too-aggressive")  # 4 June 2024
    career = claim_by_key(db_session, "richard-ho-google-tpu-career")  # 2014/2022
    strip = soup(client.get(TIMELINE)).select_one("svg.overview-strip")
    by_href = {mark["href"]: mark for mark in strip.select("a.mark")}
    assert by_href[f"#claim-{wei.id}"].select_one(".mark-span") is None
    span = by_href[f"#claim-{career.id}"].select_one(".mark-span")
    assert float(span["width"]) > 50


def test_the_strip_shows_each_attribution_with_its_own_shape_and_colour(client):
    strip = soup(client.get(TIMELINE)).select_one("svg.overview-strip")
    shapes = {}
    for mark in strip.select("a.mark"):
        kind = next(c for c in mark["class"] if c.startswith("mark-")).removeprefix("mark-")
        shape = mark.select_one(".mark-shape")
        shapes.setdefault(kind, set()).add((shape.name, shape["class"][-1]))
    assert len(shapes) == 6
    assert all(len(found) == 1 for found in shapes.values())
    assert len({found.pop() for found in shapes.values()}) == 6


def test_marks_of_claims_on_other_pages_link_to_the_page_starting_with_them(client):
    page = soup(client.get(f"{TIMELINE}?per_page=5"))
    off_page = [m for m in page.select("a.mark") if not m["href"].startswith("#")]
    assert len(off_page) == len(page.select("a.mark")) - 5
    target = off_page[-1]["href"]
    claim_id = int(target.split("#claim-")[1])
    assert card_ids(soup(client.get(target)))[0] == claim_id


def test_a_year_on_the_strip_shows_that_year_only(client):
    strip = soup(client.get(f"{TIMELINE}?attribution=insider")).select_one("svg.overview-strip")
    link = next(a for a in strip.select("a.tick-link") if a.select_one("text").string == "2024")
    query = parse_qs(urlsplit(link["href"]).query)
    assert query == {"attribution": ["insider"], "from": ["2024"], "to": ["2024"]}


def test_beyond_the_threshold_the_strip_counts_claims_per_month(client, monkeypatch):
    monkeypatch.setattr(overview, "BIN_THRESHOLD", 10)
    page = soup(client.get(TIMELINE))
    strip = page.select_one("svg.overview-strip")
    assert strip.select("a.mark") == []
    bins = strip.select("a.bin")
    totals = [int(b.find("title").get_text().split(": ")[1].split(" ")[0]) for b in bins]
    assert sum(totals) == 48
    july = next(b for b in bins if b.find("title").get_text().startswith("Jul 2024"))
    assert "after=2024-07-01.0" in july["href"]
    assert card_ids(soup(client.get(july["href"])))


def test_an_open_ended_span_is_a_stub_not_a_bar_to_the_edge(client, db_session):
    production = claim_by_key(db_session, "chip-production-not-before-2026")  # 2026 or later
    assert production.event_latest == OPEN_END and production.event_earliest != OPEN_START
    strip = soup(client.get(TIMELINE)).select_one("svg.overview-strip")
    mark = strip.select_one(f'a.mark[href="#claim-{production.id}"]')
    assert float(mark.select_one(".mark-span")["width"]) == overview.OPEN_STUB
    assert mark.select_one(".mark-open") is not None


def test_the_legend_explains_the_six_kinds_and_the_confidence_scale(client):
    legend = soup(client.get(TIMELINE)).select_one("details.legend")
    kinds = [tag.get_text(strip=True) for tag in legend.select(".legend-kinds .attribution-tag")]
    assert kinds == [
        "Insider says",
        "Public statement",
        "Private remark",
        "Media report",
        "Data / record",
        "Analysis",
    ]
    words = [w.get_text() for w in legend.select(".legend-scale .confidence-words")]
    assert words[0] == "almost no chance" and words[-1] == "almost certain"
