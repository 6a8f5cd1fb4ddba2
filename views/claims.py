"""Reading one claim."""

from flask import Blueprint, abort, render_template

from db import get_session
from forms.claims import RestoreForm
from i18n import _
from services.reading import claim_page as claim_service
from web.access import require_readable, signed_in
from web.caching import from_page_cache, not_modified, page_etag, page_response

claims = Blueprint("claims", __name__)


@claims.get("/claims/<int:claim_id>")
def detail(claim_id: int):
    """Everything about one claim, with its related claims and neighbours in time."""
    session = get_session()
    # The dossier alone first: a page kept for an earlier reader needs nothing else.
    dossier = claim_service.dossier_of_visible(session, claim_id)
    if dossier is None:
        return _deleted(claim_id)
    require_readable(dossier, _("There is no claim %(number)s.", number=claim_id))
    validators = page_etag(session, dossier)
    if cached := not_modified(validators) or from_page_cache(validators):
        return cached
    claim = claim_service.for_page(session, claim_id)
    if claim is None:  # deleted in between
        abort(404, description=_("There is no claim %(number)s.", number=claim_id))
    page = render_template(
        "claims/detail.html",
        claim=claim,
        dossier=claim.dossier,
        relation_groups=claim_service.relation_groups(session, claim),
        neighbours=claim_service.neighbours(session, claim),
    )
    return page_response(page, validators)


def _deleted(claim_id: int):
    """An editor is told who deleted the claim and when, with Restore; anyone else gets 404."""
    found = claim_service.deleted(get_session(), claim_id) if signed_in() else None
    if found is None:
        abort(404, description=_("There is no claim %(number)s.", number=claim_id))
    restore = None
    if found.restorable is not None:
        restore = RestoreForm(
            formdata=None, revision=str(found.restorable.id), version=str(found.claim.version)
        )
    page = render_template(
        "claims/deleted.html", deleted=found, dossier=found.claim.dossier, restore=restore
    )
    return page, 410
