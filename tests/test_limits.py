"""Each limit is stated where readers meet it exactly as it is enforced (models/limits.py)."""

from __future__ import annotations

import pytest

from models import limits
from models.vocabulary import likelihood
from tests.conftest import build_app
from tests.editing_helpers import claim_data, count_claims, field_error, soup, source_id

NEW = "/claims/new?dossier=openai-chips"


@pytest.mark.parametrize(
    ("field", "limit"),
    [
        ("statement", limits.STATEMENT_MAX),
        ("quote", limits.QUOTE_MAX),
        ("notes", limits.NOTES_MAX),
    ],
)
def test_the_claim_form_states_the_limit_it_enforces(seeded_app, editor_client, field, limit):
    form = soup(editor_client.get(NEW))
    box = form.find(id=field)
    assert box["data-count-limit"] == str(limit)
    hint = form.find(id=f"{field}-hint").get_text(" ", strip=True)
    assert f"Up to {limit:,} characters." in hint
    article = source_id(seeded_app)
    longest = claim_data(article, **{field: "x" * limit}, quote_lang="en")
    assert editor_client.post(NEW, data=longest).status_code == 302
    too_long = claim_data(article, **{field: "x" * (limit + 1)}, quote_lang="en")
    before = count_claims(seeded_app)
    response = editor_client.post(NEW, data=too_long)
    assert response.status_code == 422 and field_error(soup(response, 422), field)
    assert count_claims(seeded_app) == before


def test_the_too_large_page_quotes_the_limits(seeded_app, editor_client):
    article = source_id(seeded_app)
    response = editor_client.post(NEW, data=claim_data(article, notes="n" * (1024 * 1024 + 1)))
    assert response.status_code == 413
    text = soup(response, 413).select_one("main").get_text(" ", strip=True)
    assert (
        f"a statement may have {limits.STATEMENT_MAX:,} characters, "
        f"a quote {limits.QUOTE_MAX:,} and notes {limits.NOTES_MAX:,}"
    ) in text


def test_the_too_large_page_follows_the_configured_request_size(tmp_path, seeded_template):
    app = build_app(tmp_path, seeded_template, MAX_CONTENT_LENGTH=512 * 1024)
    response = app.test_client().post("/login", data={"username": "x" * (600 * 1024)})
    assert response.status_code == 413
    assert "larger than the 512 KB a form may carry" in soup(response, 413).get_text(
        " ", strip=True
    )


def test_the_search_box_takes_what_the_search_keeps(client):
    page = soup(client.get("/dossiers/openai-chips/"))
    assert page.find(id="f-q")["maxlength"] == str(limits.SEARCH_TEXT_MAX)


def _ranges(rows) -> list[tuple[str, str]]:
    return [(range_text.replace("%", ""), words) for range_text, words in rows]


def test_the_legend_and_the_print_show_the_same_likelihood_bands(client):
    timeline = soup(client.get("/dossiers/openai-chips/"))
    legend = [
        (item.select_one(".legend-range").get_text(), item.select_one(".confidence-words").text)
        for item in timeline.select(".legend-scale li")
    ]
    printed = soup(client.get("/dossiers/openai-chips/print"))
    table = printed.find(id="method-likelihood").find_next("table")
    scale = [
        tuple(cell.get_text() for cell in row.select("td")) for row in table.select("tbody tr")
    ]
    assert _ranges(legend) == _ranges(scale)
    for range_text, words in _ranges(legend):
        lowest, highest = (int(end) for end in range_text.split("–"))
        assert likelihood(lowest) == likelihood(highest) == words
