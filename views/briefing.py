"""The printed dossier: a briefing page for the browser's print, and the same as a PDF."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request, url_for

from db import get_session
from services.printing import briefing as briefing_service
from services.reading.filters import parse_filters
from services.reading.search import SearchError
from web.access import readable_dossier

briefing = Blueprint("briefing", __name__)

PAPERS = ("a4", "letter")


@briefing.get("/dossiers/<slug>/print")
def print_page(slug: str):
    """The dossier as a briefing document, with the timeline's filters and ?paper=a4|letter."""
    paper = _paper()
    document, errors = _assemble(slug)
    return render_template(
        "print/dossier.html", briefing=document, errors=errors, paper=paper, for_pdf=False
    )


@briefing.get("/dossiers/<slug>/dossier.pdf")
def pdf(slug: str):
    """The same briefing rendered to PDF on the server (WeasyPrint)."""
    # Imported here, not at the top: WeasyPrint needs system libraries, and a server without
    # them should still serve every page but this one (the import error names the packages).
    from services.printing.pdf import PdfMetadata, render_pdf

    paper = _paper()
    document, _ = _assemble(slug)
    html = render_template(
        "print/dossier.html", briefing=document, errors=[], paper=paper, for_pdf=True
    )
    metadata = PdfMetadata(
        title=document.dossier.title,
        author="Claimline",
        subject=document.dossier.subject or document.dossier.title,
        created=document.produced_at,
    )
    static_folder = current_app.static_folder
    if static_folder is None:
        raise RuntimeError("The PDF reads its fonts and stylesheets from the static folder.")
    data = render_pdf(
        html,
        base_url=request.url_root,
        metadata=metadata,
        static_url=url_for("static", filename="", _external=True),
        static_folder=static_folder,
    )
    response = current_app.response_class(data, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{slug}-briefing.pdf"'
    return response


def _assemble(slug: str):
    # A private dossier prints only for a signed-in editor, as its exports do.
    dossier = readable_dossier(slug)
    filters = parse_filters(request.args)
    try:
        document = briefing_service.assemble(get_session(), dossier, filters)
    except SearchError as error:
        abort(400, description=str(error))
    return document, list(filters.errors)


def _paper() -> str:
    paper = (request.args.get("paper") or "a4").strip().lower()
    if paper not in PAPERS:
        abort(400, description=f'Unknown paper size "{paper[:20]}"; use "a4" or "letter".')
    return paper
