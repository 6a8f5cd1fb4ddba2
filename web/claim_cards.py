"""Claims' cards rendered at write time and shown by the timeline and entity pages (#17).

Rendering 50 cards was about 12 of a cold timeline's 60 ms. Now a write renders the cards
of the claims it changes (services.editing.stored_cards marks them) in every language,
just before its transaction commits, and stores them with the fingerprint of what they
were rendered from (web/card_inputs.py). A reader loads the page's claims as before and
shows a stored card only when its fingerprint equals the claim's now; any other card it
renders itself, as it always did. So a card is never shown stale, whichever write forgot
to mark it: it is only slower until the next write or `flask cards refresh` renders it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass

from flask import Flask, current_app, has_app_context, has_request_context
from jinja2 import Template
from markupsafe import Markup
from sqlalchemy import event, select
from sqlalchemy.orm import Session

import i18n
from db import get_session
from models import Claim
from services.editing import stored_cards
from services.reading import timeline
from web.card_inputs import fingerprint

# The card as the timeline and the entity page show it: no search words, heading level 5.
CARD = (
    '{% from "_macros.html" import claim_card %}'
    "{{ claim_card(claim, claim.dossier.slug, heading_level=5) }}"
)
BATCH = 500  # claims loaded and rendered at a time by `flask cards refresh`


def register_claim_cards(app: Flask) -> None:
    """Render, before each commit of the app's sessions, the cards its writes made stale."""
    event.listen(app.extensions["claimline.db"], "before_commit", _before_commit)


def shown(claims: Sequence[Claim], query: str | None = "") -> dict[int, Markup]:
    """The stored cards still true of these claims, by id, in the current language. None
    when the page highlights search words: the stored cards have none."""
    if query or not claims:
        return {}
    language = i18n.current()
    rows = stored_cards.stored(get_session(), [claim.id for claim in claims], language)
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    return {
        claim.id: Markup(rows[claim.id][1])
        for claim in claims
        if _still_true(app, rows, claim, language)
    }


def _still_true(app: Flask, rows: dict[int, tuple[str, str]], claim: Claim, language: str) -> bool:
    """Whether the claim's stored card (in `rows`) was rendered from the claim as it is now."""
    row = rows.get(claim.id)
    return row is not None and row[0] == fingerprint(app, claim, language)


@dataclass
class Rendered:
    """The cards of some claims in every language, and the deleted claims among them."""

    cards: dict[str, dict[int, tuple[str, str]]]  # language: claim id: (fingerprint, HTML)
    deleted: list[int]


def render(session: Session, claim_ids: Iterable[int]) -> Rendered:
    """The cards of these claims in every language, rendered but not stored. Needs an
    application context."""
    app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
    claims = session.scalars(
        select(Claim).where(Claim.id.in_(list(claim_ids))).options(*timeline.card_options())
    ).all()
    live = [claim for claim in claims if not claim.is_deleted]
    rendered = Rendered({}, [claim.id for claim in claims if claim.is_deleted])
    with ExitStack() as stack:
        if not has_request_context():  # a command: addresses as the site serves them
            stack.enter_context(app.test_request_context("/"))
        template = _card_template(app)
        for language in i18n.LANGUAGES:
            with i18n.speaking(language):
                rendered.cards[language] = {
                    claim.id: (fingerprint(app, claim, language), template.render(claim=claim))
                    for claim in live
                }
    return rendered


def store(session: Session, rendered: Rendered) -> int:
    """Store rendered cards, drop the deleted claims' ones; returns how many claims."""
    stored_cards.forget(session, rendered.deleted)
    for language, cards in rendered.cards.items():
        stored_cards.replace(session, language, cards)
    return max((len(cards) for cards in rendered.cards.values()), default=0)


def _card_template(app: Flask) -> Template:
    if "claimline.card" not in app.extensions:
        app.extensions["claimline.card"] = app.jinja_env.from_string(CARD)
    return app.extensions["claimline.card"]


def refresh(session: Session) -> Iterator[int]:
    """Render every live claim's card whose stored one is missing or stale, a batch of
    claims at a time, yielding how many each batch rendered. The caller commits between
    batches, so that a refresh of a large dossier never holds the write lock for long."""
    app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
    last = 0
    while True:
        claims = session.scalars(
            select(Claim)
            .where(Claim.id > last, Claim.deleted_at.is_(None))
            .order_by(Claim.id)
            .limit(BATCH)
            .options(*timeline.card_options())
        ).all()
        if not claims:
            return
        last = claims[-1].id
        stale = set()
        with app.test_request_context("/"):
            for language in i18n.LANGUAGES:
                with i18n.speaking(language):
                    rows = stored_cards.stored(session, [claim.id for claim in claims], language)
                    stale |= {
                        claim.id for claim in claims if not _still_true(app, rows, claim, language)
                    }
        yield store(session, render(session, sorted(stale))) if stale else 0
        session.expunge_all()  # a batch at a time, not the whole dossier in memory


def _before_commit(session: Session) -> None:
    session.flush()  # the commit's own flush comes after this event: mark what it writes
    due = stored_cards.take(session)
    if not due or not has_app_context():
        return
    try:
        rendered = render(session, due)
    except Exception:  # a card that cannot be rendered must not cost the editor the write
        current_app.logger.exception("Cards of claims %s not rendered at write time", due)
        return
    store(session, rendered)
    stored_cards.take(session)  # what rendering flushed marks nothing new
