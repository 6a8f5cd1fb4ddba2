"""The reader's and the editor's journeys once in French (issue #20): a French browser gets
the dossier in French, filters it, opens a claim, switches to English in one click and back;
an editor signs in, types a French date, sees it read back in French and saves the claim.
Needs the French catalogue compiled, as `make` does."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.accounts import EDITOR_PASSWORD, add_account
from tests.browser.conftest import DESKTOP

STATEMENT = "OpenAI et Broadcom annoncent un partenariat pour des puces sur mesure."


@pytest.fixture(params=[True, False], ids=["js", "no-js"])
def french_page(request, browser):
    context = browser.new_context(
        viewport=DESKTOP, locale="fr-FR", java_script_enabled=request.param
    )
    context.set_default_timeout(10_000)
    yield context.new_page(), request.param
    context.close()


def test_a_french_reader_filters_opens_a_claim_and_switches_language(french_page, live_server):
    page, javascript = french_page
    page.goto(live_server.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.locator("main a[href='/dossiers/openai-chips/']").first.click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")

    expect(page.locator("label[for=f-attribution-insider]")).to_contain_text("Selon des initiés")
    page.locator("#f-attribution-insider").check()
    if not javascript:  # with it, a ticked box applies at once
        page.get_by_role("button", name="Appliquer les filtres").click()
    expect(page).to_have_url(re.compile(r"attribution=insider"))
    cards = page.locator("article.claim")
    expect(cards.first).to_contain_text("Selon des initiés")
    expect(page.locator("main")).not_to_contain_text("Insider says")

    cards.first.locator("a[href^='/claims/']").first.click()
    claim_url = page.url
    expect(page.locator("main")).to_contain_text("Selon des initiés")

    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(claim_url)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("main")).to_contain_text("Insider says")
    page.get_by_role("link", name="Français").click()
    expect(page).to_have_url(claim_url)
    expect(page.locator("html")).to_have_attribute("lang", "fr")


def test_a_french_editor_types_a_french_date_and_saves_a_claim(french_page, live_server):
    page, javascript = french_page
    add_account(live_server.app, "redaction")
    page.goto(live_server.url + "/login")
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Sign in")
    page.locator("#username").fill("redaction")
    page.locator("#password").fill(EDITOR_PASSWORD)
    page.locator("#password").press("Enter")
    expect(page.get_by_role("button", name=re.compile("Se déconnecter"))).to_be_visible()

    page.goto(live_server.url + "/claims/new?dossier=openai-chips")
    page.locator("#statement").fill(STATEMENT)
    page.locator("input[name=attribution][value=public]").check()
    page.locator("select[name=source]").select_option(index=1)
    page.locator("#stated_date").fill("juin 2024")
    if not javascript:  # with it, the reading shows as the editor types
        page.get_by_role("button", name="Aperçu").click()
    expect(page.locator("#stated_date-reading")).to_contain_text("Lu comme juin 2024")
    page.locator("#event_date").fill("13 octobre 2025")
    page.locator("#confidence").fill("95")
    page.get_by_role("button", name="Enregistrer l’affirmation").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(STATEMENT)
    main = page.locator("main")
    expect(main).to_contain_text("13 octobre 2025")
    expect(main).to_contain_text("juin 2024")
    expect(main).to_contain_text("Déclaration publique")
    expect(main).not_to_contain_text("October")
