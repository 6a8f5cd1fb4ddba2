"""The JSON API, version 1: every HTML listing has its twin here with the same filters.

Callers authenticate with `Authorization: Bearer <token>` (see `flask tokens create`), never
with the session cookie, so the blueprint is exempt from CSRF and a foreign page cannot
act through a signed-in editor's browser. Reads need no token (a private dossier does);
writes need a write-scope token. Every error is an RFC 9457 problem.
"""

from __future__ import annotations

from flask import Blueprint, current_app, g, jsonify, request, url_for
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import HTTPException

from db import SAFE_METHODS, get_session
from models import Claim, Dossier, Source, TokenScope
from models.vocabulary import EntityKind
from services.accounts import api_tokens
from services.interchange import api_queries, api_writes, openapi, serialize
from services.interchange.api_writes import WriteProblem
from services.reading import claim_page as claim_service
from services.reading import timeline, timeline_page
from services.reading.filters import SLUG_PATTERN, parse_filters
from services.reading.search import SearchError
from web.caching import from_page_cache, not_modified, page_etag, page_response
from web.problems import problem, validation_problem
from web.urls import query_args

api = Blueprint("api", __name__)

FILTER_PARAMETERS = (
    "attribution", "entity", "tag", "source", "status", "min_confidence", "from", "to", "q",
    "order", "after",
)  # fmt: skip
MAX_PER_PAGE = 200
READ_ONLY_TOKEN = (
    "This token may only read. A write token is made with "
    "`flask --app app tokens create USERNAME --scope write`."
)
# Ids stop at SQLite's (and PostgreSQL's bigint) largest integer: a larger one names
# nothing (404) instead of overflowing the database driver.
MAX_ID = 2**63 - 1


class ApiProblem(Exception):
    """Raised by helpers to answer with a problem response at once."""

    def __init__(self, response):
        super().__init__(response.status_code)
        self.response = response


@api.errorhandler(ApiProblem)
def _answer_problem(error: ApiProblem):
    return error.response


@api.errorhandler(WriteProblem)
def _answer_write_problem(error: WriteProblem):
    if error.errors:
        return validation_problem(error.errors, detail=error.detail)
    if error.current is not None:
        return problem(error.status, detail=error.detail, current=item_json(error.current))
    return problem(error.status, detail=error.detail)


@api.errorhandler(HTTPException)
def _answer_http_error(error: HTTPException):
    return problem(error.code or 500, detail=error.description)


@api.url_value_preprocessor
def _refuse_impossible_ids(endpoint, values) -> None:
    for name, value in (values or {}).items():
        if isinstance(value, int) and value > MAX_ID:
            raise ApiProblem(
                problem(404, detail=f"There is no {name.removesuffix('_id')} {value}.")
            )


# --- authentication ---------------------------------------------------------------------


@api.before_request
def authenticate():
    """Read the bearer token, if any; writes need one of write scope."""
    g.api_token = None
    header = request.headers.get("Authorization")
    if header is None:
        if request.method not in SAFE_METHODS:
            return _unauthorized("Send a write token as `Authorization: Bearer <token>`.")
        return None
    scheme, _, secret = header.partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        return _unauthorized("Use `Authorization: Bearer <token>`; no other scheme is accepted.")
    token = api_tokens.authenticate(get_session(), secret.strip())
    if token is None:
        return _unauthorized("That token is unknown or was revoked.", error="invalid_token")
    if request.method not in SAFE_METHODS and token.scope is not TokenScope.WRITE:
        return problem(403, detail=READ_ONLY_TOKEN)
    g.api_token = token
    return None


def _unauthorized(detail: str, error: str | None = None):
    response = problem(401, detail=detail)
    challenge = 'Bearer realm="claimline"' + (f', error="{error}"' if error else "")
    response.headers["WWW-Authenticate"] = challenge
    return response


def signed_in() -> bool:
    return g.get("api_token") is not None


# --- argument helpers -------------------------------------------------------------------


def per_page_argument(errors: dict[str, str]) -> int:
    """The page size asked for (default PER_PAGE); a wrong one is noted in `errors`."""
    value = request.args.get("per_page")
    if value is None or value == "":
        return current_app.config["PER_PAGE"]
    if not value.isascii() or not value.isdigit() or not 1 <= int(value) <= MAX_PER_PAGE:
        errors["per_page"] = f"The page size must be a whole number from 1 to {MAX_PER_PAGE}."
        return current_app.config["PER_PAGE"]
    return int(value)


