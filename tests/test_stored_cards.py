"""Claims' cards rendered at write time (issue #17): shown only while true, renewed by writes.

A stored card is HTML kept in the database; these tests check the one thing that matters
about it: a reader never sees one that is no longer what the claim would render now. Each
surface that shows stored cards is listed: the timeline (English and French) and the
entity page. A stored card is told apart from a fresh one by replacing its HTML with a
marker while keeping its fingerprint ("poisoning" it): a marker on the page proves the
stored card was used, its absence that it was refused.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select, text

import i18n
from db import get_session
from models import Claim, Entity
from models.base import Base
from services.editing import stored_cards
from services.reading import timeline
from web import card_inputs, claim_cards

TIMELINE = "/dossiers/openai-chips/"
MARKER = re.compile(r"POISON-(\d+)")


@pytest.fixture
def app(seeded_app):
    """The seeded app, pages rendered on every request, every card stored."""
    app = seeded_app
    app.config["PAGE_CACHE"] = False
    # The seeded claims name no relay; one does here, so every branch of a card is shown.
    run_sql(
        app,
        "UPDATE claims SET relayed_by_id = (SELECT min(id) FROM entities)"
        " WHERE id = (SELECT min(id) FROM claims WHERE relayed_by_description != '')",
    )
    with app.app_context():
        for _batch in claim_cards.refresh(get_session()):
            get_session().commit()
    return app


def run_sql(app, statement: str, **values) -> None:
    with app.app_context():
        session = get_session()
        session.execute(text(statement), values)
        session.commit()


def poison(app) -> None:
    """Replace every stored card's HTML by a marker, keeping its fingerprint."""
    run_sql(app, "UPDATE stored_cards SET html = '<p>POISON-' || claim_id || '</p>'")


def shown_stored(app, url: str) -> set[int]:
    response = app.test_client().get(url)
    assert response.status_code == 200
    return {int(number) for number in MARKER.findall(response.get_data(as_text=True))}


def live_claim_ids(app) -> set[int]:
    with app.app_context():
        return set(
            get_session().scalars(
                select(Claim.id).where(
                    Claim.deleted_at.is_(None), Claim.dossier.has(slug="openai-chips")
                )
            )
        )


def test_a_page_of_stored_cards_is_the_page_rendered_afresh(app):
    urls = (TIMELINE, f"{TIMELINE}?lang=fr", "/entities/sam-altman", "/entities/openai?lang=fr")
    stored = [app.test_client().get(url).get_data(as_text=True) for url in urls]
    poison(app)
    assert all(MARKER.search(app.test_client().get(url).get_data(as_text=True)) for url in urls)
    run_sql(app, "DELETE FROM stored_cards")
    assert stored == [app.test_client().get(url).get_data(as_text=True) for url in urls]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_timeline_and_the_entity_page_show_stored_cards(app, language):
    poison(app)
    assert shown_stored(app, f"{TIMELINE}?lang={language}") == live_claim_ids(app)
    assert shown_stored(app, f"/entities/sam-altman?lang={language}")


def test_a_search_shows_its_words_marked_not_a_stored_card(app):
    poison(app)
    page = BeautifulSoup(app.test_client().get(f"{TIMELINE}?q=Altman").data, "html.parser")
    cards = page.select("article.claim")
    assert cards and all(card.find("mark") or card.find("details") for card in cards)
    assert not MARKER.search(str(page))


def _claim_where(app, condition) -> Claim:
    with app.app_context():
        session = get_session()
        claims = session.scalars(
            select(Claim).where(Claim.deleted_at.is_(None)).options(*timeline.card_options())
        ).all()
        return next(claim for claim in claims if condition(claim))


SPEAKER = "(SELECT speaker_id FROM claims WHERE id = :id)"
RELAY = "(SELECT relayed_by_id FROM claims WHERE id = :id)"
SOURCE = "(SELECT source_id FROM claims WHERE id = :id)"
VIA = "(SELECT via_id FROM claims WHERE id = :id)"
A_TAG = "(SELECT min(tag_id) FROM claim_tags WHERE claim_id = :id)"
LINKED_TO = "(SELECT min(to_claim_id) FROM claim_relations WHERE from_claim_id = :id)"
LINKING = "(SELECT from_claim_id FROM claim_relations WHERE to_claim_id = :id)"
DOSSIER = "(SELECT dossier_id FROM claims WHERE id = :id)"

