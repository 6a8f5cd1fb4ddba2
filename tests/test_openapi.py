"""The OpenAPI document is valid, complete, and every endpoint's live responses match it."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from sqlalchemy import select

from db import get_session
from models import Source
from models.vocabulary import Role
from tests.accounts import add_account
from tests.conftest import claim_by_key, make_token
from tests.helpers import bearer

DOCUMENT_URL = "/api/v1/openapi.json"


@pytest.fixture
def document(client) -> dict:
    return client.get(DOCUMENT_URL).get_json()


@pytest.fixture
def ids(seeded_app) -> dict:
    """Real ids to put in the requests."""
    with seeded_app.app_context():
        session = get_session()
        return {
            "claim": claim_by_key(session, "tsmc-ceo-plan-too-aggressive").id,
            "other_claim": claim_by_key(session, "hbm-shortage").id,
            "source": session.scalar(select(Source.id).where(Source.key == "wsj")),
            "article": session.scalar(select(Source.id).where(Source.key == "article")),
        }


def operation_of(document: dict, path: str, method: str) -> dict:
    return document["paths"][path][method.lower()]


def check_response(document: dict, path: str, method: str, response) -> None:
    """The response's status is documented, and its body matches the documented schema."""
    responses = operation_of(document, path, method)["responses"]
    assert str(response.status_code) in responses, (method, path, response.status_code)
    documented = responses[str(response.status_code)]
    if "content" not in documented:
        assert not response.data
        return
    (media_type, content), *_ = documented["content"].items()
    assert response.mimetype == media_type
    registry = Registry().with_resource(
        "urn:claimline", Resource.from_contents(document, default_specification=DRAFT202012)
    )
    schema = content["schema"]
    if "$ref" in schema:
        schema = {"$ref": "urn:claimline" + schema["$ref"]}
    validator = Draft202012Validator(
        schema, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    validator.validate(response.get_json())


def test_the_document_is_valid_openapi_3_1(document):
    validate(document)
    assert document["openapi"] == "3.1.0"


def test_every_api_route_is_documented(seeded_app, document):
    documented = {
        (method.upper(), "/api/v1" + path)
        for path, operations in document["paths"].items()
        for method in operations
    }
    routes = set()
    for rule in seeded_app.url_map.iter_rules():
        if rule.endpoint.startswith("api."):
            path = re.sub(r"<(?:[^:>]+:)?(\w+)>", r"{\1}", rule.rule)
            routes |= {(method, path) for method in rule.methods - {"HEAD", "OPTIONS"}}
    assert routes == documented


def requests(ids: dict) -> list[tuple[str, str, str, dict | None, bool]]:
    """(method, documented path, URL, JSON body, with write token) covering every operation
    and its documented outcomes."""
    claim, other, source = ids["claim"], ids["other_claim"], ids["source"]
    new_claim = {
        "dossier": "openai-chips",
        "statement": "A new claim for the schema test.",
        "attribution": "analysis",
        "source": source,
        "stated_date": "2024",
        "confidence": 40,
    }
    chips = "dossier=openai-chips"
    one_claim, other_claim = f"/api/v1/claims/{claim}", f"/api/v1/claims/{other}"
    one_source = f"/api/v1/sources/{source}"
    article = f"/api/v1/sources/{ids['article']}"
    text, suggestions = "/sources/{source_id}/text", "/sources/{source_id}/suggestions"
    return [
        ("GET", "/openapi.json", "/api/v1/openapi.json", None, False),
        ("GET", "/dossiers", "/api/v1/dossiers", None, False),
        ("GET", "/dossiers", "/api/v1/dossiers", None, "wrong"),
        ("GET", "/dossiers/{slug}", "/api/v1/dossiers/openai-chips", None, False),
        ("GET", "/dossiers/{slug}", "/api/v1/dossiers/nope", None, False),
        ("GET", "/claims", f"/api/v1/claims?{chips}&per_page=3", None, False),
        ("GET", "/claims", f"/api/v1/claims?{chips}&order=stated&from=2024", None, False),
        ("GET", "/claims", f"/api/v1/claims?{chips}&status=nope", None, False),
        ("GET", "/claims", "/api/v1/claims?dossier=nope", None, False),
        ("GET", "/claims/{claim_id}", one_claim, None, False),
        ("GET", "/claims/{claim_id}", "/api/v1/claims/0", None, False),
        ("GET", "/claims/{claim_id}/history", f"{one_claim}/history", None, False),
        ("GET", "/sources", f"/api/v1/sources?{chips}&per_page=2", None, False),
        ("GET", "/sources", f"/api/v1/sources?{chips}&after=x", None, False),
        ("GET", "/sources/{source_id}", one_source, None, False),
        ("GET", text, f"{article}/text", None, False),
        ("GET", text, f"{article}/text?version=0", None, False),
        ("GET", text, "/api/v1/sources/0/text", None, False),
        ("POST", suggestions, f"{article}/suggestions", None, True),
        ("POST", suggestions, f"{article}/suggestions", None, False),
        ("POST", suggestions, f"{article}/suggestions", None, "read"),
        ("POST", suggestions, "/api/v1/sources/0/suggestions", None, True),
        ("GET", "/index/entities", "/api/v1/index/entities", None, False),
        ("GET", "/index/entities", f"/api/v1/index/entities?{chips}", None, False),
        ("GET", "/index/entities", "/api/v1/index/entities?dossier=", None, False),
        ("GET", "/index/entities", "/api/v1/index/entities?dossier=nope", None, False),
        ("GET", "/index/entities", "/api/v1/index/entities", None, "wrong"),
        ("GET", "/index/sources", "/api/v1/index/sources", None, False),
        ("GET", "/index/sources", f"/api/v1/index/sources?{chips}", None, False),
        ("GET", "/index/sources", "/api/v1/index/sources?dossier=", None, False),
        ("GET", "/index/sources", "/api/v1/index/sources?dossier=nope", None, False),
        ("GET", "/index/sources", "/api/v1/index/sources", None, "wrong"),
        ("GET", "/entities", "/api/v1/entities?kind=person", None, False),
        ("GET", "/entities", "/api/v1/entities?kind=robot", None, False),
        ("GET", "/entities/{slug}", "/api/v1/entities/cc-wei", None, False),
        ("GET", "/search", "/api/v1/search?q=Broadcom", None, False),
        ("GET", "/search", "/api/v1/search?q=brodcom", None, False),
        ("GET", "/search", "/api/v1/search?q=%22*", None, False),
        ("POST", "/claims", "/api/v1/claims", new_claim, True),
        ("POST", "/claims", "/api/v1/claims", {**new_claim, "confidence": "high"}, True),
        ("POST", "/claims", "/api/v1/claims", new_claim, False),
        ("POST", "/claims", "/api/v1/claims", new_claim, "read"),
        ("PATCH", "/claims/{claim_id}", one_claim, {"version": 1, "confidence": 90}, True),
        ("PATCH", "/claims/{claim_id}", one_claim, {"version": 1, "confidence": 91}, True),
        ("PATCH", "/claims/{claim_id}", "/api/v1/claims/0", {"version": 1}, True),
        ("DELETE", "/claims/{claim_id}", f"{other_claim}?version=1", None, True),
        ("DELETE", "/claims/{claim_id}", f"{other_claim}?version=1", None, True),
        ("POST", "/sources", "/api/v1/sources", {"dossier": "openai-chips", "title": "T"}, True),
        ("PATCH", "/sources/{source_id}", one_source, {"version": 1, "outlet": "WSJ"}, True),
        ("DELETE", "/sources/{source_id}", f"{one_source}?version=2", None, True),
        ("POST", "/entities", "/api/v1/entities", {"name": "Arm", "kind": "organisation"}, True),
        ("PATCH", "/entities/{slug}", "/api/v1/entities/arm", {"version": 1, "aliases": "A"}, True),
        ("DELETE", "/entities/{slug}", "/api/v1/entities/arm?version=2", None, True),
        ("POST", "/dossiers", "/api/v1/dossiers", {"title": "Schema test"}, True),
        ("POST", "/dossiers", "/api/v1/dossiers", {"title": ""}, True),
        ("PATCH", "/dossiers/{slug}", "/api/v1/dossiers/schema-test", {"version": 1}, True),
        ("PATCH", "/dossiers/{slug}", "/api/v1/dossiers/schema-test", {"version": 9}, True),
        ("DELETE", "/dossiers/{slug}", "/api/v1/dossiers/schema-test?version=1", None, True),
        ("DELETE", "/dossiers/{slug}", "/api/v1/dossiers/schema-test?version=1", None, "admin"),
    ]


def test_every_operation_is_exercised_here(document, ids):
    exercised = {(method.lower(), path) for method, path, *_ in requests(ids)}
    documented = {(m, p) for p, operations in document["paths"].items() for m in operations}
    assert exercised == documented


def test_live_responses_match_the_document(
    seeded_app, client, document, ids, write_token, read_token
):
    add_account(seeded_app, "chief", Role.ADMIN)
    admin_token = make_token(seeded_app, "chief", "write")
    tokens = {
        True: write_token,
        "read": read_token,
        "wrong": "cl_wrong",
        False: None,
        "admin": admin_token,
    }
    statuses = set()
    for method, path, url, body, token in requests(ids):
        headers = bearer(tokens[token]) if tokens[token] else {}
        response = client.open(url, method=method, json=body, headers=headers)
        check_response(document, path, method, response)
        statuses.add(response.status_code)
    assert {200, 201, 204, 400, 401, 403, 404, 409} <= statuses


def test_a_body_of_the_wrong_type_is_documented(client, document, write_token):
    response = client.post(
        "/api/v1/entities",
        data="name=Arm",
        content_type="text/plain",
        headers=bearer(write_token),
    )
    assert response.status_code == 415
    check_response(document, "/entities", "POST", response)


def test_the_api_page_documents_every_endpoint(client, document):
    page = BeautifulSoup(client.get("/api/").data, "html.parser")
    rows = {
        (row.select("td")[0].get_text(), row.select("td")[1].get_text())
        for row in page.select("table.endpoints tbody tr")
    }
    documented = {
        (method.upper(), "/api/v1" + path)
        for path, operations in document["paths"].items()
        for method in operations
    }
    assert rows == documented
