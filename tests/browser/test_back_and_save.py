"""Saving a new claim, pressing Back and saving again: the browser refills the form it
fetches afresh (no-store), with a new one-time token; the second save must ask first."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.test_editor_journey import sign_in

STATEMENT = "TSMC says it will build two more fabs for OpenAI."


def test_back_then_save_again_asks_instead_of_adding_a_duplicate(page, live_server):
    sign_in(page, live_server)
    page.goto(live_server.url + "/claims/new?dossier=openai-chips&source=1&locator=2")
    page.locator("#statement").fill(STATEMENT)
    page.locator("input[name=attribution][value=public]").check()
    page.locator("#stated_date").fill("June 2024")
    page.locator("#confidence").fill("60")
    token = page.locator("input[name=submission]").input_value()
    page.get_by_role("button", name="Save claim").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(STATEMENT)
    first = int(page.url.rstrip("/").rsplit("/", 1)[1])

    page.go_back()
    expect(page.locator("#statement")).to_be_visible()
    # The cause: the page came from the server again, with a token of its own.
    assert page.locator("input[name=submission]").input_value() != token
    # Whatever the browser restored, fill what it may have left empty, as the tester did.
    page.locator("#statement").fill(STATEMENT)
    page.locator("input[name=attribution][value=public]").check()
    page.locator("#stated_date").fill("June 2024")
    page.locator("#confidence").fill("60")
    page.get_by_role("button", name="Save claim").click()

    notice = page.locator("#duplicate-notice")
    expect(notice).to_contain_text(f"already saved as claim {first}")
    page.get_by_label(re.compile("save it again as a separate claim")).check()
    page.get_by_role("button", name="Save claim").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(STATEMENT)
    assert int(page.url.rstrip("/").rsplit("/", 1)[1]) != first
