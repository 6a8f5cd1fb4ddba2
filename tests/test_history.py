"""A claim's history: revisions with their diffs, restoring any of them, undoing a delete,
and the dossier's recent changes."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from models.revision import RevisionAction
from tests.conftest import ROOT
from tests.editing_helpers import (
    claim_id_by_key,
    edit_form_values,
    form_values,
    load_claim,
    revisions_of,
    token,
)
from tests.helpers import soup


def _edit(client, claim_id: int, **changes) -> None:
    response = client.post(
        f"/claims/{claim_id}/edit", data=edit_form_values(client, claim_id) | changes
    )
    assert response.status_code == 302


def _history(client, claim_id: int):
    response = client.get(f"/claims/{claim_id}/history")
    assert response.status_code == 200
    return soup(response)


def _restore_form(page, version: int) -> dict:
    for form in page.select("form.restore-form"):
        if form.button.get_text(" ", strip=True).startswith(f"Restore version {version} "):
            return form_values(form)
    raise AssertionError(f"no restore button for version {version}")


def test_history_lists_each_revision_with_the_words_it_changed(seeded_app, editor_client):
    claim_id = claim_id_by_key(seeded_app, "hbm-shortage")
    old_statement = load_claim(seeded_app, claim_id).statement
    _edit(editor_client, claim_id, statement=old_statement.replace("HBM", "High-bandwidth"))
    page = _history(editor_client, claim_id)
    revisions = page.select("li.revision")
    assert len(revisions) == 2
    newest = revisions[0]
    assert "edited" in newest.h2.get_text() and "by Editor" in newest.get_text()
    row = newest.select_one("tbody tr")
    assert row.th.get_text() == "Statement"
    assert [d.get_text() for d in row.select("del")] == ["HBM"]
    assert [i.get_text() for i in row.select("ins")] == ["High-bandwidth"]
    assert "created" in revisions[1].h2.get_text()


def test_restoring_an_earlier_version_adds_a_new_revision(seeded_app, editor_client):
    claim_id = claim_id_by_key(seeded_app, "hbm-shortage")
    original = load_claim(seeded_app, claim_id).statement
    _edit(editor_client, claim_id, statement="A rewritten statement.", confidence="11")
    first_version = revisions_of(seeded_app, claim_id)[0].version
    form = _restore_form(_history(editor_client, claim_id), first_version)
    response = editor_client.post(f"/claims/{claim_id}/restore", data=form)
    assert response.location.endswith(f"/claims/{claim_id}/history")
    restored = load_claim(seeded_app, claim_id)
    assert restored.statement == original and restored.confidence != 11
    latest = revisions_of(seeded_app, claim_id)[-1]
    assert latest.action is RevisionAction.RESTORE
    assert latest.summary == f"restored version {first_version}"
    assert latest.changes["statement"] == ["A rewritten statement.", original]
    assert len(revisions_of(seeded_app, claim_id)) == 3


def test_a_deleted_claim_comes_back_with_undo_on_its_history_page(seeded_app, editor_client):
    claim_id = claim_id_by_key(seeded_app, "hbm-shortage")
    confirm = soup(editor_client.get(f"/claims/{claim_id}/delete"))
    editor_client.post(
        f"/claims/{claim_id}/delete", data=form_values(confirm.select_one("main form"))
    )
    # The editor is told it is gone (410), not that it never existed; readers get 404.
    assert editor_client.get(f"/claims/{claim_id}").status_code == 410
    assert seeded_app.test_client().get(f"/claims/{claim_id}").status_code == 404
    page = _history(editor_client, claim_id)
    undo = page.select_one(".notice form")
    assert "Undo the deletion" in undo.get_text()
    editor_client.post(f"/claims/{claim_id}/restore", data=form_values(undo))
    assert load_claim(seeded_app, claim_id).deleted_at is None
    assert editor_client.get(f"/claims/{claim_id}").status_code == 200
    actions = [revision.action for revision in revisions_of(seeded_app, claim_id)]
    assert actions == [RevisionAction.CREATE, RevisionAction.DELETE, RevisionAction.RESTORE]


def test_restoring_from_an_outdated_history_page_is_refused(seeded_app, editor_client):
    claim_id = claim_id_by_key(seeded_app, "hbm-shortage")
    _edit(editor_client, claim_id, confidence="21")
    stale_page = _history(editor_client, claim_id)
    _edit(editor_client, claim_id, confidence="22")
    response = editor_client.post(f"/claims/{claim_id}/restore", data=_restore_form(stale_page, 1))
    assert response.status_code == 409
    assert load_claim(seeded_app, claim_id).confidence == 22


def test_a_restore_posted_twice_restores_once(seeded_app, editor_client):
    claim_id = claim_id_by_key(seeded_app, "hbm-shortage")
    _edit(editor_client, claim_id, confidence="21")
    form = _restore_form(_history(editor_client, claim_id), 1)
    editor_client.post(f"/claims/{claim_id}/restore", data=form)
    again = editor_client.post(f"/claims/{claim_id}/restore", data=form)
    assert again.status_code == 302
    assert len(revisions_of(seeded_app, claim_id)) == 3


def test_a_revision_of_another_claim_cannot_be_restored_here(seeded_app, editor_client):
    claim_id = claim_id_by_key(seeded_app, "hbm-shortage")
    other = revisions_of(seeded_app, claim_id_by_key(seeded_app, "richard-ho-education"))[0]
    version = str(load_claim(seeded_app, claim_id).version)
    data = {"revision": str(other.id), "version": version, "submission": token()}
    assert editor_client.post(f"/claims/{claim_id}/restore", data=data).status_code == 400


def test_recent_changes_lists_the_latest_revisions_first(seeded_app, editor_client):
    first = claim_id_by_key(seeded_app, "hbm-shortage")
    second = claim_id_by_key(seeded_app, "richard-ho-education")
    _edit(editor_client, first, confidence="31")
    _edit(editor_client, second, statement="Richard Ho studied in Manchester.")
    page = soup(editor_client.get("/dossiers/openai-chips/changes"))
    changes = page.select("li.change")
    assert len(changes) == 50  # a full page of the 48 seeded claims, 8 sources and two edits
    assert f"/claims/{second}/history" in changes[0].a["href"]
    assert "Richard Ho studied in Manchester." in changes[0].get_text()
    assert "changed statement" in changes[0].get_text()
    assert f"/claims/{first}/history" in changes[1].a["href"]
    assert "by Editor" in changes[1].get_text()
    older = soup(editor_client.get(page.select_one('a[rel="next"]')["href"]))
    assert len(older.select("li.change")) == 48 + 8 + 2 - 50
    assert older.select_one('a[rel="next"]') is None


def test_recent_changes_pages_back_from_a_revision(seeded_app, editor_client):
    claim_id = claim_id_by_key(seeded_app, "hbm-shortage")
    _edit(editor_client, claim_id, confidence="31")
    latest = revisions_of(seeded_app, claim_id)[-1]
    page = soup(editor_client.get(f"/dossiers/openai-chips/changes?before={latest.id}"))
    changes = page.select("li.change")
    assert len(changes) == 50  # a full page of the 56 seeded revisions
    assert all("by Editor" not in change.get_text() for change in changes)


def test_history_of_an_unknown_claim_is_404(editor_client):
    assert editor_client.get("/claims/999999/history").status_code == 404


# --- valid HTML ------------------------------------------------------------------------------

VNU = ROOT / "tests" / "browser" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_editing_pages_are_valid_html(seeded_app, client, editor_client, tmp_path):
    if not VNU.exists() or not shutil.which("java"):
        pytest.skip("vnu.jar or Java missing: run `make test` as root to install them")
    claim_id = claim_id_by_key(seeded_app, "hbm-shortage")
    mine = edit_form_values(editor_client, claim_id)
    _edit(editor_client, claim_id, statement="A newer statement.")
    new = "/claims/new?dossier=openai-chips"
    pages = {
        "login": client.get("/login"),
        "login-refused": client.post("/login", data={"username": "x", "password": "y"}),
        "new-claim": editor_client.get(new),
        "new-claim-errors": editor_client.post(new, data={"confidence": "many"}),
        "new-claim-preview": editor_client.post(
            new, data=mine | {"preview": "1", "notes": "*a* [b](https://c.org)", "version": ""}
        ),
        "edit-claim": editor_client.get(f"/claims/{claim_id}/edit"),
        "conflict": editor_client.post(
            f"/claims/{claim_id}/edit", data=mine | {"statement": "My statement."}
        ),
        "delete": editor_client.get(f"/claims/{claim_id}/delete"),
        "history": editor_client.get(f"/claims/{claim_id}/history"),
        "changes": editor_client.get("/dossiers/openai-chips/changes"),
        "new-source": editor_client.get("/sources/new?dossier=openai-chips"),
        "new-entity": editor_client.get("/entities/new"),
        "edit-entity": editor_client.get("/entities/tsmc/edit"),
        "merge": editor_client.get("/entities/merge"),
        "claim-as-editor": editor_client.get(f"/claims/{claim_id}"),
    }
    files = []
    for name, response in pages.items():
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.data)
        files.append(str(path))
    command = ["java", "-jar", str(VNU), "--format", "json", "--stdout", *files]
    result = subprocess.run(command, capture_output=True, text=True, timeout=180)
    errors = [
        f"{Path(message['url']).name}:{message.get('lastLine')}: {message['message']}"
        for message in json.loads(result.stdout)["messages"]
        if message["type"] == "error"
    ]
    assert errors == []
