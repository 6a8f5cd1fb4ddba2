"""An editor reviews claim suggestions in a real browser (issue #21): from the seeded
source's reader, Suggest claims; accept one through the prefilled claim form and save it;
dismiss another, which stays gone after a reload."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import axe_violations
from tests.browser.test_editor_journey import sign_in

STATEMENT = "TSMC's leaders judged the risk of new fabs for OpenAI alone too high."


def open_suggestions(page, live_server) -> None:
    page.goto(live_server.url + "/sources/1/text")
    page.get_by_role("link", name="Suggest claims").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("article.suggestion").first).to_be_visible()


def test_editor_accepts_one_suggestion_and_dismisses_another(page, live_server):
    sign_in(page, live_server)
    open_suggestions(page, live_server)
    accepted = page.locator("article.suggestion").first
    accepted_quote = accepted.locator("blockquote").inner_text()
    accepted.get_by_role("link", name=re.compile("Accept and edit")).click()

    expect(page.locator("#quote")).to_have_value(accepted_quote)
    page.locator("#statement").fill(STATEMENT)
    page.locator("#confidence").fill("55")
    page.get_by_role("button", name="Save claim").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(STATEMENT)
    expect(page.locator("main")).to_contain_text(accepted_quote)

    open_suggestions(page, live_server)
    quotes = page.locator("article.suggestion blockquote")
    expect(quotes.filter(has_text=accepted_quote)).to_have_count(0)
    dismissed = page.locator("article.suggestion").first
    dismissed_quote = dismissed.locator("blockquote").inner_text()
    dismissed.get_by_role("button", name=re.compile("Dismiss")).click()
    expect(page.locator(".notice-success")).to_contain_text("dismissed")
    page.reload()
    expect(page.locator("article.suggestion").first).to_be_visible()
    expect(quotes.filter(has_text=dismissed_quote)).to_have_count(0)


def test_the_suggestion_queue_is_accessible(axe_page, live_server):
    sign_in(axe_page, live_server, "checker")
    open_suggestions(axe_page, live_server)
    assert axe_violations(axe_page) == []
