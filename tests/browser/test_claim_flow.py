"""From article to dossier in minutes (issue #15), in Chromium: a new dossier, an article
pasted, claims made from selections in the source reader, each on the timeline and in the
print; the claim form's size and its keyboard-driven related-claims picker."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, axe_violations, save_artifact
from tests.browser.test_editor_journey import sign_in

# Ten paragraphs, the first one the headline: every claim below quotes a part of one.
ARTICLE = [
    "Chipmakers court OpenAI as it plans its own silicon",
    "OpenAI is talking to Broadcom about a custom chip, according to people briefed on it.",
    "Sam Altman said on stage that OpenAI needs far more computing power than it can buy.",
    "TSMC would make the chips in Taiwan from 2026, one of the people said.",
    "Nvidia declined to comment on the talks.",
    "The company has hired engineers who built Google's tensor processing units.",
    "Analysts say a custom chip could cut OpenAI's costs by a third.",
    "Broadcom shares rose four percent after the report.",
    "OpenAI said it does not comment on rumours about its suppliers.",
    "The first chips are expected to be used for inference rather than training.",
]
TARGET_INTERACTIONS = 8
SCREEN = {"width": 1280, "height": 800}


class Counter:
    """Counts what the editor does: each click, choice, typing into a field or selection."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, action, *args, **kwargs):
        self.count += 1
        return action(*args, **kwargs)


def select_words(page, paragraph: int, words: str) -> None:
    """Select `words` in a paragraph of the source reader, as a drag of the mouse would."""
    page.evaluate(
        """([number, words]) => {
            const item = document.querySelectorAll('.reader-paragraph')[number - 1];
            const walker = document.createTreeWalker(item, NodeFilter.SHOW_TEXT);
            let node;
            while ((node = walker.nextNode())) {
                const at = node.textContent.indexOf(words);
                if (at >= 0) {
                    const range = document.createRange();
                    range.setStart(node, at);
                    range.setEnd(node, at + words.length);
                    const selection = window.getSelection();
                    selection.removeAllRanges();
                    selection.addRange(range);
                    return;
                }
            }
            throw new Error('words not found: ' + words);
        }""",
        [paragraph, words],
    )


def create_dossier_with_article(page, live_server) -> str:
    """A new dossier with the article pasted as its source; the source reader's address."""
    page.goto(live_server.url + "/dossiers/new")
    page.locator("#title").fill("Chips for OpenAI")
    page.get_by_role("button", name="Save dossier").click()
    page.get_by_role("link", name="Add a source").click()
    page.locator("#title").fill(ARTICLE[0])
    page.locator("#outlet").fill("The Chip Letter")
    page.locator("#published").fill("14 March 2025")
    page.locator("#text").fill("\n\n".join(ARTICLE))
    page.get_by_role("button", name="Save source").click()
    page.get_by_role("link", name=re.compile("Read the text")).click()
    expect(page.locator(".reader-paragraph")).to_have_count(10)
    return page.url


def add_claim_from_selection(page, reader_url, paragraph, words, statement, attribution):
    page.goto(reader_url)
    select_words(page, paragraph, words)
    page.get_by_role("link", name="New claim from this").click()
    expect(page.locator("#quote")).to_have_value(words)
    expect(page.locator("#locator")).to_have_value(str(paragraph))
    page.locator("#statement").fill(statement)
    page.locator(f"input[name=attribution][value={attribution}]").check()
    page.locator("#confidence").fill("60")
    page.get_by_role("button", name="Save claim").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(statement)
    return int(page.url.rstrip("/").rsplit("/", 1)[1])


