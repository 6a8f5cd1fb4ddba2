"""Changing the dossier: claim, source and entity forms, deletion, history and restore.

Every route here needs a signed-in editor. Each POST commits once and redirects; a form
posted twice goes to the first result (services.submissions); an edit made against an
older version is merged with the newer one (services.editing.concurrent_edits); only the
fields both editors changed are asked about, on a conflict page.

The views live in seven modules (claim forms, the offers to update linked claims, the /clip
bookmarklet, claim suggestions, history, source and entity forms, dossiers); this one
is the blueprint and its table of routes, so every `editing.<view>` endpoint is listed here.
"""

from __future__ import annotations

from flask import Blueprint
from flask.typing import RouteCallable
from flask_login import login_required

from views import (
    editing_claims,
    editing_clip,
    editing_dossiers,
    editing_history,
    editing_offers,
    editing_references,
    editing_suggestions,
)

editing = Blueprint("editing", __name__)

GET_AND_POST = ["GET", "POST"]
ROUTES: list[tuple[str, RouteCallable, list[str]]] = [
    ("/claims/new", editing_claims.new_claim, GET_AND_POST),
    ("/claims/<int:claim_id>/edit", editing_claims.edit_claim, GET_AND_POST),
    ("/claims/<int:claim_id>/merge", editing_claims.merge_claim, ["POST"]),
    ("/claims/<int:claim_id>/delete", editing_claims.delete_claim, GET_AND_POST),
    ("/claims/parse-date", editing_claims.parse_date, ["GET"]),
    ("/claims/lookup", editing_claims.lookup_claims, ["GET"]),
    ("/claims/mentions", editing_claims.mentioned_names, ["GET"]),
    ("/claims/<int:claim_id>/offers", editing_offers.offers_page, ["GET"]),
    ("/claims/<int:claim_id>/accept-offer", editing_offers.accept_offer, ["POST"]),
    ("/clip", editing_clip.clip_instructions, ["GET"]),
    ("/clip/new", editing_clip.clip_page, ["GET"]),
    ("/claims/<int:claim_id>/history", editing_history.history, ["GET"]),
    ("/claims/<int:claim_id>/restore", editing_history.restore, ["POST"]),
    ("/dossiers/<slug>/changes", editing_history.recent_changes, ["GET"]),
    ("/dossiers/new", editing_dossiers.new_dossier, GET_AND_POST),
    ("/dossiers/<slug>/edit", editing_dossiers.edit_dossier, GET_AND_POST),
    ("/dossiers/<slug>/archive", editing_dossiers.archive_dossier, ["POST"]),
    ("/dossiers/<slug>/history", editing_dossiers.dossier_history, ["GET"]),
    ("/sources/new", editing_references.new_source, GET_AND_POST),
    ("/sources/<int:source_id>/edit", editing_references.edit_source, GET_AND_POST),
    ("/entities/new", editing_references.new_entity, GET_AND_POST),
    ("/sources/<int:source_id>/resolve", editing_references.resolve_source, ["POST"]),
    ("/entities/<slug>/edit", editing_references.edit_entity, GET_AND_POST),
    ("/entities/<slug>/resolve", editing_references.resolve_entity, ["POST"]),
    ("/entities/merge", editing_references.merge_entities, GET_AND_POST),
    ("/sources/<int:source_id>/suggestions", editing_suggestions.suggestions, ["GET"]),
    ("/sources/<int:source_id>/suggestions/dismiss", editing_suggestions.dismiss, ["POST"]),
    ("/sources/<int:source_id>/suggestions/merge", editing_suggestions.merge, ["GET"]),
]
for rule, view, methods in ROUTES:
    editing.add_url_rule(rule, view_func=view, methods=methods)


@editing.before_request
@login_required
def require_editor():
    """Every page here changes the dossier or shows its history: editors only."""
