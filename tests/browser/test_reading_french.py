"""The reader's scripts speak French to a French browser (issue #20): they take their words
from the page (#claimline-words), so what they write and announce follows the page's language.
Needs the French catalogue compiled, as `make` does."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP


@pytest.fixture
def french_page(browser):
    context = browser.new_context(viewport=DESKTOP, locale="fr-FR")
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def test_the_timeline_script_writes_its_hint_in_french(french_page, live_server):
    french_page.goto(live_server.url + "/dossiers/openai-chips/")
    expect(french_page.locator("html")).to_have_attribute("lang", "fr")
    expect(french_page.locator(".filters .hint").first).to_have_text(
        "Les listes, cases et choix s’appliquent dès que vous les modifiez."
    )


def test_the_search_suggestions_are_announced_in_french(french_page, live_server):
    french_page.goto(live_server.url + "/")
    box = french_page.get_by_role("combobox", name="Rechercher dans tous les dossiers")
    box.fill("brodcom")
    expect(french_page.get_by_role("option", name=re.compile("^Broadcom"))).to_be_visible()
    expect(french_page.get_by_role("listbox")).to_have_attribute("aria-label", "Suggestions")
    expect(french_page.locator(".site-search [role=status]").first).to_contain_text("choisissez")
