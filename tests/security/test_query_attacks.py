"""Hostile query strings: reflected XSS, SQL metacharacters and path traversal never get through."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from models.limits import TAG_NAME_MAX
from services.reading.search import search_terms
from tests.security.vectors import SQL_METACHARACTERS, TRAVERSALS, XSS_VECTORS

FILTER_PARAMETERS = [
    "attribution", "entity", "tag", "source", "status", "min_confidence", "from", "to", "q",
    "order", "after", "per_page",
]  # fmt: skip
LISTINGS = {
    "timeline": ("/dossiers/openai-chips/", {}),
    "api": ("/api/v1/claims", {"dossier": "openai-chips"}),
}
# The page drops a wrong value with a message and answers 200; the API refuses it with a 400.
# A tag or a search can be made of these characters and still be valid: see expected_status.
LISTING_STATUS = {"timeline": 200, "api": 400}


def expected_status(listing: str, parameter: str, value: str) -> int:
    """The status a listing answers to one hostile filter value; never a 500."""
    if listing == "api" and parameter == "q":
        return 200 if search_terms(value) else 400
    if listing == "api" and parameter == "tag":
        return 200 if value.isprintable() and len(value) <= TAG_NAME_MAX else 400
    return LISTING_STATUS[listing]


def smuggled(html: str) -> list[str]:
    """Scripts, event handlers or javascript: URLs that a vector got into the page."""
    page = BeautifulSoup(html, "html.parser")
    found = [
        str(script)[:80]
        for script in page.find_all("script")
        if not (script.get("src", "").startswith("/static/"))
        and script.get("type") != "application/ld+json"
        # The scripts' words in the page's language (base.html): data, never run.
        and not (script.get("type") == "application/json" and script.get("id") == "claimline-words")
    ]
    for tag in page.find_all(True):
        found += [f"{tag.name}[{name}]" for name in tag.attrs if name.lower().startswith("on")]
        for name in ("href", "src", "action", "formaction", "data"):
            value = tag.get(name)
            if value and "".join(str(value).split()).lower().startswith("javascript:"):
                found.append(f"{tag.name}[{name}]={value}")
    return found


@pytest.mark.parametrize("parameter", FILTER_PARAMETERS)
@pytest.mark.parametrize("vector", XSS_VECTORS)
def test_reflected_xss_in_timeline_filters_is_inert(reader, parameter, vector):
    response = reader.get("/dossiers/openai-chips/", query_string={parameter: vector})
    assert response.status_code == 200
    assert smuggled(response.get_data(as_text=True)) == []


@pytest.mark.parametrize("listing", LISTINGS)
@pytest.mark.parametrize("parameter", FILTER_PARAMETERS)
@pytest.mark.parametrize("value", SQL_METACHARACTERS)
def test_sql_metacharacters_in_filters_never_cause_a_server_error(
    reader, listing, parameter, value
):
    path, base = LISTINGS[listing]
    response = reader.get(path, query_string={**base, parameter: value})
    assert response.status_code == expected_status(listing, parameter, value)


@pytest.mark.parametrize("value", SQL_METACHARACTERS)
def test_sql_in_search_does_not_widen_the_results(reader, value):
    everything = reader.get("/api/v1/claims", query_string={"dossier": "openai-chips"}).get_json()
    response = reader.get("/api/v1/claims", query_string={"dossier": "openai-chips", "q": value})
    assert response.status_code == expected_status("api", "q", value)
    if response.status_code == 200:
        assert response.get_json()["total"] < everything["total"]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_path_traversal_in_slugs_and_files_is_refused(reader, path):
    response = reader.get(path)
    assert response.status_code in (400, 404)
    assert b"root:" not in response.data and b"SECRET_KEY" not in response.data


@pytest.mark.parametrize("method", ["PUT", "PATCH", "DELETE", "TRACE", "PROPFIND"])
@pytest.mark.parametrize("path", ["/", "/dossiers/openai-chips/", "/claims/1"])
def test_method_tampering_is_refused(reader, method, path):
    response = reader.open(path, method=method)
    assert response.status_code in (403, 405)


@pytest.mark.parametrize(
    "path",
    ["/claims/99999999999999999999", "/sources/9223372036854775808", "/api/v1/claims/2147483648"],
)
def test_ids_too_large_for_the_database_are_not_found(reader, path):
    assert reader.get(path).status_code == 404
