"""Every main page, in English and in French, is valid HTML according to the current Nu Html
Checker (vnu.jar)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.editing_helpers import claim_data, source_id

VNU = (
    Path(__file__).resolve().parent
    / "browser"
    / "node_modules"
    / "vnu-jar"
    / "build"
    / "dist"
    / "vnu.jar"
)

PAGES = {
    "home": "/",
    "timeline": "/dossiers/openai-chips/",
    "timeline-filtered": "/dossiers/openai-chips/?attribution=insider&entity=tsmc&q=TSMC",
    "timeline-bad-filters": "/dossiers/openai-chips/?min_confidence=abc&from=2024-99",
    "claim": "/claims/1",
    "not-found": "/claims/999999",
    "print": "/dossiers/openai-chips/print?attribution=insider&entity=tsmc",
    "entity": "/entities/tsmc",
    "entities-index": "/entities/",
    "entities-index-dossier": "/dossiers/openai-chips/entities/",
    "sources-index": "/sources/",
    "sources-index-dossier": "/dossiers/openai-chips/sources/",
    "timeline-second-page": "/dossiers/openai-chips/?per_page=3&after=2023-12-31.2147483647",
    "source": "/sources/1",
    "source-text": "/sources/1/text",
    "login": "/login",
    "api-docs": "/api/",
    "search": "/search?q=Broadcom",
    "search-did-you-mean": "/search?q=brodcom",
    "search-phrase-in-quote": '/search?q="il a déclaré"',
    "search-empty": "/search",
}
EDITOR_PAGES = {
    "claim-form": "/claims/new?dossier=openai-chips",
    "claim-edit": "/claims/1/edit",
    "history": "/claims/1/history",
    "changes": "/dossiers/openai-chips/changes",
    "source-form": "/sources/new?dossier=openai-chips",
    "dossier-new": "/dossiers/new",
    "dossier-edit": "/dossiers/openai-chips/edit",
    "dossier-history": "/dossiers/openai-chips/history",
    "source-text-editor": "/sources/1/text",
    "source-edit": "/sources/1/edit",
    "suggestions": "/sources/1/suggestions",
    "clip": "/clip?dossier=openai-chips",
    "clip-choose": "/clip/new?url=https://example.org/a&title=A&quote=Some+words",
    "claim-form-prefilled": "/claims/new?dossier=openai-chips&source=1&locator=3&quote=TSMC",
}


@pytest.fixture(scope="module")
def vnu_command():
    if not VNU.exists():
        pytest.skip("vnu.jar is not installed: run `make test` (npm ci in tests/browser)")
    if not shutil.which("java"):
        pytest.skip("no Java runtime: run `make test` as root to install default-jre-headless")
    return ["java", "-jar", str(VNU), "--format", "json", "--stdout"]


def save(tmp_path: Path, name: str, response) -> str:
    assert response.mimetype == "text/html", name
    file = tmp_path / f"{name}.html"
    file.write_bytes(response.data)
    return str(file)


def test_main_pages_are_valid_html(client, editor_client, tmp_path, vnu_command):
    files = [save(tmp_path, name, client.get(path)) for name, path in PAGES.items()]
    files += [save(tmp_path, name, editor_client.get(path)) for name, path in EDITOR_PAGES.items()]
    french = {"Accept-Language": "fr"}
    files += [
        save(tmp_path, f"fr-{name}", reader.get(path, headers=french))
        for reader, pages in ((client, PAGES), (editor_client, EDITOR_PAGES))
        for name, path in pages.items()
    ]
    invalid = editor_client.post(
        "/claims/new?dossier=openai-chips",
        data={"statement": "", "confidence": "abc", "event_date": "soon-ish"},
    )
    assert invalid.status_code == 422
    files.append(save(tmp_path, "claim-form-errors", invalid))
    files.append(save(tmp_path, "status-offers", editor_client.get(offers_page(editor_client))))
    result = subprocess.run(vnu_command + files, capture_output=True, text=True, timeout=120)
    messages = json.loads(result.stdout)["messages"]
    errors = [
        f"{Path(message['url']).name}:{message.get('lastLine')}: {message['message']}"
        for message in messages
        if message["type"] == "error"
    ]
    assert errors == []


def offers_page(editor_client) -> str:
    """The offer to update a claim, after a new claim confirms it (issue #15)."""
    confirming = editor_client.post(
        "/claims/new?dossier=openai-chips",
        data=claim_data(source_id(editor_client.application), **{
            "relations-0-type": "confirms", "relations-0-claim": "broadcom-most-likely-partner"
        }),
    )  # fmt: skip
    assert "/offers" in confirming.location
    return confirming.location
