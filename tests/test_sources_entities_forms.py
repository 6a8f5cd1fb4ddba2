"""Source and entity forms, their revisions, and merging duplicate entities."""

from __future__ import annotations

import pytest
from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload, selectinload

from db import get_session
from models import Claim, Entity, Source
from models.revision import RevisionAction
from services.editing import entity_writes, revisions, source_writes
from services.editing.revisions import StaleVersion
from tests.editing_helpers import (
    claim_id_by_key,
    field_error,
    form_values,
    load_claim,
    revisions_of,
    source_id,
    token,
)
from tests.helpers import soup


def _entity(app, slug: str) -> Entity:
    with app.app_context():
        return get_session().scalar(select(Entity).where(Entity.slug == slug))


def _source(app, source_id_: int) -> Source:
    with app.app_context():
        return get_session().get(Source, source_id_)


def _page_form(client, url: str) -> dict:
    return form_values(soup(client.get(url)).select_one("main form.stacked-form"))


# --- sources -------------------------------------------------------------------------------


def test_adding_a_source_saves_it_with_a_revision(seeded_app, editor_client):
    data = {
        "title": "Broadcom Q4 earnings call",
        "outlet": "Broadcom",
        "url": "https://investors.broadcom.com/",
        "published": "12 December 2024",
        "kind": "transcript",
        "reliability": "A",
        "notes": "Hock Tan on **custom accelerators**.",
        "submission": token(),
    }
    response = editor_client.post("/sources/new?dossier=openai-chips", data=data)
    assert response.status_code == 302
    new_id = int(response.location.rsplit("/", 1)[1])
    source = _source(seeded_app, new_id)
    assert (source.published_edtf, source.kind.value, source.reliability) == (
        "2024-12-12",
        "transcript",
        "A",
    )
    assert source.notes_html == "<p>Hock Tan on <strong>custom accelerators</strong>.</p>"
    [revision] = revisions_of(seeded_app, new_id, "source")
    assert revision.action is RevisionAction.CREATE and revision.user.username == "editor"


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("title", "", "Enter the title"),
        ("url", "javascript:alert(1)", "https://"),
        ("published", "sometime", "Try"),
        ("language", "French language", "language code"),
        ("reliability", "Z", "A to F"),
    ],
)
def test_source_form_explains_what_is_wrong(editor_client, field, value, words):
    data = {"title": "A report", "kind": "report", "submission": token(), field: value}
    response = editor_client.post("/sources/new?dossier=openai-chips", data=data)
    assert response.status_code == 422
    assert words in field_error(soup(response, 422), field)


def test_editing_a_source_records_what_changed(seeded_app, editor_client):
    article = source_id(seeded_app)
    data = _page_form(editor_client, f"/sources/{article}/edit")
    assert data["published"] == "around July 2024"
    data["outlet"] = "Un site d'actualité"
    assert editor_client.post(f"/sources/{article}/edit", data=data).status_code == 302
    latest = revisions_of(seeded_app, article, "source")[-1]
    assert latest.action is RevisionAction.UPDATE
    assert list(latest.changes) == ["outlet"]


def test_a_source_edited_twice_asks_for_the_field_both_changed_then_saves_the_choice(
    seeded_app, editor_client
):
    # The old page re-showed the whole form with my values, undoing theirs on a resubmit;
    # now only the field both changed is asked about, with nothing chosen in advance.
    article = source_id(seeded_app)
    mine = _page_form(editor_client, f"/sources/{article}/edit")
    theirs = _page_form(editor_client, f"/sources/{article}/edit") | {"author": "Their author"}
    editor_client.post(f"/sources/{article}/edit", data=theirs)
    response = editor_client.post(f"/sources/{article}/edit", data=mine | {"author": "My author"})
    assert response.status_code == 409
    page = soup(response, 409)
    [row] = page.select("fieldset.conflict-field")
    assert row.legend.get_text(strip=True) == "Author"
    assert row.select_one("td.mine").get_text() == "My author"
    assert row.select_one("td.theirs").get_text() == "Their author"
    assert page.select("input[type=radio][checked]") == []
    assert _source(seeded_app, article).author == "Their author"
    resolve = form_values(page.select_one("form.conflict-form")) | {"take_author": "mine"}
    assert editor_client.post(f"/sources/{article}/resolve", data=resolve).status_code == 302
    assert _source(seeded_app, article).author == "My author"


def test_a_cited_source_cannot_be_deleted_and_a_free_one_can_be_restored(seeded_app):
    with seeded_app.app_context():
        session = get_session()
        article = session.get(Source, source_id(seeded_app))
        with pytest.raises(source_writes.SourceInUse, match="cite this source"):
            source_writes.delete_source(session, article, None, article.version)
        dossier = article.dossier
        data, _ = source_writes.parse_source({"title": "Spare source"})
        spare = source_writes.create_source(session, dossier, data, None)
        source_writes.delete_source(session, spare, None, spare.version)
        assert spare.deleted_at is not None
        first = revisions.history(session, "source", spare.id)[-1]
        source_writes.restore_source(session, spare, first, None)
        session.commit()
        assert spare.deleted_at is None
        actions = [r.action for r in reversed(revisions.history(session, "source", spare.id))]
        assert actions == [RevisionAction.CREATE, RevisionAction.DELETE, RevisionAction.RESTORE]


