"""The API's page for people: how to read, get a token and write, with runnable examples."""

from __future__ import annotations

import json

from flask import Blueprint, render_template, request

from db import get_session
from services.interchange import api_examples, openapi

api_docs = Blueprint("api_docs", __name__)


def as_json(data, indent: int | None = None) -> str:
    return json.dumps(data, ensure_ascii=False, indent=indent)


@api_docs.get("/api/")
def index():
    """Documentation of the JSON API, its examples using the seeded dossier."""
    example = api_examples.find(get_session())
    bodies = {}
    if example is not None:
        bodies = {
            "source": as_json(api_examples.new_source_body(example), indent=2),
            "claim": as_json(api_examples.new_claim_body(example), indent=2),
            "patch": as_json(api_examples.patch_body()),
        }
    return render_template(
        "api/index.html",
        example=example,
        bodies=bodies,
        api_root=request.host_url + "api/v1",
        endpoints=openapi.endpoints(),
    )
