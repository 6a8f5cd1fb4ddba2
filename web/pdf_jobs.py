"""PDFs rendered off the web workers (issue #17): a queue on SQLite storage (huey), one
consumer (`flask --app app pdf-worker`), and the finished files kept on disk.

A web worker only looks the PDF up by name (web/file_cache.py) and, when it is not there,
leaves a job on the queue and a note beside the files saying how the job is going; the
"preparing your PDF" page reads that note and refreshes itself until the file exists.
A job left half-done by a consumer that was killed is queued again when a consumer starts,
and by the next reader who asks once its note is older than PDF_JOB_PATIENCE_SECONDS.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import asdict, dataclass
from typing import Any

from flask import Flask, current_app, render_template, url_for
from huey import SqliteHuey, crontab
from werkzeug.datastructures import MultiDict

import i18n
from db import get_session
from models import Dossier
from services.printing import briefing as briefing_service
from services.reading import dossier_lookup
from services.reading.filters import ClaimFilters, parse_filters
from web.file_cache import (
    current_prefix,
    dossier_prefix,
    file_name,
    forget_stale_files,
    rendered_files,
)


@dataclass(frozen=True)
class PdfJob:
    """What a consumer needs to render one PDF exactly as the reader asked for it."""

    dossier_id: int
    filter_args: list[tuple[str, str]]
    paper: str
    signed_in: bool
    url_root: str
    # The language it prints in (issue #20); notes left by older code printed in English.
    language: str = i18n.SOURCE_LANGUAGE


def register_pdf_queue(app: Flask) -> None:
    app.config.setdefault("PDF_QUEUE_FILE", os.path.join(app.instance_path, "pdf-queue.db"))
    # Tests render in the request itself, as huey's immediate mode runs a job when queued.
    app.config.setdefault("PDF_QUEUE_IMMEDIATE", False)
    app.config.setdefault("PDF_QUEUE_MAX", 20)
    app.config.setdefault("PDF_JOB_PATIENCE_SECONDS", 600)
    # How much the PDF worker lowers its own priority (os.nice: 0 to 19).
    app.config.setdefault("PDF_WORKER_NICENESS", 10)
    queue = SqliteHuey(
        "claimline-pdf",
        filename=app.config["PDF_QUEUE_FILE"],
        immediate=app.config["PDF_QUEUE_IMMEDIATE"],
        results=False,
    )

    @queue.task(name="render-briefing-pdf")
    def render_briefing_pdf(job: dict[str, Any]) -> None:
        with app.app_context():
            render_job(PdfJob(**job))

    @queue.periodic_task(crontab(minute="*"), name="forget-stale-files")
    def forget_stale() -> None:
        with app.app_context():
            forget_stale_files(get_session())

    app.extensions["claimline.pdf_queue"] = (queue, render_briefing_pdf)


def pdf_queue() -> SqliteHuey:
    return current_app.extensions["claimline.pdf_queue"][0]


def shaped_by(
    filters: ClaimFilters, paper: str, signed_in: bool, language: str
) -> dict[str, object]:
    return {
        "filters": tuple(filters.without_position().to_args()),
        "paper": paper,
        "signed-in": signed_in,
        "language": language,
    }


def pdf_name(
    dossier: Dossier, filters: ClaimFilters, paper: str, signed_in: bool, language: str
) -> str:
    return file_name(get_session(), dossier, "pdf", shaped_by(filters, paper, signed_in, language))


def job_note(name: str) -> dict[str, Any] | None:
    """How the job making `name` is going: state, claims, since; None when there is none."""
    try:
        note = json.loads((rendered_files().folder / f"{name}.job").read_text())
    except (FileNotFoundError, ValueError):
        return None
    return note if isinstance(note, dict) else None


def write_note(name: str, state: str, job: PdfJob, claims: int) -> None:
    note = {"state": state, "claims": claims, "since": time.time(), "job": asdict(job)}
    rendered_files().store(f"{name}.job", json.dumps(note).encode())


def needs_queueing(name: str) -> bool:
    note = job_note(name)
    patience = current_app.config["PDF_JOB_PATIENCE_SECONDS"]
    return note is None or time.time() - note["since"] > patience


def queue_job(name: str, job: PdfJob, claims: int) -> None:
    write_note(name, "queued", job, claims)
    current_app.extensions["claimline.pdf_queue"][1](asdict(job))


def queue_interrupted_jobs() -> int:
    """Queue again the jobs a killed consumer left half-done; returns how many."""
    cache = rendered_files()
    interrupted = 0
    for path in sorted(cache.folder.glob("*.job")) if cache.folder.is_dir() else []:
        note = job_note(path.name.removesuffix(".job"))
        if note is not None and note["state"] == "rendering":
            queue_job(path.name.removesuffix(".job"), PdfJob(**note["job"]), note["claims"])
            interrupted += 1
    return interrupted


def render_job(job: PdfJob) -> None:
    """Render the PDF a job asks for, unless it is already on disk or no longer readable.

    The name is worked out again here, in the same transaction that reads the claims, so
    the file is stored under the state of the dossier it actually shows.
    """
    # Imported here: WeasyPrint needs system libraries, and a server without them should
    # still serve every page but the PDF (the import error names the packages).
    from services.printing.pdf import PdfMetadata, render_pdf

    with current_app.test_request_context(base_url=job.url_root), i18n.speaking(job.language):
        session = get_session()
        dossier = session.get(Dossier, job.dossier_id)
        if dossier is None or not dossier_lookup.readable(dossier, job.signed_in):
            return
        filters = parse_filters(MultiDict(job.filter_args))
        name = pdf_name(dossier, filters, job.paper, job.signed_in, job.language)
        cache = rendered_files()
        cache.forget_older(dossier_prefix(dossier), current_prefix(session, dossier))
        if cache.get(name) is not None:
            return
        document = briefing_service.assemble(session, dossier, filters)
        write_note(name, "rendering", job, document.total)
        html = render_template(
            "print/dossier.html", briefing=document, errors=[], paper=job.paper, for_pdf=True
        )
        metadata = PdfMetadata(
            title=document.dossier.title,
            author="Claimline",
            subject=document.dossier.subject or document.dossier.title,
            created=document.produced_at,
            lang=job.language,
        )
        static_folder = current_app.static_folder
        if static_folder is None:
            raise RuntimeError("The PDF reads its fonts and stylesheets from the static folder.")
        data = render_pdf(
            html,
            base_url=job.url_root,
            metadata=metadata,
            static_url=url_for("static", filename="", _external=True),
            static_folder=static_folder,
        )
        cache.store(name, data)
        (cache.folder / f"{name}.job").unlink(missing_ok=True)
        forget_stale_files(session)