def test_a_stale_source_version_is_refused_by_the_service(seeded_app):
    with seeded_app.app_context():
        session = get_session()
        article = session.get(Source, source_id(seeded_app))
        data, _ = source_writes.parse_source(source_writes.raw_from_source(article))
        with pytest.raises(StaleVersion):
            source_writes.update_source(session, article, data, None, article.version - 1)


# --- entities ------------------------------------------------------------------------------


def test_adding_an_entity_gives_it_a_free_slug_and_a_revision(seeded_app, editor_client):
    data = {"name": "Broadcom", "kind": "organisation", "aliases": "AVGO", "submission": token()}
    response = editor_client.post("/entities/new", data=data)
    assert response.status_code == 302 and response.location.endswith("/entities/broadcom-2")
    entity = _entity(seeded_app, "broadcom-2")
    assert entity.aliases == ["AVGO"]
    assert revisions_of(seeded_app, entity.id, "entity")[0].action is RevisionAction.CREATE


def test_editing_an_entity_keeps_its_slug_and_records_the_change(seeded_app, editor_client):
    data = _page_form(editor_client, "/entities/cc-wei/edit")
    assert data["aliases"] == "CC Wei, C. C. Wei, Wei"
    data["description"] = "Chairman and chief executive of TSMC"
    assert editor_client.post("/entities/cc-wei/edit", data=data).status_code == 302
    entity = _entity(seeded_app, "cc-wei")
    assert entity.description == "Chairman and chief executive of TSMC"
    assert list(revisions_of(seeded_app, entity.id, "entity")[-1].changes) == ["description"]


def test_entity_form_needs_a_name_and_a_kind(editor_client):
    response = editor_client.post("/entities/new", data={"submission": token()})
    assert response.status_code == 422
    page = soup(response, 422)
    assert field_error(page, "name") == "Enter the name."


def test_merging_entities_moves_every_reference_and_records_it(seeded_app, editor_client):
    duplicate = _entity(seeded_app, "richard-ho")
    both = claim_id_by_key(seeded_app, "chip-team-led-by-richard-ho")  # names Ho and OpenAI
    only_ho = claim_id_by_key(seeded_app, "richard-ho-education")
    response = editor_client.post(
        "/entities/merge",
        data={"duplicate": "richard-ho", "kept": "openai", "submission": token()},
    )
    assert response.status_code == 302 and response.location.endswith("/entities/openai")
    with seeded_app.app_context():
        session = get_session()
        still_naming = session.scalars(
            select(Claim.id).where(
                or_(
                    Claim.speaker_id == duplicate.id,
                    Claim.entities.any(Entity.id == duplicate.id),
                )
            )
        ).all()
        assert still_naming == []
        kept = session.scalar(select(Entity).where(Entity.slug == "openai"))
        assert "Richard Ho" in kept.aliases and "Ho" in kept.aliases
        gone = session.get(Entity, duplicate.id)
        assert gone.merged_into_id == kept.id and gone.deleted_at is not None
        assert entity_writes.by_slug(session, "richard-ho").id == kept.id
    for claim_id in (both, only_ho):
        claim = load_claim(seeded_app, claim_id, selectinload(Claim.entities))
        slugs = [entity.slug for entity in claim.entities]
        assert slugs.count("openai") == 1 and "richard-ho" not in slugs
        assert revisions_of(seeded_app, claim_id)[-1].summary.startswith("merged Richard Ho")
    assert revisions_of(seeded_app, duplicate.id, "entity")[-1].action is RevisionAction.MERGE
    assert revisions_of(seeded_app, kept.id, "entity")[-1].action is RevisionAction.MERGE


def test_merging_a_speaker_repoints_the_claims_it_spoke(seeded_app, editor_client):
    wei_claim = claim_id_by_key(seeded_app, "tsmc-ceo-plan-too-aggressive")
    before = load_claim(seeded_app, wei_claim, joinedload(Claim.speaker))
    assert before.speaker.slug == "cc-wei"
    editor_client.post(
        "/entities/merge", data={"duplicate": "cc-wei", "kept": "tsmc", "submission": token()}
    )
    after = load_claim(seeded_app, wei_claim, joinedload(Claim.speaker))
    assert after.speaker.slug == "tsmc"
    assert after.version == before.version + 1


def test_merging_an_entity_into_itself_is_refused(editor_client):
    response = editor_client.post(
        "/entities/merge", data={"duplicate": "tsmc", "kept": "tsmc", "submission": token()}
    )
    assert response.status_code == 422
    assert field_error(soup(response, 422), "kept") == "Choose two different entities."


def test_an_entity_named_by_claims_cannot_be_deleted(seeded_app):
    with seeded_app.app_context():
        session = get_session()
        tsmc = entity_writes.by_slug(session, "tsmc")
        with pytest.raises(entity_writes.EntityInUse, match="merge it"):
            entity_writes.delete_entity(session, tsmc, None, tsmc.version)
