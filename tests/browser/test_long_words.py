"""A long unbroken word (an address pasted into a statement, a title without spaces) must not
widen any page past a phone's screen."""

from __future__ import annotations

from sqlalchemy import select

from db import get_session
from models import Claim, Dossier
from tests.browser.conftest import PHONE, _new_page

LONG_WORD = "https://example.org/" + "x" * 280
WIDER_THAN_SCREEN = """() => [...document.querySelectorAll('body *')]
    .filter(element => element.getBoundingClientRect().right > window.innerWidth + 1)
    .slice(0, 8)
    .map(element => element.tagName + '.' + element.className)"""


def test_a_long_word_never_widens_a_page_on_a_phone(browser, live_server):
    with live_server.app.app_context():
        session = get_session()
        dossier = session.scalar(select(Dossier).where(Dossier.slug == "openai-chips"))
        dossier.title = "Title" + "y" * 290
        claim = session.scalars(select(Claim).where(Claim.dossier_id == dossier.id)).first()
        claim.statement = f"A statement citing {LONG_WORD} in full."
        session.commit()
        claim_id = claim.id
    context, page = _new_page(browser, PHONE)
    try:
        for path in ("/", "/dossiers/openai-chips/", f"/claims/{claim_id}", "/entities/tsmc"):
            page.goto(live_server.url + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            # On failure, name the elements that reach past the screen's right edge.
            wide = page.evaluate(WIDER_THAN_SCREEN) if width > PHONE["width"] else []
            assert width <= PHONE["width"], (path, width, wide)
    finally:
        context.close()