def readable_dossier(slug: str | None, field: str = "dossier") -> api_queries.DossierCounts:
    """The dossier named by `slug` with its counts; raises ApiProblem (400 or 404)."""
    return _readable(slug, field, api_queries.dossier)


def listed_dossier(slug: str | None) -> Dossier:
    """The dossier whose items are listed: no counts (a count of 100,000 claims is 20 ms)."""
    return _readable(slug, "dossier", api_queries.visible_dossier)


def _readable(slug: str | None, field: str, lookup):
    if not slug:
        raise ApiProblem(validation_problem({field: "Name a dossier by its slug."}))
    found = lookup(get_session(), slug, signed_in()) if SLUG_PATTERN.match(slug) else None
    if found is None:
        raise ApiProblem(problem(404, detail=f'There is no dossier "{slug[:100]}".'))
    return found


def filter_errors(args: MultiDict) -> dict[str, str]:
    """Check each timeline filter on its own, so every message names its parameter."""
    errors = {}
    for name in FILTER_PARAMETERS:
        if name in args:
            messages = parse_filters(MultiDict([(name, v) for v in args.getlist(name)])).errors
            if messages:
                errors[name] = " ".join(messages)
    return errors


# --- JSON shapes with links ---------------------------------------------------------------


def claim_json(claim, dossier_slug: str) -> dict:
    data = serialize.claim(claim, dossier_slug)
    data["url"] = url_for("claims.detail", claim_id=claim.id, _external=True)
    data["api_url"] = url_for("api.get_claim", claim_id=claim.id, _external=True)
    return data


def source_json(source, dossier_slug: str) -> dict:
    data = serialize.source(source, dossier_slug)
    data["page_url"] = url_for("sources.detail", source_id=source.id, _external=True)
    data["api_url"] = url_for("api.get_source", source_id=source.id, _external=True)
    return data


def entity_json(entity) -> dict:
    data = serialize.entity(entity)
    data["url"] = url_for("entities.detail", slug=entity.slug, _external=True)
    data["api_url"] = url_for("api.get_entity", slug=entity.slug, _external=True)
    return data


def dossier_json(found: api_queries.DossierCounts) -> dict:
    slug = found.dossier.slug
    data = serialize.dossier(found.dossier)
    data.update(
        claim_count=found.claims,
        source_count=found.sources,
        changed_at=found.dossier.changed_at.isoformat(),
        url=url_for("dossiers.timeline_page", slug=slug, _external=True),
        api_url=url_for("api.get_dossier", slug=slug, _external=True),
        claims_url=url_for("api.list_claims", dossier=slug, _external=True),
        sources_url=url_for("api.list_sources", dossier=slug, _external=True),
        exports={
            name: url_for(f"exports.{endpoint}", slug=slug, _external=True)
            for name, endpoint in (
                ("csv", "claims_csv"),
                ("json", "claims_json"),
                ("timelinejs", "timelinejs_json"),
                ("atom", "feed"),
            )
        },
    )
    return data


def listing(items: list, total: int, next_url: str | None):
    return jsonify(items=items, next=next_url, total=total)


# --- reads ------------------------------------------------------------------------------


@api.get("/openapi.json")
def openapi_document():
    """The OpenAPI 3.1 description of this API."""
    return jsonify(openapi.document(url_for("api_docs.index", _external=True)))


@api.get("/dossiers")
def list_dossiers():
    """Listed dossiers, most recently changed first (private ones only with a token)."""
    found = api_queries.dossiers(get_session(), signed_in())
    return listing([dossier_json(item) for item in found], len(found), None)


@api.get("/dossiers/<slug>")
def get_dossier(slug: str):
    return jsonify(dossier_json(readable_dossier(slug, field="slug")))


@api.get("/claims")
def list_claims():
    """Claims of one dossier (`dossier=<slug>`), filtered like the timeline, a page at a time."""
    dossier = listed_dossier(request.args.get("dossier"))
    errors = filter_errors(request.args)
    per_page = per_page_argument(errors)
    if errors:
        return validation_problem(errors)
    # A token may read more than the public; only what everyone sees is shared and kept.
    session = get_session()
    validators = None if signed_in() else page_etag(session, dossier)
    if cached := not_modified(validators) or from_page_cache(validators, "application/json"):
        return cached
    filters = parse_filters(request.args)
    try:
        changed = validators[1] if validators else None
        total = timeline_page.total(session, dossier, filters, changed)
        page = timeline.page(
            session, dossier, filters, per_page, total=total, options=timeline.listing_options()
        )
    except SearchError as error:
        return validation_problem({"q": str(error)})
    next_url = None
    if page.next_cursor:
        args = query_args(filters, after=page.next_cursor, per_page=per_page)
        next_url = url_for("api.list_claims", dossier=dossier.slug, _external=True, **args)
    items = [claim_json(claim, dossier.slug) for claim in page.claims]
    return page_response(listing(items, page.total, next_url), validators)


