"""Reading a source: the document and the claims it carries."""

from flask import Blueprint, abort, render_template, request

from db import get_session
from i18n import _
from services.editing import source_writes
from services.reading import source_page as source_service
from services.reading import source_reader
from web.access import require_readable, signed_in

sources = Blueprint("sources", __name__)


@sources.get("/sources/<int:source_id>")
def detail(source_id: int):
    """A source with its outlet, date and reliability, and its claims in paragraph order."""
    session = get_session()
    source = source_service.get_visible(session, source_id)
    if source is None:
        abort(404, description=_("There is no source %(number)s.", number=source_id))
    require_readable(source.dossier, _("There is no source %(number)s.", number=source_id))
    view = source_service.build(session, source)
    return render_template("sources/detail.html", view=view, source=source, dossier=source.dossier)


@sources.get("/sources/<int:source_id>/text")
def text(source_id: int):
    """The source's text, paragraphs numbered, each claim's quote marked and linked."""
    session = get_session()
    source = source_service.get_visible(session, source_id)
    if source is None:
        abort(404, description=_("There is no source %(number)s.", number=source_id))
    require_readable(source.dossier, _("There is no source %(number)s.", number=source_id))
    version = request.args.get("version", type=int)
    reader = source_reader.build(session, source, version)
    if reader is None:
        abort(
            404,
            description=_("Source %(number)s has no text of that version.", number=source_id)
            if version
            else _("Source %(number)s has no text.", number=source_id),
        )
    return render_template(
        "sources/text.html",
        reader=reader,
        source=source,
        dossier=source.dossier,
        stated_date=source_writes.date_text(source.published),
        editing=signed_in(),
    )
