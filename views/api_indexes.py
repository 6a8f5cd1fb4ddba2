"""The JSON twins of the entity and source indexes: `/api/v1/index/entities` and
`/api/v1/index/sources`, across dossiers or of one (`dossier=<slug>`), with their counts.
Routes on the `api` blueprint of `views.api`."""

from __future__ import annotations

from dataclasses import asdict

from flask import jsonify, request, url_for

from db import get_session
from services.reading import indexes as index_service
from views.api import api, listed_dossier, signed_in


def _scope():
    slug = request.args.get("dossier")
    return None if slug is None else listed_dossier(slug)


@api.get("/index/entities")
def entity_index():
    """People and organisations with the number of claims naming them, most named first."""
    found = index_service.entities(get_session(), signed_in(), _scope())
    items = [
        {
            **asdict(row),
            "url": url_for("entities.detail", slug=row.slug, _external=True),
            "api_url": url_for("api.get_entity", slug=row.slug, _external=True),
        }
        for row in found.rows
    ]
    return jsonify(items=items, total=len(items), truncated=found.truncated)


@api.get("/index/sources")
def source_index():
    """Sources with the number of claims citing them, most cited first."""
    found = index_service.sources(get_session(), signed_in(), _scope())
    items = [
        {
            **asdict(row),
            "url": url_for("sources.detail", source_id=row.id, _external=True),
            "api_url": url_for("api.get_source", source_id=row.id, _external=True),
        }
        for row in found.rows
    ]
    return jsonify(items=items, total=len(items), truncated=found.truncated)
