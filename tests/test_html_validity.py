"""Every main page is valid HTML according to the current Nu Html Checker (vnu.jar)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

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
}


@pytest.fixture(scope="module")
def vnu_command():
    if not VNU.exists():
        pytest.skip("vnu.jar is not installed: run `make test` (npm ci in tests/browser)")
    if not shutil.which("java"):
        pytest.skip("no Java runtime: run `make test` as root to install default-jre-headless")
    return ["java", "-jar", str(VNU), "--format", "json", "--stdout"]


def test_main_pages_are_valid_html(client, tmp_path, vnu_command):
    files = []
    for name, path in PAGES.items():
        response = client.get(path)
        assert response.mimetype == "text/html", path
        file = tmp_path / f"{name}.html"
        file.write_bytes(response.data)
        files.append(str(file))
    result = subprocess.run(vnu_command + files, capture_output=True, text=True, timeout=120)
    messages = json.loads(result.stdout)["messages"]
    errors = [
        f"{Path(message['url']).name}:{message.get('lastLine')}: {message['message']}"
        for message in messages
        if message["type"] == "error"
    ]
    assert errors == []
