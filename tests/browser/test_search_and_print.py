"""A reader searches and prints, in a real browser."""

from __future__ import annotations

import io
import re
import unicodedata

import pytest
import yaml
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.conftest import save_artifact
from tests.conftest import SEED_DIR


def statements() -> list[str]:
    claims = yaml.safe_load((SEED_DIR / "openai-chips.yaml").read_text(encoding="utf-8"))["claims"]
    return [claim["statement"] for claim in claims]


def squash(text: str) -> str:
    """Text without ligatures, whitespace or hyphens, so a PDF's typesetting does not matter."""
    return re.sub(r"[\s\u00ad-]+", "", unicodedata.normalize("NFKC", text)).lower()


@pytest.mark.parametrize("word", ["Broadcom", "HBM"])
def test_reader_searches_and_every_result_mentions_the_word(any_page, live_server, word):
    page = any_page
    page.goto(live_server.url + "/dossiers/openai-chips/")
    if not page.locator("#f-q").is_visible():  # folded away on a phone
        page.locator("summary", has_text="Filters").click()
    page.locator("#f-q").fill(word)
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator("article.claim").first).to_be_visible()
    cards = page.locator("article.claim")
    assert cards.count() >= 1
    for index in range(cards.count()):
        assert word.lower() in cards.nth(index).inner_text().lower()
    expect(page.locator("article.claim mark").first).to_be_visible()


def test_reader_filters_to_insider_claims_about_tsmc(page, live_server):
    page.goto(live_server.url + "/dossiers/openai-chips/")
    page.locator("#f-attribution-insider").check()  # a change applies the filter at once
    expect(page).to_have_url(re.compile(r"\?attribution=insider$"))
    page.locator("select[name=entity]").select_option("tsmc")
    expect(page).to_have_url(
        re.compile(r"attribution=insider.*entity=tsmc|entity=tsmc.*attribution=insider")
    )
    tags = page.locator("article.claim .attribution-tag")
    assert tags.count() >= 2
    assert set(tags.all_inner_texts()) == {"Insider says"}


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_printing_the_dossier_from_chromium_keeps_every_claim(page, live_server, paper):
    page.goto(f"{live_server.url}/dossiers/openai-chips/print?paper={paper}")
    page.emulate_media(media="print")
    save_artifact(f"print-{paper}-first-page.png", page.screenshot())
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    save_artifact(f"print-{paper}.pdf", pdf)
    reader = PdfReader(io.BytesIO(pdf))
    assert 6 <= len(reader.pages) <= 40
    text = squash(" ".join(page.extract_text() or "" for page in reader.pages))
    missing = [statement for statement in statements() if squash(statement) not in text]
    assert missing == []
