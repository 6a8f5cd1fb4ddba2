"""The JSON API's writes with a write token: create, change and delete claims, sources and
entities; create, change and archive dossiers. Routes on the `api` blueprint of `views.api`;
the checks are in `services.interchange.api_writes`, which accepts what the forms accept."""

from __future__ import annotations

from flask import g, jsonify, request

from db import get_session
from i18n import _
from models import Claim
from services.accounts import api_tokens
from services.interchange import api_dossier_writes, api_writes
from services.reading import claim_page as claim_service
from views.api import ApiProblem, api, item_json, signed_in
from web.problems import problem


def json_body() -> dict:
    """The request's JSON object, or a problem: 415 when it is not JSON, 400 when malformed."""
    if not request.mimetype or not (
        request.mimetype == "application/json" or request.mimetype.endswith("+json")
    ):
        raise ApiProblem(problem(415, detail=_("Send the body as application/json.")))
    try:
        body = request.get_json(silent=True)
    except RecursionError:  # nesting deeper than Python's JSON parser recurses: malformed here
        raise ApiProblem(problem(400, detail=_("The body nests too deeply."))) from None
    if not isinstance(body, dict):
        raise ApiProblem(problem(400, detail=_("The body must be one JSON object.")))
    return body


def writer():
    """The user the request's token belongs to; its use is noted."""
    api_tokens.mark_used(g.api_token)
    return g.api_token.user


def saved(item, status: int = 200):
    """Commit, then answer with the item as it now stands (201 with Location when new)."""
    session = get_session()
    session.commit()
    if isinstance(item, Claim):
        item = claim_service.get_visible(session, item.id)
    response = jsonify(item_json(item))
    response.status_code = status
    if status == 201:
        response.headers["Location"] = response.get_json()["api_url"]
    return response


def deleted():
    get_session().commit()
    return "", 204


@api.post("/claims")
def create_claim():
    """Add a claim to the dossier named in the body."""
    claim = api_writes.create_claim(get_session(), json_body(), writer())
    return saved(claim, 201)


@api.patch("/claims/<int:claim_id>")
def update_claim(claim_id: int):
    """Change the fields sent, if the claim is still at the `version` sent (else 409)."""
    session = get_session()
    claim = api_writes.editable_claim(session, claim_id, signed_in())
    api_writes.update_claim(session, claim, json_body(), writer())
    return saved(claim)


@api.delete("/claims/<int:claim_id>")
def delete_claim(claim_id: int):
    """Soft-delete a claim at `?version=`: it leaves every listing but keeps its history."""
    session = get_session()
    claim = api_writes.editable_claim(session, claim_id, signed_in())
    version = api_writes.version_argument(request.args.get("version"))
    api_writes.delete_claim(session, claim, version, writer())
    return deleted()


@api.post("/sources")
def create_source():
    source = api_writes.create_source(get_session(), json_body(), writer())
    return saved(source, 201)


@api.patch("/sources/<int:source_id>")
def update_source(source_id: int):
    session = get_session()
    source = api_writes.editable_source(session, source_id, signed_in())
    api_writes.update_source(session, source, json_body(), writer())
    return saved(source)


@api.delete("/sources/<int:source_id>")
def delete_source(source_id: int):
    """Soft-delete a source no live claim cites (409 while one does)."""
    session = get_session()
    source = api_writes.editable_source(session, source_id, signed_in())
    version = api_writes.version_argument(request.args.get("version"))
    api_writes.delete_source(session, source, version, writer())
    return deleted()


@api.post("/entities")
def create_entity():
    entity = api_writes.create_entity(get_session(), json_body(), writer())
    return saved(entity, 201)


@api.patch("/entities/<slug>")
def update_entity(slug: str):
    session = get_session()
    entity = api_writes.editable_entity(session, slug)
    api_writes.update_entity(session, entity, json_body(), writer())
    return saved(entity)


@api.delete("/entities/<slug>")
def delete_entity(slug: str):
    """Soft-delete an entity no live claim names (409 while one does)."""
    session = get_session()
    entity = api_writes.editable_entity(session, slug)
    version = api_writes.version_argument(request.args.get("version"))
    api_writes.delete_entity(session, entity, version, writer())
    return deleted()


@api.post("/dossiers")
def create_dossier():
    """Start a dossier; any editor may, but only an admin may choose who reads it."""
    dossier = api_dossier_writes.create_dossier(get_session(), json_body(), writer())
    return saved(dossier, 201)


@api.patch("/dossiers/<slug>")
def update_dossier(slug: str):
    """Change the fields sent, if the dossier is still at the `version` sent (else 409)."""
    session = get_session()
    dossier = api_dossier_writes.editable_dossier(session, slug)
    api_dossier_writes.update_dossier(session, dossier, json_body(), writer())
    return saved(dossier)


@api.delete("/dossiers/<slug>")
def archive_dossier(slug: str):
    """Archive a dossier at `?version=` (admins only): it leaves every reader's list and
    page; nothing in it is deleted."""
    session = get_session()
    dossier = api_dossier_writes.editable_dossier(session, slug)
    version = api_writes.version_argument(request.args.get("version"))
    api_dossier_writes.archive_dossier(session, dossier, version, writer())
    return deleted()
