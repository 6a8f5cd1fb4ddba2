"""The JSON API, version 1: every HTML listing has its twin here with the same filters."""

from flask import Blueprint, current_app, jsonify, request, url_for

from db import get_session
from services import claims as claim_service
from services import dossiers as dossier_service
from services import serialize, timeline
from services.filters import parse_filters
from services.search import SearchError
from views.problems import problem
from views.urls import query_args

api = Blueprint("api", __name__)


def claim_json(claim, dossier_slug: str) -> dict:
    data = serialize.claim(claim, dossier_slug)
    data["url"] = url_for("claims.detail", claim_id=claim.id, _external=True)
    return data


@api.get("/claims")
def list_claims():
    """Claims of one dossier (`dossier=<slug>`), filtered like the timeline, a page at a time."""
    slug = request.args.get("dossier", "")
    dossier = dossier_service.by_slug(get_session(), slug) if slug else None
    if dossier is None:
        return problem(
            400 if not slug else 404,
            detail="Name a dossier: ?dossier=<slug>." if not slug else f'No dossier "{slug}".',
        )
    filters = parse_filters(request.args)
    if filters.errors:
        return problem(400, detail=" ".join(filters.errors), errors=list(filters.errors))
    per_page = request.args.get("per_page", type=int) or current_app.config["PER_PAGE"]
    try:
        page = timeline.page(get_session(), dossier, filters, max(1, min(per_page, 200)))
    except SearchError as error:
        return problem(400, detail=str(error))
    next_url = None
    if page.next_cursor:
        args = query_args(filters, after=page.next_cursor, per_page=per_page)
        next_url = url_for("api.list_claims", dossier=slug, _external=True, **args)
    return jsonify(
        items=[claim_json(claim, slug) for claim in page.claims], next=next_url, total=page.total
    )


@api.get("/claims/<int:claim_id>")
def get_claim(claim_id: int):
    claim = claim_service.get_visible(get_session(), claim_id)
    if claim is None:
        return problem(404, detail=f"There is no claim {claim_id}.")
    return jsonify(claim_json(claim, claim.dossier.slug))