def test_article_to_dossier_claims_on_the_timeline_in_the_reader_and_in_print(page, live_server):
    sign_in(page, live_server)
    reader_url = create_dossier_with_article(page, live_server)
    claims = [
        add_claim_from_selection(
            page, reader_url, 2, "OpenAI is talking to Broadcom about a custom chip",
            "OpenAI is in talks with Broadcom about a custom chip.", "insider",
        ),
        add_claim_from_selection(
            page, reader_url, 4, "TSMC would make the chips in Taiwan from 2026",
            "TSMC would make OpenAI's chips from 2026.", "insider",
        ),
        add_claim_from_selection(
            page, reader_url, 8, "Broadcom shares rose four percent",
            "Broadcom shares rose 4% after the report.", "data",
        ),
    ]  # fmt: skip

    # The measured claim: from the reader, quote, speaker, dates and one relation. The
    # stated date comes from the source's; words naming one claim need no pick from the list
    # (the picker says "1 claim found"; picking it would be one more interaction).
    act = Counter()
    page.goto(reader_url)
    act(page.get_by_role("link", name="Quote from this paragraph 3").click)
    act(page.locator("#statement").fill, "Altman says OpenAI needs more computing power.")
    act(page.locator("input[name=attribution][value=public]").check)
    act(page.locator("#speaker").select_option, "sam-altman")
    act(page.locator("#confidence").fill, "90")
    act(page.locator("[name='relations-0-type']").select_option, "supports")
    act(page.locator("[name='relations-0-claim']").fill, "talks with Broadcom")
    expect(page.locator(".relation-row [aria-live]").first).to_have_text("1 claim found.")
    act(page.get_by_role("button", name="Save claim").click)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Altman says")
    assert act.count <= TARGET_INTERACTIONS, act.count
    save_artifact("claim-flow-interactions.txt", f"{act.count}\n".encode())
    expect(page.locator("main")).to_contain_text("OpenAI is in talks with Broadcom")

    page.goto(reader_url)
    marks = page.locator("mark.reader-quote")
    expect(marks).to_have_count(4)
    for claim_id in claims:
        expect(page.locator(f"mark.reader-quote[data-claims~='{claim_id}']")).to_have_count(1)
    expect(page.locator(".reader-count")).to_contain_text("4 of 10 paragraphs quoted")

    page.goto(live_server.url + "/dossiers/chips-for-openai/")
    expect(page.locator("article.claim")).to_have_count(4)
    expect(page.locator("article.claim", has_text="TSMC would make")).to_contain_text("2025")
    page.goto(live_server.url + "/dossiers/chips-for-openai/print")
    for statement in ("in talks with Broadcom", "from 2026", "rose 4%", "Altman says"):
        expect(page.locator("main")).to_contain_text(statement)


def test_a_quote_edited_off_its_paragraph_is_refused_with_the_paragraph_shown(page, live_server):
    sign_in(page, live_server)
    reader_url = create_dossier_with_article(page, live_server)
    page.goto(reader_url)
    select_words(page, 5, "Nvidia declined to comment")
    page.get_by_role("link", name="New claim from this").click()
    page.locator("#quote").fill("Nvidia refused to comment")
    page.locator("#statement").fill("Nvidia did not comment.")
    page.locator("input[name=attribution][value=public]").check()
    page.get_by_role("button", name="Save claim").click()
    error = page.locator("#quote-error")
    expect(error).to_contain_text("not in paragraph 5")
    expect(error).to_contain_text(ARTICLE[4])


def test_claim_form_fits_two_screens_and_looks_right(browser, live_server):
    context = browser.new_context(viewport=SCREEN)
    page = context.new_page()
    sign_in(page, live_server, "measurer")
    page.goto(live_server.url + "/claims/new?dossier=openai-chips&source=1&locator=3&quote=TSMC")
    page.locator("input[name=attribution][value=public]").check()
    height = page.locator("form.claim-form").bounding_box()["height"]
    save_artifact("claim-form-height.txt", f"{height:.0f}\n".encode())
    save_artifact("claim-form-1280.png", page.screenshot(full_page=True))
    assert height <= 2 * SCREEN["height"], height
    page.set_viewport_size(PHONE)
    save_artifact("claim-form-390.png", page.screenshot(full_page=True))
    wider = page.evaluate(
        """() => [...document.querySelectorAll('main *')]
            .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1)
            .map(el => el.tagName + '#' + el.id + '.' + el.className)"""
    )
    assert wider == []
    context.close()


def test_attribution_shows_only_the_people_fields_it_calls_for(page, live_server):
    sign_in(page, live_server, "people")
    page.goto(live_server.url + "/claims/new?dossier=openai-chips")
    expect(page.locator("#relayed_by")).to_be_visible()
    page.locator("input[name=attribution][value=analysis]").check()
    expect(page.locator("#speaker")).to_be_hidden()
    expect(page.locator("#relayed_by")).to_be_hidden()
    page.locator("input[name=attribution][value=private]").check()
    expect(page.locator("#speaker")).to_be_visible()
    expect(page.locator("#relayed_by")).to_be_visible()
    expect(page.locator("#speaker_description")).to_be_hidden()


def test_related_claims_picker_works_with_the_keyboard(page, live_server):
    sign_in(page, live_server, "keys")
    page.goto(live_server.url + "/claims/new?dossier=openai-chips")
    box = page.locator("[name='relations-0-claim']")
    expect(box).to_have_attribute("role", "combobox")
    box.focus()
    page.keyboard.type("Broadcom")
    expect(box).to_have_attribute("aria-expanded", "true")
    options = page.get_by_role("listbox").get_by_role("option")
    expect(options.first).to_be_visible()
    expect(page.locator(".relation-row [aria-live]").first).to_contain_text("found")
    page.keyboard.press("ArrowDown")
    active = box.get_attribute("aria-activedescendant")
    assert active and page.locator(f"#{active}").get_attribute("aria-selected") == "true"
    chosen = page.locator(f"#{active}").text_content()
    page.keyboard.press("Enter")
    expect(box).to_have_value(chosen)
    expect(box).to_have_attribute("aria-expanded", "false")
    page.keyboard.type(" x")
    page.keyboard.press("Escape")
    expect(box).to_have_attribute("aria-expanded", "false")


