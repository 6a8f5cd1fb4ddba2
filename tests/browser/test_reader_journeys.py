"""A reader in a real browser: reaching the dossier, reading claims, following a contradiction."""

from __future__ import annotations

import re

from playwright.sync_api import expect


def test_reader_reaches_dossier_and_follows_a_contradiction(any_page, live_server):
    page = any_page
    page.goto(live_server.url + "/")
    page.get_by_role("link", name=re.compile("OpenAI's in-house AI chip")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("OpenAI")
    timeline_url = page.url
    statement = page.get_by_role("heading", name=re.compile("leaders privately promised"))
    promise = page.locator("article.claim").filter(has=statement)
    promise.get_by_role("link", name=re.compile("permalink")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("privately promised")
    page.locator(".relation-contradicts a").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("too aggressive")
    page.go_back()
    page.go_back()
    expect(page).to_have_url(timeline_url)
