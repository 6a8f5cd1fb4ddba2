"""The indexes of people and organisations and of sources, across dossiers or in one."""

from flask import Blueprint, render_template

from db import get_session
from services.reading import indexes as index_service
from web.access import readable_dossier, signed_in
from web.caching import from_page_cache, not_modified, page_etag, page_response

indexes = Blueprint("indexes", __name__)


def _page(template: str, build, slug: str | None):
    """Render an index across dossiers (`slug` None) or of one readable dossier."""
    session = get_session()
    dossier = readable_dossier(slug) if slug is not None else None
    validators = page_etag(session, dossier)
    if cached := not_modified(validators) or from_page_cache(validators):
        return cached
    index = build(session, signed_in(), dossier)
    page = render_template(template, index=index, dossier=dossier, limit=index_service.INDEX_MAX)
    return page_response(page, validators)


@indexes.get("/entities/")
def entities_index():
    """Every person and organisation named in a dossier the visitor may list, most named first."""
    return _page("indexes/entities.html", index_service.entities, None)


@indexes.get("/dossiers/<slug>/entities/")
def dossier_entities(slug: str):
    """The people and organisations one dossier's claims name, most named first."""
    return _page("indexes/entities.html", index_service.entities, slug)


@indexes.get("/sources/")
def sources_index():
    """Every source of the dossiers the visitor may list, most cited first."""
    return _page("indexes/sources.html", index_service.sources, None)


@indexes.get("/dossiers/<slug>/sources/")
def dossier_sources(slug: str):
    """One dossier's sources, most cited first."""
    return _page("indexes/sources.html", index_service.sources, slug)
