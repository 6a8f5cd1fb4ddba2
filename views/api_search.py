"""The JSON twin of the search across dossiers (`/search`): the same names, claims and
correction. Routes on the `api` blueprint of `views.api`."""

from __future__ import annotations

from flask import jsonify, request, url_for

from db import get_session
from i18n import _
from services.reading import site_search
from services.reading.filters import read_query
from services.reading.name_index import Name
from services.reading.search import SearchError
from views.api import api, claims_json, signed_in
from web.caching import from_page_cache, not_modified, page_etag, page_response
from web.problems import validation_problem
from web.search_links import name_url


@api.get("/search")
def search():
    """Entities, sources and tags whose names match `q`, then matching claims by dossier."""
    query, errors = read_query(request.args.get("q"))
    if not query:
        return validation_problem({"q": errors[0] if errors else _("Type one or more words.")})
    session = get_session()
    # A token may read more than the public; only what everyone sees is shared and kept.
    validators = None if signed_in() else page_etag(session, None)
    if cached := not_modified(validators) or from_page_cache(validators, "application/json"):
        return cached
    try:
        found = site_search.find(session, query, signed_in())
    except SearchError as error:
        return validation_problem({"q": str(error)})
    correction = found.did_you_mean
    body = {
        "query": query,
        "entities": [_name_json(name) for name in found.entities],
        "sources": [_name_json(name) for name in found.sources],
        "tags": [_name_json(name) for name in found.tags],
        "claim_total": found.claim_total,
        "dossiers": [
            {
                "slug": group.dossier.slug,
                "title": group.dossier.title,
                "total": group.total,
                "claims": claims_json(group.claims, group.dossier.slug),
                "timeline_url": url_for(
                    "dossiers.timeline_page", slug=group.dossier.slug, q=query, _external=True
                ),
            }
            for group in found.dossiers
        ],
        "more_dossiers": found.more_dossiers,
        "did_you_mean": correction
        and {
            "query": correction.query,
            "url": url_for("api.search", q=correction.query, _external=True),
            "entity": correction.entity and _name_json(correction.entity),
        },
        "warnings": errors,
    }
    return page_response(jsonify(body), validators)


def _name_json(name: Name) -> dict:
    data: dict = {"kind": name.kind, "name": name.label, "claims": name.claims}
    if name.kind == "entity":
        data.update(slug=name.key, entity_kind=name.detail)
    elif name.kind == "source":
        data.update(id=int(name.key), outlet=name.detail)
    else:
        data["key"] = name.key
    if name.dossier_slug:
        data["dossier"] = name.dossier_slug
    data["url"] = name_url(name, external=True)
    return data
