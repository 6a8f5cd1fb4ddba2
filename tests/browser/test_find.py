"""Finding from anywhere (issue #16), in a real browser: the header's box with its
suggestions, "Did you mean" without JavaScript, and filters that apply when changed."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE, axe_violations


@pytest.fixture(params=["desktop", "phone"])
def sized_page(request, browser):
    context = browser.new_context(viewport=PHONE if request.param == "phone" else DESKTOP)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def test_a_misspelt_name_typed_in_the_header_is_offered_and_reached(sized_page, live_server):
    page = sized_page
    page.goto(live_server.url + "/")
    box = page.get_by_role("combobox", name="Search every dossier")
    box.fill("brodcom")  # step one: type
    option = page.get_by_role("option", name=re.compile("^Broadcom"))
    expect(option).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    box.press("ArrowDown")
    expect(option).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", option.get_attribute("id"))
    box.press("Enter")  # step two: choose
    expect(page).to_have_url(live_server.url + "/entities/broadcom")


def test_escape_closes_the_suggestions_and_enter_searches(page, live_server):
    page.goto(live_server.url + "/dossiers/openai-chips/")
    box = page.get_by_role("combobox", name="Search every dossier")
    box.fill("tsmc")
    expect(page.get_by_role("listbox")).to_be_visible()
    box.press("Escape")
    expect(page.get_by_role("listbox")).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    box.press("Enter")
    expect(page).to_have_url(live_server.url + "/search?q=tsmc")
    expect(page.locator(".found-names a").first).to_have_text("TSMC")


def test_the_open_suggestions_pass_axe(axe_page, live_server):
    axe_page.goto(live_server.url + "/")
    axe_page.get_by_role("combobox", name="Search every dossier").fill("broad")
    expect(axe_page.get_by_role("option").first).to_be_visible()
    assert axe_violations(axe_page) == []


def test_without_javascript_a_misspelling_reaches_the_entity_in_two_steps(browser, live_server):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/")
        page.get_by_role("searchbox", name="Search every dossier").fill("brodcom")
        page.get_by_role("button", name="Search", exact=True).click()  # step one
        expect(page.locator(".did-you-mean")).to_contain_text("Did you mean Broadcom?")
        page.locator(".did-you-mean a.button-link").click()  # step two
        expect(page).to_have_url(live_server.url + "/entities/broadcom")
    finally:
        context.close()


def test_changing_a_filter_applies_it_with_a_short_address(sized_page, live_server):
    page = sized_page
    page.goto(live_server.url + "/dossiers/openai-chips/")
    if not page.locator("#f-status").is_visible():  # folded away on a phone
        page.locator("summary", has_text="Filters").click()
    page.locator("#f-status").select_option("confirmed")
    expect(page).to_have_url(live_server.url + "/dossiers/openai-chips/?status=confirmed")
    expect(page.locator(".chips")).to_contain_text("confirmed", ignore_case=True)


def test_typed_filters_wait_for_apply_and_keep_the_address_short(page, live_server):
    page.goto(live_server.url + "/dossiers/openai-chips/")
    page.locator("#f-q").fill("Broadcom")
    page.locator("#f-from").fill("2023")
    expect(page).to_have_url(live_server.url + "/dossiers/openai-chips/")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(live_server.url + "/dossiers/openai-chips/?q=Broadcom&from=2023")


def test_apply_is_in_sight_without_scrolling_the_filter_panel_on_a_laptop(browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        page.goto(live_server.url + "/dossiers/openai-chips/")
        # Down to the claims: the filter panel stays beside them, its own scroll untouched.
        page.locator("#timeline-heading").scroll_into_view_if_needed()
        page.evaluate("window.scrollBy(0, 400)")
        assert page.evaluate("document.querySelector('.filter-fields').scrollTop") == 0
        expect(page.get_by_role("button", name="Apply filters")).to_be_in_viewport(ratio=1)
    finally:
        context.close()