# Writes that skip the session (raw SQL), so nothing marks or renews a card: the reader
# must see for itself that each stored card is no longer true. One per input of a card.
BEHIND_ITS_BACK = {
    "its statement": (lambda c: True, "UPDATE claims SET statement = 'Rewritten' WHERE id = :id"),
    "its confidence": (lambda c: True, "UPDATE claims SET confidence = 1 WHERE id = :id"),
    "its speaker's name": (
        lambda c: c.speaker is not None,
        f"UPDATE entities SET name = 'Renamed' WHERE id = {SPEAKER}",
    ),
    "its relay's name": (
        lambda c: c.relayed_by is not None,
        f"UPDATE entities SET name = 'Renamed' WHERE id = {RELAY}",
    ),
    "its source's outlet": (
        lambda c: c.speaker is None and not c.speaker_description,
        f"UPDATE sources SET outlet = 'Renamed', title = 'Renamed' WHERE id = {SOURCE}",
    ),
    "its via's outlet": (
        lambda c: c.via is not None and not c.via_repeats_speaker,
        f"UPDATE sources SET outlet = 'Renamed' WHERE id = {VIA}",
    ),
    "a tag's name": (
        lambda c: bool(c.tags),
        f"UPDATE tags SET name = 'Renamed' WHERE id = {A_TAG}",
    ),
    "a tag taken off": (lambda c: bool(c.tags), "DELETE FROM claim_tags WHERE claim_id = :id"),
    "a linked claim's statement": (
        lambda c: bool(c.live_relations_out),
        f"UPDATE claims SET statement = 'Rewritten' WHERE id = {LINKED_TO}",
    ),
    "a linking claim deleted": (
        lambda c: bool(c.live_relations_in),
        f"UPDATE claims SET deleted_at = CURRENT_TIMESTAMP WHERE id IN {LINKING}",
    ),
    "a link removed": (
        lambda c: bool(c.live_relations_out),
        "DELETE FROM claim_relations WHERE from_claim_id = :id",
    ),
    "the dossier's language (every card)": (
        lambda c: True,
        f"UPDATE dossiers SET statement_language = 'de' WHERE id = {DOSSIER}",
    ),
}


@pytest.mark.parametrize("change", BEHIND_ITS_BACK)
def test_a_stored_card_no_longer_true_is_never_shown(app, change):
    condition, statement = BEHIND_ITS_BACK[change]
    claim = _claim_where(app, condition)
    poison(app)
    assert claim.id in shown_stored(app, TIMELINE)
    run_sql(app, statement, id=claim.id)
    shown = shown_stored(app, TIMELINE)
    assert claim.id not in shown
    if "every card" not in change:
        assert shown, "the cards the change did not touch are still the stored ones"


def test_a_stored_card_is_refused_under_another_address(app):
    poison(app)
    page = app.test_client().get(TIMELINE, base_url="http://claimline.test/claimline")
    html = page.get_data(as_text=True)
    assert not MARKER.search(html)
    assert 'href="/claimline/claims/' in html


def _api(write_token) -> dict[str, str]:
    return {"Authorization": f"Bearer {write_token}"}


def test_a_write_renders_the_cards_it_changes(app, write_token):
    client = app.test_client()
    speaker = _claim_where(app, lambda c: c.speaker is not None).speaker
    linked = _claim_where(app, lambda c: bool(c.live_relations_in))
    linking = {relation.from_claim_id for relation in linked.live_relations_in}
    response = client.patch(
        f"/api/v1/claims/{linked.id}",
        json={"version": linked.version, "statement": "A statement edited through the API"},
        headers=_api(write_token),
    )
    assert response.status_code == 200, response.get_json()
    response = client.patch(
        f"/api/v1/entities/{speaker.slug}",
        json={"version": speaker.version, "name": "Someone Renamed"},
        headers=_api(write_token),
    )
    assert response.status_code == 200, response.get_json()
    poison(app)
    shown = shown_stored(app, TIMELINE)
    assert {linked.id, *linking} <= shown  # renewed by the writes, not refused
    with app.app_context():
        assert sum(claim_cards.refresh(get_session())) == 0  # nothing was left stale


def test_a_deleted_claims_cards_go_and_so_do_links_to_it(app, write_token):
    linked = _claim_where(app, lambda c: bool(c.live_relations_in))
    linking = min(relation.from_claim_id for relation in linked.live_relations_in)
    response = app.test_client().delete(
        f"/api/v1/claims/{linked.id}?version={linked.version}", headers=_api(write_token)
    )
    assert response.status_code in (200, 204), response.get_data(as_text=True)
    with app.app_context():
        rows = get_session().scalar(
            text("SELECT count(*) FROM stored_cards WHERE claim_id = :id"), {"id": linked.id}
        )
    assert rows == 0
    poison(app)
    assert linking in shown_stored(app, TIMELINE)  # renewed without the link
    run_sql(app, "DELETE FROM stored_cards")
    page = BeautifulSoup(app.test_client().get(TIMELINE).data, "html.parser")
    card = page.find(id=f"claim-{linking}")
    assert card is not None and f"/claims/{linked.id}" not in str(card)


