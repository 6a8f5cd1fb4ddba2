"""PDFs never hold a web worker (issue #17): a queued job, a page that waits for it, and
files kept on disk under a name that changes with everything that shapes the PDF."""

from __future__ import annotations

import io
import os
import signal
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from db import get_session
from models import Dossier
from models.vocabulary import Visibility
from tests.conftest import build_app, claim_by_key
from tests.factories import delete
from tests.helpers import soup
from tests.pdf_worker import PdfWorker, queued_app, wait_for
from web.pdf_jobs import job_note, pdf_queue

SLUG = "openai-chips"
PDF = f"/dossiers/{SLUG}/dossier.pdf"
DELETED_KEY = "tsmc-ceo-plan-too-aggressive"


def rendered(app, pattern: str = "*.pdf") -> list[Path]:
    return sorted(Path(app.config["RENDERED_FILES_DIR"]).glob(pattern))


def text_of(response) -> str:
    reader = PdfReader(io.BytesIO(response.data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def pending(app) -> int:
    with app.app_context():
        return pdf_queue().pending_count()


@pytest.fixture
def queued(tmp_path, seeded_template):
    """An app whose PDFs are queued, and a function starting PDF workers beside it."""
    app = queued_app(tmp_path, seeded_template)
    workers: list[PdfWorker] = []

    def start_worker() -> PdfWorker:
        workers.append(PdfWorker(app, tmp_path).start())
        return workers[-1]

    yield app, start_worker
    for worker in workers:
        worker.stop(signal.SIGKILL)


def test_without_a_worker_the_pdf_waits_on_a_page_that_refreshes_itself(queued):
    app, _ = queued
    response = app.test_client().get(PDF)
    assert response.status_code == 202
    assert response.headers["Cache-Control"] == "no-store"
    page = soup(response, 202)
    refresh = page.find("meta", attrs={"http-equiv": "refresh"})
    assert refresh is not None and int(refresh["content"]) > 0
    # It refreshes itself without JavaScript: the only scripts are the header search's and
    # the scripts' words (base.html), none of them code written inline.
    scripts = [
        script.get("src", script.get("type", "inline")) for script in page.find_all("script")
    ]
    assert all(
        "site-search" in source or "words.js" in source or source == "application/json"
        for source in scripts
    ), scripts
    assert "Preparing your PDF" in page.h1.get_text()
    assert pending(app) == 1


def test_asking_again_while_it_waits_queues_nothing_more(queued):
    app, _ = queued
    client = app.test_client()
    for junk in range(3):
        assert client.get(f"{PDF}?junk={junk}").status_code == 202
    assert pending(app) == 1


def test_another_paper_or_filter_is_another_pdf(queued):
    app, _ = queued
    client = app.test_client()
    for query in ("", "?paper=letter", "?attribution=public", "?attribution=public&junk=1"):
        assert client.get(PDF + query).status_code == 202
    assert pending(app) == 3


@pytest.mark.slow
def test_the_worker_runs_at_a_lower_priority_than_the_web_workers(queued, tmp_path):
    """A PDF is CPU-bound: at a lower priority the worker takes what the web workers leave,
    so the site's other pages keep their pace while it renders (bench/pdf_load.py)."""
    app, start_worker = queued
    worker = start_worker()
    log = tmp_path / "pdf-worker.log"
    wait_for(lambda: log.exists() and "Rendering PDFs queued in" in log.read_text())
    ours = os.getpriority(os.PRIO_PROCESS, 0)
    expected = min(19, ours + app.config["PDF_WORKER_NICENESS"])
    assert expected > ours
    assert os.getpriority(os.PRIO_PROCESS, worker.process.pid) == expected


def test_a_job_queued_while_no_worker_runs_is_rendered_once_one_starts(queued):
    app, start_worker = queued
    client = app.test_client()
    assert client.get(PDF).status_code == 202
    start_worker()
    response = wait_for(lambda: (answer := client.get(PDF)).status_code == 200 and answer)
    assert response.mimetype == "application/pdf"
    assert "dossier briefing" in text_of(response).lower()
    assert client.get(PDF + "?junk=1").data == response.data


@pytest.mark.slow
def test_a_job_a_killed_worker_left_half_done_is_rendered_by_the_next_worker(queued):
    app, start_worker = queued
    client = app.test_client()
    assert client.get(PDF).status_code == 202
    name = rendered(app, "*.job")[0].name.removesuffix(".job")

    def note_state():
        with app.app_context():
            return (job_note(name) or {}).get("state")

    worker = start_worker()
    wait_for(lambda: note_state() == "rendering")
    worker.stop(signal.SIGKILL)  # mid-render: the queue no longer holds the job
    with app.app_context():
        assert "render-briefing-pdf" not in [task.name for task in pdf_queue().pending()]
    assert "Laying out" in soup(client.get(PDF), 202).get_text()
    start_worker()
    response = wait_for(lambda: (answer := client.get(PDF)).status_code == 200 and answer)
    assert response.mimetype == "application/pdf"


@pytest.fixture
def inline_app(tmp_path, seeded_template):
    """PDFs rendered as they are queued (huey's immediate mode), into a folder of its own."""
    return build_app(tmp_path, seeded_template, RENDERED_FILES_DIR=str(tmp_path / "rendered"))


@pytest.mark.slow
def test_a_repeated_download_is_the_kept_file(inline_app):
    client = inline_app.test_client()
    first = client.get(PDF)
    assert first.status_code == 200 and len(rendered(inline_app)) == 1
    again = client.get(PDF + "?utm_source=mail")
    assert again.data == first.data and len(rendered(inline_app)) == 1
    assert client.get(PDF, headers={"If-None-Match": first.headers["ETag"]}).status_code == 304


@pytest.mark.slow
def test_a_since_deleted_claim_is_never_served_and_its_old_file_is_gone(inline_app):
    client = inline_app.test_client()
    with inline_app.app_context():
        statement = claim_by_key(get_session(), DELETED_KEY).statement
    words = " ".join(statement.split()[:6])
    assert words in text_of(client.get(PDF))
    with inline_app.app_context():
        delete(get_session(), claim_by_key(get_session(), DELETED_KEY))
        get_session().commit()
    old_files = rendered(inline_app)
    response = client.get(PDF)
    assert response.status_code == 200
    assert words not in text_of(response)
    assert not any(path.exists() for path in old_files)


@pytest.mark.slow
def test_a_since_private_dossier_is_never_served_and_its_file_is_gone(inline_app):
    client = inline_app.test_client()
    assert client.get(PDF).status_code == 200
    with inline_app.app_context():
        session = get_session()
        dossier = session.scalar(select(Dossier).where(Dossier.slug == SLUG))
        dossier.visibility = Visibility.PRIVATE
        session.commit()
    assert client.get(PDF).status_code == 404
    assert rendered(inline_app) == []
