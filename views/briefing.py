"""The printed dossier: a briefing page for the browser's print, and the same as a PDF.

Both are heavy for a large dossier (issue #18): the print page holds a heavy slot
(web/heavy_requests.py) and the PDF is never rendered by a web worker (web/pdf_jobs.py).
Neither prints more than PRINT_ANONYMOUS_CLAIMS_MAX claims for a reader not signed in.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from flask import Blueprint, abort, current_app, render_template, request, url_for

import i18n
from db import get_session
from i18n import _
from models import Dossier
from models.limits import LARGEST_ID
from services.printing import briefing as briefing_service
from services.reading import dossier_lookup
from services.reading.filters import ClaimFilters, parse_filters
from services.reading.search import SearchError
from web.access import readable_dossier, require_readable, signed_in
from web.file_cache import current_prefix, dossier_prefix, kept_file_response, rendered_files
from web.heavy_requests import hold_heavy_slot
from web.pdf_jobs import PdfJob, job_note, needs_queueing, pdf_name, pdf_queue, queue_job
from web.security import enforce_limit
from web.urls import query_args

briefing = Blueprint("briefing", __name__)

PAPERS = ("a4", "letter")
# How often the "preparing your PDF" page reloads itself, in seconds.
PREPARING_REFRESH_SECONDS = 3


@briefing.get("/dossiers/<slug>/print")
def print_page(slug: str):
    """The dossier as a briefing document, with the timeline's filters and ?paper=a4|letter."""
    paper = _paper()
    dossier, filters = readable_dossier(slug), parse_filters(request.args)
    i18n.use(print_language(dossier))
    too_many = _too_many_for_anonymous(dossier, filters)
    if too_many:
        return too_many
    hold_heavy_slot("print")
    document = _assemble(dossier, filters)
    return render_template(
        "print/dossier.html",
        briefing=document,
        errors=list(filters.errors),
        paper=paper,
        for_pdf=False,
        language_args=_language_args(),
    )


@briefing.get("/dossiers/<slug>/dossier.pdf")
def pdf(slug: str):
    """The same briefing as a PDF: from the files already rendered, or a page that waits
    while the PDF worker renders it."""
    paper = _paper()
    session, cache = get_session(), rendered_files()
    # Before the access check: a dossier since made private loses its files to anyone's ask.
    if (found := dossier_lookup.by_slug(session, slug)) is not None:
        cache.forget_older(dossier_prefix(found), current_prefix(session, found))
    dossier = require_readable(found, _('There is no dossier "%(slug)s".', slug=slug))
    language = print_language(dossier)
    i18n.use(language)
    filters = parse_filters(request.args).without_position()
    name = pdf_name(dossier, filters, paper, signed_in(), language)
    if (path := cache.get(name)) is not None:
        return _send_pdf(path, slug, name)
    too_many = _too_many_for_anonymous(dossier, filters)
    if too_many:
        return too_many
    if needs_queueing(name):
        enforce_limit("pdf")
        if pdf_queue().pending_count() >= current_app.config["PDF_QUEUE_MAX"]:
            abort(429, description=_("Too many PDFs are waiting to be made; try again shortly."))
        job = PdfJob(dossier.id, filters.to_args(), paper, signed_in(), request.url_root, language)
        queue_job(name, job, _count(dossier, filters, at_most=LARGEST_ID))
        if (path := cache.get(name)) is not None:  # rendered already: the queue runs inline
            return _send_pdf(path, slug, name)
    # url_for keyword arguments: Any, so mypy does not match them to _anchor or _external.
    filter_args: dict[str, Any] = {**query_args(filters), **_language_args()}
    print_url = url_for("briefing.print_page", slug=slug, paper=paper, **filter_args)
    return _preparing(dossier, name, print_url)


def print_language(dossier: Dossier) -> str:
    """The language a briefing is printed in: ?lang= when it names a language Claimline
    speaks, else the dossier's print language, else the reader's own (issue #20)."""
    asked = request.args.get("lang", "")
    if asked in i18n.LANGUAGES:
        return asked
    if dossier.print_language in i18n.LANGUAGES:
        return dossier.print_language
    return i18n.current()


def _language_args() -> dict[str, str]:
    """?lang= as asked, kept by the print page's links to the PDF and back (nothing when
    the language was not asked for, so those links follow the dossier or the reader)."""
    asked = request.args.get("lang", "")
    return {"lang": asked} if asked in i18n.LANGUAGES else {}


def _send_pdf(path: Path, slug: str, name: str):
    response = kept_file_response(path, "application/pdf")
    response.set_etag(name.removesuffix(".pdf"))
    response.make_conditional(request)
    response.headers["Content-Disposition"] = f'inline; filename="{slug}-briefing.pdf"'
    response.headers["Cache-Control"] = "private, no-store" if signed_in() else "public, no-cache"
    return response


def _preparing(dossier: Dossier, name: str, print_url: str):
    note = job_note(name) or {}
    rendering = note.get("state") == "rendering"
    page = render_template(
        "print/preparing.html",
        dossier=dossier,
        print_url=print_url,
        refresh_seconds=PREPARING_REFRESH_SECONDS,
        rendering=rendering,
        claims=note.get("claims", 0),
        waited=int(time.time() - note.get("since", time.time())),
        ahead=0 if rendering else pdf_queue().pending_count(),
    )
    return page, 202, {"Cache-Control": "no-store", "Retry-After": PREPARING_REFRESH_SECONDS}


def _too_many_for_anonymous(dossier: Dossier, filters: ClaimFilters):
    """The page asking to filter or sign in, when the selection is over the anonymous cap."""
    if signed_in():
        return None
    most = current_app.config["PRINT_ANONYMOUS_CLAIMS_MAX"]
    if _count(dossier, filters, at_most=most) <= most:
        return None
    page = render_template("print/too_large.html", dossier=dossier, most=most)
    return page, 403, {"Cache-Control": "no-store"}


def _count(dossier: Dossier, filters: ClaimFilters, at_most: int) -> int:
    try:
        return briefing_service.claim_count(get_session(), dossier, filters, at_most)
    except SearchError as error:
        abort(400, description=str(error))


def _assemble(dossier: Dossier, filters: ClaimFilters):
    # A private dossier prints only for a signed-in editor, as its exports do.
    try:
        return briefing_service.assemble(get_session(), dossier, filters)
    except SearchError as error:
        abort(400, description=str(error))


def _paper() -> str:
    paper = (request.args.get("paper") or "a4").strip().lower()
    if paper not in PAPERS:
        abort(
            400,
            description=_(
                'Unknown paper size "%(paper)s"; use "a4" or "letter".', paper=paper[:20]
            ),
        )
    return paper
