"""The JSON twins of the entity and source indexes: `/api/v1/index/entities` and
`/api/v1/index/sources`, across dossiers or of one (`dossier=<slug>`), with their counts.
Routes on the `api` blueprint of `views.api`."""

from __future__ import annotations

from dataclasses import asdict

from flask import jsonify, request, url_for

from db import get_session
from services.reading import indexes as index_service
from views.api import api, listed_dossier, signed_in
from web.caching import from_page_cache, not_modified, page_etag, page_response


def _scope():
    slug = request.args.get("dossier")
    return None if slug is None else listed_dossier(slug)


def _answer(build, row_json):
    """The index as JSON; for readers without a token, with the ETag of the pages it spans."""
    session, dossier = get_session(), _scope()
    # A token may read more than the public; only what everyone sees is shared and kept.
    validators = None if signed_in() else page_etag(session, dossier)
    if cached := not_modified(validators) or from_page_cache(validators, "application/json"):
        return cached
    found = build(session, signed_in(), dossier)
    items = [row_json(row) for row in found.rows]
    answer = jsonify(items=items, total=len(items), truncated=found.truncated)
    return page_response(answer, validators)


@api.get("/index/entities")
def entity_index():
    """People and organisations with the number of claims naming them, most named first."""
    return _answer(
        index_service.entities,
        lambda row: {
            **asdict(row),
            "url": url_for("entities.detail", slug=row.slug, _external=True),
            "api_url": url_for("api.get_entity", slug=row.slug, _external=True),
        },
    )


@api.get("/index/sources")
def source_index():
    """Sources with the number of claims citing them, most cited first."""
    return _answer(
        index_service.sources,
        lambda row: {
            **row.public(),
            "url": url_for("sources.detail", source_id=row.id, _external=True),
            "api_url": url_for("api.get_source", source_id=row.id, _external=True),
        },
    )
