"""Reading one claim."""

from flask import Blueprint, abort, render_template

from db import get_session
from services import claims as claim_service
from views.access import require_readable
from views.caching import from_page_cache, not_modified, page_etag, page_response

claims = Blueprint("claims", __name__)


@claims.get("/claims/<int:claim_id>")
def detail(claim_id: int):
    """Everything about one claim, with its related claims and neighbours in time."""
    session = get_session()
    claim = claim_service.get_visible(session, claim_id)
    if claim is None:
        abort(404, description=f"There is no claim {claim_id}.")
    require_readable(claim.dossier, f"claim {claim_id}")
    validators = page_etag(session, claim.dossier)
    if cached := not_modified(validators) or from_page_cache(validators):
        return cached
    page = render_template(
        "claims/detail.html",
        claim=claim,
        dossier=claim.dossier,
        relation_groups=claim_service.relation_groups(claim),
        neighbours=claim_service.neighbours(session, claim),
    )
    return page_response(page, validators)
