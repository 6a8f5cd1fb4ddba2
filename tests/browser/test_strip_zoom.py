"""Zooming the overview strip in a real browser: the keyboard brush, and links without JS."""

from __future__ import annotations

import re

from playwright.sync_api import expect

TIMELINE = "/dossiers/openai-chips/"


def test_the_brush_zooms_to_a_range_of_months_from_the_keyboard(page, live_server):
    page.goto(live_server.url + TIMELINE)
    start = page.get_by_role("slider", name=re.compile("From"))
    end = page.get_by_role("slider", name=re.compile("To"))
    start.focus()
    # The axis runs 2014-2026 by month: from January 2014, step to January 2024.
    for _ in range(120):
        page.keyboard.press("ArrowRight")
    expect(page.locator(".brush-from-label")).to_have_text("January 2024")
    end.focus()
    page.keyboard.press("End")
    for _ in range(12 * 2 + 5):  # back from December 2026 to July 2024
        page.keyboard.press("ArrowLeft")
    expect(page.locator(".brush-to-label")).to_have_text("July 2024")
    page.get_by_role("button", name="Zoom").click()
    expect(page).to_have_url(re.compile(r"from=2024-01&to=2024-07"))
    labels = page.locator("svg.overview-strip .tick-label")
    expect(labels.first).to_have_text("Jan 2024")
    expect(labels.last).to_have_text("Jul")


def test_without_javascript_the_year_links_zoom_and_the_brush_stays_hidden(browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + TIMELINE)
    expect(page.locator("form.brush")).to_be_hidden()
    page.locator("nav.overview-zoom").get_by_role("link", name=re.compile("2024")).click()
    expect(page.locator("svg.overview-strip .tick-label").first).to_have_text("Jan 2024")
    expect(page.get_by_role("link", name="Zoom out to every year")).to_be_visible()
    context.close()
