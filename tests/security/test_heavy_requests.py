"""Issue #18 (High): no anonymous request may cost more than a bounded amount of server time.

Before: every PDF rendered in the web worker that received it, `?junk=N` made every download
a new one, and any number of prints and exports of a 30,000-claim dossier ran at once, so two
clients held both gunicorn workers until they were killed. Now the PDF is queued for the PDF
worker, unknown parameters do not vary a kept file, heavy requests wait for a slot counted in
the database, and an anonymous print holds a bounded number of claims.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from db import engine_of
from services.accounts.rate_limit import take_slot
from tests.accounts import add_account, sign_in
from tests.conftest import build_app
from tests.helpers import soup
from tests.pdf_worker import queued_app

DOSSIER = "/dossiers/openai-chips"
HEAVY = [f"{DOSSIER}/print", f"{DOSSIER}/claims.csv", f"{DOSSIER}/claims.json"]


def test_an_anonymous_pdf_is_never_rendered_by_the_web_worker(tmp_path, seeded_template):
    client = queued_app(tmp_path, seeded_template).test_client()
    response = client.get(f"{DOSSIER}/dossier.pdf?junk=1")
    assert response.status_code == 202
    assert response.mimetype == "text/html"
    assert not list(Path(tmp_path / "rendered").glob("*.pdf"))


@pytest.mark.parametrize("export", ["claims.csv", "claims.json", "timelinejs.json"])
def test_unknown_parameters_do_not_make_a_new_export(tmp_path, seeded_template, export):
    app = build_app(tmp_path, seeded_template, RENDERED_FILES_DIR=str(tmp_path / "rendered"))
    client = app.test_client()
    tags = {client.get(f"{DOSSIER}/{export}?junk={n}").headers["ETag"] for n in range(3)}
    assert len(tags) == 1
    assert len(list(Path(tmp_path / "rendered").iterdir())) == 1
    assert client.get(f"{DOSSIER}/{export}?attribution=insider").headers["ETag"] not in tags


@pytest.fixture
def limited(tmp_path, seeded_template):
    return build_app(tmp_path, seeded_template, RATE_LIMITS_ENABLED=True)


@pytest.mark.parametrize("path", HEAVY)
def test_a_heavy_request_waits_while_the_sites_heavy_slot_is_taken(limited, path):
    # Another worker is in the middle of a heavy request.
    slots, _ = take_slot(engine_of(limited), [("slot:heavy-site", 1)], 60)
    assert slots
    response = limited.test_client().get(path)
    assert response.status_code == 429
    assert 1 <= int(response.headers["Retry-After"]) <= 60


@pytest.mark.parametrize("path", HEAVY)
def test_a_heavy_request_runs_once_the_slot_is_given_back(limited, path):
    client = limited.test_client()
    assert client.get(path).status_code == 200
    assert client.get(path + "?attribution=public").status_code == 200


@pytest.mark.usefixtures("one_window")
def test_one_address_may_not_queue_pdfs_without_end(tmp_path, seeded_template):
    app = queued_app(tmp_path, seeded_template, RATE_LIMITS_ENABLED=True)
    client = app.test_client()
    answers = [
        client.get(f"{DOSSIER}/dossier.pdf?q=altman&min_confidence={n}").status_code
        for n in range(1, 13)
    ]
    assert answers[:10] == [202] * 10
    assert answers[10:] == [429, 429]


@pytest.fixture
def capped(tmp_path, seeded_template):
    return build_app(tmp_path, seeded_template, PRINT_ANONYMOUS_CLAIMS_MAX=10)


@pytest.mark.parametrize("page", ["print", "dossier.pdf"])
def test_an_anonymous_print_past_the_cap_asks_to_filter_or_sign_in(capped, page):
    response = capped.test_client().get(f"{DOSSIER}/{page}")
    assert response.status_code == 403
    text = soup(response, 403).get_text(" ", strip=True)
    assert "more than 10 claims" in text and "Filter the timeline" in text and "sign in" in text


def test_a_filtered_print_under_the_cap_prints(capped):
    response = capped.test_client().get(f"{DOSSIER}/print?attribution=public")
    assert response.status_code == 200


def test_a_signed_in_editor_prints_past_the_cap(capped):
    add_account(capped, "editor")
    client = capped.test_client()
    assert sign_in(client, "editor").status_code == 302
    assert client.get(f"{DOSSIER}/print").status_code == 200