class Recorder:
    """A model object that notes the path of every attribute a template reads of it."""

    def __init__(self, target: object, path: str, read: set[str]) -> None:
        object.__setattr__(self, "_target", target)
        object.__setattr__(self, "_path", path)
        object.__setattr__(self, "_read", read)

    def __getattr__(self, name: str):
        path = f"{object.__getattribute__(self, '_path')}{name}"
        read = object.__getattribute__(self, "_read")
        value = getattr(object.__getattribute__(self, "_target"), name)
        if isinstance(value, Base):
            return Recorder(value, f"{path}.", read)
        if isinstance(value, list) and value and isinstance(value[0], Base):
            return [Recorder(item, f"{path}[].", read) for item in value]
        read.add(path)
        return value


def declared_paths() -> set[str]:
    paths = set(card_inputs.CLAIM_FIELDS)
    for parts in (card_inputs.PARTS, card_inputs.SOURCES):
        for name, fields in parts.items():
            paths |= {name} | {f"{name}.{field}" for field in fields}
    paths |= {"tags"} | {f"tags[].{field}" for field in card_inputs.TAG_FIELDS}
    for links, end in card_inputs.LINKS.items():
        paths |= {links, f"{links}[].type", f"{links}[].{end}_id"}
        paths |= {f"{links}[].{end}.{field}" for field in card_inputs.LINKED_CLAIM_FIELDS}
    return paths


def test_the_fingerprint_covers_everything_a_card_reads(app):
    read: set[str] = set()
    with app.test_request_context("/"):
        template = app.jinja_env.from_string(claim_cards.CARD)
        claims = get_session().scalars(select(Claim).options(*timeline.card_options())).all()
        for language in ("en", "fr"):
            with i18n.speaking(language):
                for claim in claims:
                    recorded = template.render(claim=Recorder(claim, "", read))
                    assert recorded == template.render(claim=claim)
    assert read <= declared_paths(), sorted(read - declared_paths())
    # The seeded claims take every branch of the card, so nothing it reads went unseen.
    branches = (
        "relayed_by.name", "via.outlet", "source.dossier.statement_language",
        "live_relations_in[].from_claim.statement", "tags[].name", "quote_lang",
    )  # fmt: skip
    assert set(branches) <= read


def test_refresh_renders_what_is_missing_and_nothing_twice(app):
    run_sql(app, "DELETE FROM stored_cards WHERE claim_id IN (SELECT min(id) FROM claims)")
    result = app.test_cli_runner().invoke(args=["cards", "refresh"])
    assert result.exit_code == 0 and "Rendered 1 claims' cards" in result.output
    result = app.test_cli_runner().invoke(args=["cards", "refresh"])
    assert "Rendered 0 claims' cards" in result.output


def test_an_entity_renamed_has_its_claims_cards_renewed(app):
    entity_id = _claim_where(app, lambda c: c.speaker is not None).speaker_id
    with app.app_context():
        session = get_session()
        entity = session.get(Entity, entity_id)
        entity.name = "Renamed Through The Session"
        session.commit()
        assert sum(claim_cards.refresh(session)) == 0


def test_a_card_that_cannot_be_rendered_does_not_cost_the_write(app, write_token, monkeypatch):
    claim = _claim_where(app, lambda c: True)

    def broken(*_args):
        raise RuntimeError("a card that cannot be rendered")

    monkeypatch.setattr(claim_cards, "fingerprint", broken)
    response = app.test_client().patch(
        f"/api/v1/claims/{claim.id}",
        json={"version": claim.version, "statement": "Saved all the same"},
        headers=_api(write_token),
    )
    assert response.status_code == 200, response.get_json()
    monkeypatch.undo()
    assert "Saved all the same" in app.test_client().get(TIMELINE).get_data(as_text=True)


def test_a_rename_beyond_what_a_write_renders_leaves_the_rest_to_readers(
    app, write_token, monkeypatch
):
    monkeypatch.setattr(stored_cards, "CARDS_PER_WRITE", 2)
    with app.app_context():
        slug, version, speaking = (
            get_session()
            .execute(
                text(
                    "SELECT e.slug, e.version, count(*) FROM entities e JOIN claims c"
                    " ON c.speaker_id = e.id GROUP BY e.id ORDER BY count(*) DESC LIMIT 1"
                )
            )
            .one()
        )
    assert speaking > 2
    response = app.test_client().patch(
        f"/api/v1/entities/{slug}",
        json={"version": version, "name": "Renamed Past The Bound"},
        headers=_api(write_token),
    )
    assert response.status_code == 200, response.get_json()
    with app.app_context():
        assert sum(claim_cards.refresh(get_session())) == speaking - 2
    page = app.test_client().get(TIMELINE).get_data(as_text=True)
    assert page.count("Renamed Past The Bound") >= speaking
