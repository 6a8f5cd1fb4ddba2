"""Reading dossiers: the list of dossiers and each dossier's timeline."""

from datetime import UTC, datetime

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for

from db import get_session
from i18n import _
from models import limits
from models.vocabulary import Visibility
from services.reading import dossier_lookup as dossier_service
from services.reading import overview, timeline_page
from services.reading.filters import parse_filters
from web import claim_cards
from web.access import grant_access, readable_dossier, signed_in
from web.caching import from_page_cache, not_modified, page_etag, page_response
from web.urls import set_arguments_only

dossiers = Blueprint("dossiers", __name__)


@dossiers.get("/")
def index():
    """The dossiers a reader can open; for editors, the archived ones too."""
    session = get_session()
    editor = signed_in()
    archived = dossier_service.archived(session) if editor else []
    return render_template(
        "dossiers/index.html", dossiers=dossier_service.listed(session, editor), archived=archived
    )


@dossiers.get("/dossiers/<slug>/", endpoint="timeline_page")
def show_timeline(slug: str):
    """A dossier's claims in time order, filtered, a page at a time, with facets and overview."""
    dossier = readable_dossier(slug)
    # The filter form sends every field; the address keeps only the filters that are set.
    if (shorter := set_arguments_only(request.args)) is not None:
        return redirect(url_for("dossiers.timeline_page", slug=slug, **shorter))
    validators = page_etag(get_session(), dossier)
    if cached := not_modified(validators) or from_page_cache(validators):
        return cached
    filters = parse_filters(request.args)
    per_page, page_args = _per_page()
    view = timeline_page.build(
        get_session(),
        dossier,
        filters,
        per_page,
        today=datetime.now(UTC).date(),
        changed=validators[1] if validators else None,
    )
    page = render_template(
        "dossiers/timeline.html",
        dossier=dossier,
        filters=filters,
        view=view,
        page_args=page_args,
        typed=request.args,
        legend_data=overview.legend(),
        cards=claim_cards.shown(view.page.claims, filters.q),
    )
    return page_response(page, validators)


@dossiers.get("/d/<key>")
def shared(key: str):
    """An unlisted dossier's share link: remembers its key for this visitor, then opens it."""
    dossier = dossier_service.by_access_key(get_session(), key[:100])
    if dossier is None or dossier.is_archived or dossier.visibility is Visibility.PRIVATE:
        abort(404, description=_("This share link does not open any dossier."))
    grant_access(dossier)
    return redirect(url_for("dossiers.timeline_page", slug=dossier.slug))


def _per_page() -> tuple[int, dict[str, int]]:
    """The page size, and the argument that keeps it in links when the reader chose one."""
    asked = request.args.get("per_page", type=int)
    per_page = max(1, min(asked or current_app.config["PER_PAGE"], limits.PAGE_SIZE_MAX))
    return per_page, ({"per_page": per_page} if asked else {})
