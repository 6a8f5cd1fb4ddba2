"""Reading dossiers: the list of dossiers and each dossier's timeline."""

from flask import Blueprint, abort, current_app, render_template, request

from db import get_session
from services import dossiers as dossier_service
from services import timeline
from services.filters import parse_filters
from services.search import SearchError

dossiers = Blueprint("dossiers", __name__)


@dossiers.get("/")
def index():
    """The dossiers a reader can open."""
    return render_template("dossiers/index.html", dossiers=dossier_service.listed(get_session()))


def load_dossier(slug: str):
    dossier = dossier_service.by_slug(get_session(), slug)
    if dossier is None:
        abort(404, description=f'There is no dossier "{slug}".')
    return dossier


@dossiers.get("/dossiers/<slug>/")
def timeline_page(slug: str):
    """A dossier's claims in time order, filtered and a page at a time."""
    dossier = load_dossier(slug)
    filters = parse_filters(request.args)
    errors = list(filters.errors)
    try:
        page = timeline.page(get_session(), dossier, filters, per_page=_per_page())
    except SearchError as error:
        errors.append(str(error))
        page = timeline.Page(claims=[], total=0, next_cursor=None)
    return render_template(
        "dossiers/timeline.html",
        dossier=dossier,
        filters=filters,
        errors=errors,
        page=page,
        years=timeline.group_by_month(page.claims, filters.order),
    )


def _per_page() -> int:
    per_page = request.args.get("per_page", type=int) or current_app.config["PER_PAGE"]
    return max(1, min(per_page, 200))