@api.get("/claims/<int:claim_id>")
def get_claim(claim_id: int):
    claim = claim_service.get_visible(get_session(), claim_id)
    if claim is None or not api_queries.readable(claim.dossier, signed_in()):
        return problem(404, detail=f"There is no claim {claim_id}.")
    return jsonify(claim_json(claim, claim.dossier.slug))


@api.get("/claims/<int:claim_id>/history")
def claim_history(claim_id: int):
    """Every revision of a claim, newest first; a deleted claim keeps its history."""
    session = get_session()
    claim = api_queries.claim_for_history(session, claim_id, signed_in())
    if claim is None:
        return problem(404, detail=f"There is no claim {claim_id}.")
    items = [serialize.revision(revision) for revision in api_queries.history(session, claim)]
    return listing(items, len(items), None)


@api.get("/sources")
def list_sources():
    """Sources of one dossier (`dossier=<slug>`) by id, a page at a time."""
    dossier = listed_dossier(request.args.get("dossier"))
    errors: dict[str, str] = {}
    per_page = per_page_argument(errors)
    after = request.args.get("after")
    if after is not None and not (after.isascii() and after.isdigit() and len(after) < 19):
        errors["after"] = "Use the position given in a `next` link."
    if errors:
        return validation_problem(errors)
    found = api_queries.sources(get_session(), dossier, after and int(after), per_page)
    next_url = found.next_after and url_for(
        "api.list_sources",
        dossier=dossier.slug,
        per_page=per_page,
        after=found.next_after,
        _external=True,
    )
    items = [source_json(source, dossier.slug) for source in found.items]
    return listing(items, found.total, next_url)


@api.get("/sources/<int:source_id>")
def get_source(source_id: int):
    source = api_queries.source(get_session(), source_id, signed_in())
    if source is None:
        return problem(404, detail=f"There is no source {source_id}.")
    return jsonify(source_json(source, source.dossier.slug))


@api.get("/entities")
def list_entities():
    """People and organisations by slug; `q` finds names, `kind` narrows to one kind."""
    errors = {}
    query = " ".join(request.args.get("q", "").split())[:100]
    kind = request.args.get("kind") or None
    if kind is not None and kind not in {member.value for member in EntityKind}:
        kinds = ", ".join(member.value for member in EntityKind)
        errors["kind"] = f"Unknown kind of entity; use one of: {kinds}."
    after = request.args.get("after") or None
    if after is not None and not SLUG_PATTERN.match(after):
        errors["after"] = "Use the position given in a `next` link."
    per_page = per_page_argument(errors)
    if errors:
        return validation_problem(errors)
    found = api_queries.entities(get_session(), query, kind and EntityKind(kind), after, per_page)
    next_url = found.next_after and url_for(
        "api.list_entities",
        **{name: value for name, value in (("q", query), ("kind", kind)) if value},
        per_page=per_page,
        after=found.next_after,
        _external=True,
    )
    return listing([entity_json(entity) for entity in found.items], found.total, next_url)


@api.get("/entities/<slug>")
def get_entity(slug: str):
    entity = api_queries.entity(get_session(), slug)
    if entity is None:
        return problem(404, detail=f'There is no entity "{slug[:100]}".')
    return jsonify(entity_json(entity))


# --- writes -------------------------------------------------------------------------------


def json_body() -> dict:
    """The request's JSON object, or a problem: 415 when it is not JSON, 400 when malformed."""
    if not request.mimetype or not (
        request.mimetype == "application/json" or request.mimetype.endswith("+json")
    ):
        raise ApiProblem(problem(415, detail="Send the body as application/json."))
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise ApiProblem(problem(400, detail="The body must be one JSON object."))
    return body


def writer():
    """The user the request's token belongs to; its use is noted."""
    api_tokens.mark_used(g.api_token)
    return g.api_token.user


def item_json(item) -> dict:
    if isinstance(item, Claim):
        return claim_json(item, item.dossier.slug)
    if isinstance(item, Source):
        return source_json(item, item.dossier.slug)
    return entity_json(item)


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
