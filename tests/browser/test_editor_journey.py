"""An editor in a real browser: signs in, adds a claim, links it, edits it, restores it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.accounts import EDITOR_PASSWORD, add_account
from tests.browser.conftest import axe_violations

STATEMENT = "OpenAI and Broadcom announce a partnership to develop custom AI chips."


def sign_in(page, live_server, username: str = "journalist") -> None:
    add_account(live_server.app, username)
    page.goto(live_server.url + "/login")
    page.locator("#username").fill(username)
    page.locator("#password").fill(EDITOR_PASSWORD)
    page.locator("#password").press("Enter")
    expect(page.get_by_role("button", name=re.compile("Sign out"))).to_be_visible()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_editor_adds_links_edits_and_restores_a_claim(browser, live_server, javascript):
    context = browser.new_context(java_script_enabled=javascript)
    context.set_default_timeout(10_000)
    page = context.new_page()
    sign_in(page, live_server)
    page.goto(live_server.url + "/claims/new?dossier=openai-chips")
    page.locator("#statement").fill(STATEMENT)
    page.locator("input[name=attribution][value=public]").check()
    page.locator("select[name=source]").select_option(index=1)
    page.locator("#stated_date").fill("juin 2024")
    if javascript:
        expect(page.locator("#stated_date-reading")).to_contain_text("June 2024")
    else:
        page.get_by_role("button", name="Preview").click()
        expect(page.locator("#stated_date-reading")).to_contain_text("June 2024")
    page.locator("#event_date").fill("13 October 2025")
    page.locator("#confidence").fill("95")
    page.locator("[name='relations-0-type']").select_option("confirms")
    page.locator("[name='relations-0-claim']").fill("broadcom-most-likely-partner")
    page.get_by_role("button", name="Save claim").click()
    # Confirming another claim offers to update it (issue #15); this editor leaves it.
    expect(page.get_by_role("heading", level=1)).to_have_text("Update the linked claims?")
    page.get_by_role("link", name=re.compile("^Leave it as it is")).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(STATEMENT)
    claim_url = page.url
    expect(page.locator("main")).to_contain_text("Broadcom")
    page.goto(live_server.url + "/dossiers/openai-chips/?from=2025")
    expect(page.locator("article.claim", has_text=STATEMENT)).to_be_visible()
    expect(page.locator("#m-2025-10")).to_contain_text(STATEMENT)

    page.goto(claim_url + "/edit")
    page.locator("#statement").fill("OpenAI and Broadcom confirm their custom chip partnership.")
    page.get_by_role("button", name="Save claim").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("confirm their custom chip")

    page.goto(claim_url + "/history")
    page.get_by_role("button", name=re.compile("Restore")).last.click()
    expect(page.locator("main")).to_contain_text("restored")
    page.goto(claim_url)
    expect(page.get_by_role("heading", level=1)).to_have_text(STATEMENT)
    context.close()


def test_claim_form_with_errors_is_accessible(axe_page, live_server):
    sign_in(axe_page, live_server, "checker")
    axe_page.goto(live_server.url + "/claims/new?dossier=openai-chips")
    axe_page.locator("#confidence").fill("abc")
    axe_page.get_by_role("button", name="Save claim").click()
    expect(axe_page.locator(".field-error").first).to_be_visible()
    assert axe_violations(axe_page) == []


def test_sign_in_form_works_with_the_keyboard_alone(page, live_server):
    add_account(live_server.app, "keyboard")
    page.goto(live_server.url + "/login")
    page.locator("#username").focus()
    page.keyboard.type("keyboard")
    page.keyboard.press("Tab")
    expect(page.locator("#password")).to_be_focused()
    page.keyboard.type(EDITOR_PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name=re.compile("Sign out"))).to_be_visible()
