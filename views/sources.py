"""Reading a source: the document and the claims it carries."""

from flask import Blueprint, abort, render_template

from db import get_session
from services.reading import source_page as source_service
from web.access import require_readable

sources = Blueprint("sources", __name__)


@sources.get("/sources/<int:source_id>")
def detail(source_id: int):
    """A source with its outlet, date and reliability, and its claims in paragraph order."""
    session = get_session()
    source = source_service.get_visible(session, source_id)
    if source is None:
        abort(404, description=f"There is no source {source_id}.")
    require_readable(source.dossier, f"source {source_id}")
    view = source_service.build(session, source)
    return render_template("sources/detail.html", view=view, source=source, dossier=source.dossier)