def test_names_typed_in_the_statement_are_ticked_as_mentioned(page, live_server):
    sign_in(page, live_server, "names")
    page.goto(live_server.url + "/claims/new?dossier=openai-chips")
    page.locator("#statement").fill("Altman met the TSMC board.")
    expect(page.locator("#entities input[value=sam-altman]")).to_be_checked()
    expect(page.locator("#entities input[value=tsmc]")).to_be_checked()
    expect(page.locator("#entities input[value=broadcom]")).to_be_hidden()
    page.get_by_label("Find a name").fill("broad")
    expect(page.locator("#entities input[value=broadcom]")).to_be_visible()
    page.locator("#speaker").select_option("cc-wei")
    expect(page.locator("#entities input[value=cc-wei]")).to_be_checked()


@pytest.mark.parametrize(
    "path",
    [
        "/clip?dossier=openai-chips",
        "/clip/new?url=https://example.org/a&title=A&quote=Some+words",
        "/claims/new?dossier=openai-chips&source=1&locator=3&quote=TSMC",
    ],
)
def test_new_pages_have_no_serious_accessibility_violations(axe_page, live_server, path):
    sign_in(axe_page, live_server, "axe")
    response = axe_page.goto(live_server.url + path)
    assert response.status == 200
    assert axe_violations(axe_page) == []


def test_offer_to_update_a_confirmed_claim_is_accessible_and_takes_one_click(axe_page, live_server):
    sign_in(axe_page, live_server, "offers")
    axe_page.goto(live_server.url + "/claims/new?dossier=openai-chips&source=1")
    axe_page.locator("#statement").fill("Broadcom confirms it is making OpenAI's chip.")
    axe_page.locator("input[name=attribution][value=public]").check()
    axe_page.locator("#stated_date").fill("October 2025")
    axe_page.locator("#confidence").fill("95")
    axe_page.locator("[name='relations-0-type']").select_option("confirms")
    axe_page.locator("[name='relations-0-claim']").fill("broadcom-most-likely-partner")
    axe_page.get_by_role("button", name="Save claim").click()
    expect(axe_page.get_by_role("heading", level=1)).to_have_text("Update the linked claims?")
    assert axe_violations(axe_page) == []
    axe_page.get_by_role("button", name=re.compile(r"^Mark claim \d+ confirmed, 90%")).click()
    expect(axe_page.locator("main")).to_contain_text("confirmed, 90% (very likely)")


NEWS_PAGE = """<!doctype html><html lang="en"><head><title>OpenAI's chip plan</title>
<meta property="article:published_time" content="2025-03-14T08:00:00+00:00"></head>
<body><p id="lede">OpenAI will design its own inference chip with Broadcom.</p></body></html>"""


def test_the_bookmarklet_opens_the_claim_form_from_another_sites_page(browser, live_server):
    context = browser.new_context(viewport=SCREEN)
    context.set_default_timeout(10_000)
    page = context.new_page()
    sign_in(page, live_server, "clipper")
    page.goto(live_server.url + "/clip?dossier=openai-chips")
    bookmarklet = page.locator("a[data-bookmarklet]").get_attribute("href")
    # Another site's article, served by the browser itself.
    page.route(
        "https://news.example/**",
        lambda route: route.fulfill(status=200, content_type="text/html", body=NEWS_PAGE),
    )
    page.goto("https://news.example/2025/openai-chip")
    page.evaluate(
        """() => {
            const range = document.createRange();
            range.selectNodeContents(document.getElementById('lede'));
            getSelection().removeAllRanges();
            getSelection().addRange(range);
        }"""
    )
    with context.expect_page() as opened:
        page.evaluate("code => { location.href = code; }", bookmarklet)
    form_page = opened.value
    form_page.wait_for_load_state()
    expect(form_page.get_by_role("heading", level=1)).to_have_text("Add a claim")
    expect(form_page.locator("#quote")).to_have_value(
        "OpenAI will design its own inference chip with Broadcom."
    )
    expect(form_page.locator("#source")).to_have_value("new")
    expect(form_page.locator("#source_title")).to_have_value("OpenAI's chip plan")
    expect(form_page.locator("#source_url")).to_have_value("https://news.example/2025/openai-chip")
    expect(form_page.locator("#source_published")).to_have_value("2025-03-14")
    context.close()
