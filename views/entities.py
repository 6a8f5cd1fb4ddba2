"""Reading an entity: its claims, and what is said of it in public and in private."""

from flask import Blueprint, abort, redirect, render_template, request, url_for

from db import get_session
from i18n import _
from services.reading import entity_page as entity_service
from services.reading import entity_visibility, overview
from services.reading.filters import parse_cursor
from web import claim_cards
from web.access import signed_in
from web.caching import from_page_cache, not_modified, page_etag, page_response

entities = Blueprint("entities", __name__)


@entities.get("/entities/<slug>")
def detail(slug: str):
    """A person or organisation: the public/private comparison and its claims in time order."""
    session = get_session()
    entity = entity_service.by_slug(session, slug)
    if entity is None:
        abort(404, description=_('There is no person or organisation "%(slug)s".', slug=slug))
    target = entity_service.merged_target(session, entity)
    # A merged entity names no claim any more: whether it may be followed is the target's.
    if not entity_visibility.is_visible(session, target or entity, signed_in()):
        abort(404, description=_('There is no person or organisation "%(slug)s".', slug=slug))
    if target is not None:
        return redirect(url_for("entities.detail", slug=target.slug), 301)
    validators = page_etag(session, None)
    if cached := not_modified(validators) or from_page_cache(validators):
        return cached
    after, error = parse_cursor(request.args.get("after"))
    view = entity_service.build(session, entity, after)
    page = render_template(
        "entities/detail.html",
        view=view,
        entity=entity,
        after=after,
        errors=[error] if error else [],
        legend_data=overview.legend(),
        cards=claim_cards.shown(view.claims),
    )
    return page_response(page, validators)
