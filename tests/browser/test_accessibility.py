"""axe-core on every main page, in English and in French: no serious or critical WCAG 2.2 AA
violation."""

from __future__ import annotations

import pytest

from tests.browser.conftest import axe_violations

PAGES = [
    "/",
    "/dossiers/openai-chips/",
    "/dossiers/openai-chips/?attribution=insider&entity=tsmc",
    "/claims/1",
    "/entities/tsmc",
    "/entities/sam-altman",
    "/sources/1",
    "/login",
    "/api/",
    "/dossiers/openai-chips/print?attribution=insider&attribution=public",
    "/search?q=Broadcom",
    "/search?q=brodcom",
    "/search",
]


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_serious_accessibility_violations(axe_page, live_server, path, language):
    axe_page.set_extra_http_headers({"Accept-Language": language})
    response = axe_page.goto(live_server.url + path)
    assert response.status == 200
    assert axe_violations(axe_page) == []
