"""The JSON API's reads: dossiers, claims (filtered like the timeline), sources, entities,
a claim's history and the OpenAPI document. Routes on the `api` blueprint of `views.api`."""

from __future__ import annotations

from flask import jsonify, request, url_for

from db import get_session
from i18n import _
from models.limits import SLUG_PATTERN
from models.text import parse_whole_number
from models.vocabulary import EntityKind
from services.interchange import api_queries, openapi, serialize
from services.reading import claim_page as claim_service
from services.reading import timeline, timeline_page
from services.reading.filters import parse_filters
from services.reading.search import SearchError
from views.api import (
    access_keys,
    api,
    claim_json,
    claims_json,
    dossier_json,
    entity_json,
    filter_errors,
    listed_dossier,
    listing,
    per_page_argument,
    readable_dossier,
    signed_in,
    source_json,
    unauthorized,
)
from web.caching import from_page_cache, not_modified, page_etag, page_response
from web.problems import problem, validation_problem
from web.urls import query_args


def key_argument() -> dict[str, list[str]]:
    """The `key` argument, for the `next` link of an unlisted dossier's pages."""
    keys = access_keys()
    return {"key": keys} if keys else {}


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
        page = timeline_page.counted_page(
            session, dossier, filters, per_page, changed, options=timeline.listing_options
        )
    except SearchError as error:
        return validation_problem({"q": str(error)})
    next_url = None
    if page.next_cursor:
        args = query_args(filters, after=page.next_cursor, per_page=per_page)
        args.update(key_argument())
        next_url = url_for("api.list_claims", dossier=dossier.slug, _external=True, **args)
    items = claims_json(page.claims, dossier.slug)
    return page_response(listing(items, page.total, next_url), validators)


@api.get("/claims/<int:claim_id>")
def get_claim(claim_id: int):
    claim = claim_service.get_visible(get_session(), claim_id)
    if claim is None or not api_queries.readable(claim.dossier, signed_in(), access_keys()):
        return problem(404, detail=_("There is no claim %(id)s.", id=claim_id))
    return jsonify(claim_json(claim, claim.dossier.slug))


@api.get("/claims/<int:claim_id>/history")
def claim_history(claim_id: int):
    """Every revision of a claim, newest first; a deleted claim keeps its history. Token
    holders only: a history keeps deleted and redacted text and names editors."""
    if not signed_in():
        return unauthorized(_("Send a token as `Authorization: Bearer <token>` to read histories."))
    session = get_session()
    claim = api_queries.claim_for_history(session, claim_id, signed_in())
    if claim is None:
        return problem(404, detail=_("There is no claim %(id)s.", id=claim_id))
    items = [serialize.revision(revision) for revision in api_queries.history(session, claim)]
    return listing(items, len(items), None)


@api.get("/sources")
def list_sources():
    """Sources of one dossier (`dossier=<slug>`) by id, a page at a time."""
    dossier = listed_dossier(request.args.get("dossier"))
    errors: dict[str, str] = {}
    per_page = per_page_argument(errors)
    after = request.args.get("after")
    position = parse_whole_number(after) if after is not None else None
    if after is not None and position is None:
        errors["after"] = _("Use the position given in a `next` link.")
    if errors:
        return validation_problem(errors)
    found = api_queries.sources(get_session(), dossier, position, per_page)
    next_url = found.next_after and url_for(
        "api.list_sources",
        dossier=dossier.slug,
        per_page=per_page,
        after=found.next_after,
        _external=True,
        **key_argument(),
    )
    items = [source_json(source, dossier.slug) for source in found.items]
    return listing(items, found.total, next_url)


@api.get("/sources/<int:source_id>")
def get_source(source_id: int):
    source = api_queries.source(get_session(), source_id, signed_in(), access_keys())
    if source is None:
        return problem(404, detail=_("There is no source %(id)s.", id=source_id))
    return jsonify(source_json(source, source.dossier.slug))


@api.get("/entities")
def list_entities():
    """People and organisations by slug; `q` finds names, `kind` narrows to one kind."""
    errors = {}
    query = " ".join(request.args.get("q", "").split())[:100]
    kind = request.args.get("kind") or None
    if kind is not None and kind not in {member.value for member in EntityKind}:
        kinds = ", ".join(member.value for member in EntityKind)
        errors["kind"] = _("Unknown kind of entity; use one of: %(kinds)s.", kinds=kinds)
    after = request.args.get("after") or None
    if after is not None and not SLUG_PATTERN.match(after):
        errors["after"] = _("Use the position given in a `next` link.")
    per_page = per_page_argument(errors)
    if errors:
        return validation_problem(errors)
    found = api_queries.entities(
        get_session(), query, kind and EntityKind(kind), after, per_page, signed_in()
    )
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
    entity = api_queries.entity(get_session(), slug, signed_in())
    if entity is None:
        return problem(404, detail=_('There is no entity "%(slug)s".', slug=slug[:100]))
    return jsonify({**entity_json(entity), **api_queries.entity_sides(get_session(), entity)})
