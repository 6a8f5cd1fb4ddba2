"""The overview strip follows the view: its axis, its zoom links and its focus + context scale."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest

from services.reading import strip_axis
from tests.helpers import soup

TIMELINE = "/dossiers/openai-chips/"
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def strip_of(client, url: str):
    # The strip, its zoom links and its brush (the figure and what follows it).
    return soup(client.get(url)).select_one(".overview-block")


def tick_positions(figure) -> dict[str, float]:
    return {
        link.select_one("text").get_text(): float(link.select_one("text")["x"]) - 3
        for link in figure.select("a.tick-link")
    }


@pytest.mark.parametrize("order", ["event", "stated"])
def test_a_2024_view_has_a_2024_strip_by_month(client, order):
    # Event order is the default, so its address carries no `order` (the timeline redirects).
    order_argument = "" if order == "event" else f"&order={order}"
    figure = strip_of(client, f"{TIMELINE}?from=2024&to=2024{order_argument}")
    labels = [text.get_text() for text in figure.select(".tick-label")]
    assert labels == ["Jan 2024", *MONTHS[1:]]
    assert figure.select_one("svg title").get_text().endswith(", 2024")
    for link in figure.select("a.tick-link"):
        query = parse_qs(urlsplit(link["href"]).query)
        assert query["from"] == query["to"] and query["from"][0].startswith("2024-")
    zoom_out = figure.select_one("a.overview-zoom-out")
    assert "from" not in parse_qs(urlsplit(zoom_out["href"]).query)


def test_every_mark_of_a_2024_view_lies_on_the_2024_axis(client):
    figure = strip_of(client, f"{TIMELINE}?from=2024&to=2024")
    january = tick_positions(figure)["Jan 2024"]
    for mark in figure.select("a.mark .mark-shape"):
        x = float(mark.get("cx") or mark.get("x") or mark["d"].split()[0].lstrip("M"))
        assert january - 10 <= x <= strip_axis.WIDTH


def test_without_javascript_each_year_with_claims_has_a_zoom_link(client):
    figure = strip_of(client, TIMELINE)
    links = figure.select("nav.overview-zoom a")
    years = [link.get_text(" ", strip=True).split()[0] for link in links]
    assert "2024" in years and "2014" in years
    for link in links:
        year = link.get_text(" ", strip=True).split()[0]
        query = parse_qs(urlsplit(link["href"]).query)
        assert query == {"from": [year], "to": [year]}
        assert soup(client.get(link["href"])).select("article.claim")
    assert figure.select_one("a.overview-zoom-out") is None


def test_a_long_imprecise_span_does_not_squeeze_the_other_claims(client):
    figure = strip_of(client, TIMELINE)
    ticks = tick_positions(figure)
    width = strip_axis.WIDTH - 2 * strip_axis.PAD_X
    # 2023 and 2024 hold most claims: on a plain linear 2014–2026 axis 2023 to 2026 would
    # get 3/13 of the width; 2025, without claims, is drawn narrow and left unlabelled.
    assert ticks["2026"] - ticks["2023"] > 0.3 * width
    assert "2025" not in ticks
    assert "drawn narrower" in figure.figcaption.get_text()


def test_focus_and_context_narrow_exactly_the_years_without_claims():
    weights = strip_axis.focus_weights(
        date(2014, 1, 1), date(2026, 12, 31), {2014, 2023, 2024}, date(2026, 11, 29)
    )
    assert {year for year, weight in weights.items() if weight == 1.0} == {2014, 2023, 2024, 2026}
    assert all(weights[year] == strip_axis.CONTEXT_WEIGHT for year in range(2015, 2023))


def test_a_short_axis_keeps_every_year_full_width():
    assert (
        strip_axis.focus_weights(date(2023, 1, 1), date(2025, 12, 31), {2023}, date(2025, 1, 1))
        == {}
    )


def test_the_scale_is_monotonic_and_spans_the_strip():
    weights = {year: (1.0 if year in (2014, 2024) else 0.2) for year in range(2014, 2027)}
    scale = strip_axis.Scale(date(2014, 1, 1), date(2026, 12, 31), weights)
    days = [date(year, month, 1) for year in range(2014, 2027) for month in range(1, 13)]
    xs = [scale.x(day) for day in days]
    assert xs == sorted(xs)
    assert xs[0] == strip_axis.PAD_X
    assert scale.x(date(2026, 12, 31)) <= strip_axis.WIDTH - strip_axis.PAD_X
