"""Finding anything from anywhere: the header's search across dossiers and its suggestions."""

from flask import Blueprint, jsonify, render_template, request, url_for

from db import get_session
from services.reading import site_search
from services.reading.filters import read_query
from services.reading.search import SearchError
from web.access import signed_in
from web.caching import from_page_cache, not_modified, page_etag, page_response
from web.search_links import name_url

search_pages = Blueprint("search", __name__)


@search_pages.get("/search")
def results():
    """Names, then claims grouped by dossier, matching `q` in every dossier the reader sees."""
    session = get_session()
    validators = page_etag(session, None)
    if cached := not_modified(validators) or from_page_cache(validators):
        return cached
    query, errors = read_query(request.args.get("q"))
    found = None
    if query:
        try:
            found = site_search.find(session, query, signed_in())
        except SearchError as error:  # read_query drops a query without words; kept as a guard
            errors.append(str(error))
    page = render_template("search/results.html", query=query, found=found, errors=errors)
    return page_response(page, validators)


@search_pages.get("/search/suggestions")
def suggestions():
    """What the header's search box offers while a reader types, as JSON (see site-search.js)."""
    query, _ = read_query(request.args.get("q"))
    session = get_session()
    validators = page_etag(session, None)
    if cached := not_modified(validators) or from_page_cache(validators, "application/json"):
        return cached
    found = site_search.suggestions(session, query, signed_in()) if query else []
    items = [
        {
            "kind": item.kind,
            "label": item.label,
            "detail": item.detail,
            "url": (
                url_for("claims.detail", claim_id=item.claim.id)
                if item.claim is not None
                else name_url(item.name)
            ),
        }
        for item in found
    ]
    search_url = url_for("search.results", q=query) if query else None
    return page_response(jsonify(query=query, suggestions=items, search_url=search_url), validators)
