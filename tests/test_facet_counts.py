"""The unfiltered timeline's facet counts are kept at write time (issue #17): after every
kind of write they equal a recount over the live claims, so no reader waits for one."""

from __future__ import annotations

import io
import json
from collections import Counter
from datetime import date

import pytest
from sqlalchemy import select

from db import get_session
from fuzzy_date import OPEN_END, OPEN_START
from models import Claim, Dossier
from services.reading import facets as facet_service
from services.reading import strip_axis, timeline
from services.reading.filters import ClaimFilters
from tests.conftest import claim_by_key
from tests.editing_helpers import claim_data, claim_id_from, edit_form_values, form_values, token
from tests.helpers import bearer, soup

FACETS = list(facet_service.OWN_FILTER)
TODAY = date(2022, 6, 1)  # inside the seeded range: both ends come from the claims


def assert_counts_match_a_recount(app) -> None:
    with app.app_context():
        session = get_session()
        dialect = session.get_bind().dialect.name
        for dossier in session.scalars(select(Dossier)):
            recount = facet_service.counted(session, dossier, ClaimFilters(), FACETS)
            assert facet_service.stored(session, dossier, FACETS) == recount, dossier.slug
            live = timeline.count(session, timeline.filtered(dossier, ClaimFilters(), dialect))
            assert facet_service.stored_total(session, dossier) == live, dossier.slug
            for order in ("event", "stated"):
                kept = facet_service.facets(session, dossier, ClaimFilters(order=order)).months
                assert kept.months == months_recounted(session, dossier, order), dossier.slug
                kept_axis = strip_axis.axis(session, dossier, order, TODAY)
                assert kept_axis == axis_recounted(session, dossier, order), dossier.slug


def axis_recounted(session, dossier, order: str) -> tuple[date, date] | None:
    """Whole years from the earliest to the latest day a live claim reaches (an open end
    standing for the other) and TODAY, computed in Python."""
    days = []
    for claim in session.scalars(
        select(Claim).where(Claim.dossier_id == dossier.id, Claim.deleted_at.is_(None))
    ):
        dated = claim.stated_date if order == "stated" else claim.event_date or claim.stated_date
        first = dated.earliest if dated.earliest != OPEN_START else dated.latest
        last = dated.latest if dated.latest != OPEN_END else dated.earliest
        days += [first, last]
    if not days:
        return None
    return date(min(*days, TODAY).year, 1, 1), date(max(*days, TODAY).year, 12, 31)


def months_recounted(session, dossier, order: str) -> dict:
    """Each live claim's month by the date the timeline places it at, counted in Python."""
    day = Claim.stated_earliest if order == "stated" else Claim.timeline_date
    rows = session.execute(
        select(day, Claim.attribution).where(
            Claim.dossier_id == dossier.id, Claim.deleted_at.is_(None)
        )
    )
    months: dict = {}
    for found, attribution in rows:
        months.setdefault((found.year, found.month), Counter())[attribution] += 1
    return months


def seeded_id(app, key: str) -> int:
    with app.app_context():
        return claim_by_key(get_session(), key).id


def patch(client, write_token, claim_id: int, **changes) -> None:
    current = client.get(f"/api/v1/claims/{claim_id}", headers=bearer(write_token)).get_json()
    body = {"version": current["version"], **changes}
    response = client.patch(f"/api/v1/claims/{claim_id}", json=body, headers=bearer(write_token))
    assert response.status_code == 200, response.get_json()


def test_the_seeded_dossiers_have_their_counts(seeded_app):
    assert_counts_match_a_recount(seeded_app)


def test_a_claim_added_through_the_form(seeded_app, editor_client):
    with seeded_app.app_context():
        article = claim_by_key(get_session(), "hbm-shortage").source_id
    data = claim_data(article, statement="Wafers arrive in Arizona.")
    claim_id_from(editor_client.post("/claims/new?dossier=openai-chips", data=data))
    assert_counts_match_a_recount(seeded_app)


def test_a_claim_added_through_the_api(seeded_app, client, write_token):
    with seeded_app.app_context():
        article = claim_by_key(get_session(), "hbm-shortage").source_id
    body = {
        "dossier": "openai-chips",
        "statement": "Broadcom ships the first test chips.",
        "attribution": "public",
        "source": article,
        "stated_date": "2024-07",
        "confidence": 70,
        "tags": ["chips", "a new tag"],
        "entities": ["tsmc", "openai"],
        "speaker": "tsmc",
    }
    assert client.post("/api/v1/claims", json=body, headers=bearer(write_token)).status_code == 201
    assert_counts_match_a_recount(seeded_app)


@pytest.mark.parametrize(
    "changes",
    [
        {"attribution": "analysis"},
        {"event_date": "March 2019", "stated_date": "2019"},
        {"event_date": "2021/2031"},  # reaches past every other claim: moves the axis's end
        {"entities": ["openai"], "speaker": "openai"},
        {"entities": []},
        {"tags": ["another tag"]},
        {"status": "refuted"},
    ],
)
def test_a_claim_edited_through_the_api(seeded_app, client, write_token, changes):
    patch(client, write_token, seeded_id(seeded_app, "hbm-shortage"), **changes)
    assert_counts_match_a_recount(seeded_app)


def test_a_claim_edited_through_the_form(seeded_app, editor_client):
    claim_id = seeded_id(seeded_app, "hbm-shortage")
    changes = {"attribution": "public", "statement": "A rewritten statement about memory."}
    edited = editor_client.post(
        f"/claims/{claim_id}/edit", data=edit_form_values(editor_client, claim_id) | changes
    )
    assert edited.status_code == 302
    assert_counts_match_a_recount(seeded_app)


def test_a_claim_deleted_and_restored(seeded_app, editor_client):
    claim_id = seeded_id(seeded_app, "hbm-shortage")
    with seeded_app.app_context():
        dossier = claim_by_key(get_session(), "hbm-shortage").dossier
        before = facet_service.stored_total(get_session(), dossier)
    confirm = soup(editor_client.get(f"/claims/{claim_id}/delete"))
    deleted = editor_client.post(
        f"/claims/{claim_id}/delete", data=form_values(confirm.select_one("main form"))
    )
    assert deleted.status_code == 302
    assert_counts_match_a_recount(seeded_app)
    with seeded_app.app_context():
        assert facet_service.stored_total(get_session(), dossier) == before - 1
    history = soup(editor_client.get(f"/claims/{claim_id}/history"))
    restore = form_values(history.select("form.restore-form")[-1])
    assert editor_client.post(f"/claims/{claim_id}/restore", data=restore).status_code == 302
    assert_counts_match_a_recount(seeded_app)


def test_claims_imported_through_the_import_form(seeded_app, editor_client):
    exported = editor_client.get("/dossiers/openai-chips/claims.json").get_json()
    new = dict(exported["claims"][0], key="imported", statement="An imported claim on HBM4.")
    exported["claims"].append(new)
    preview = editor_client.post(
        "/dossiers/openai-chips/import",
        data={"file": (io.BytesIO(json.dumps(exported).encode()), "new.json"), "format": ""},
        content_type="multipart/form-data",
    )
    confirm = soup(preview).select_one('form[action$="/import/confirm"] input[name="token"]')
    done = editor_client.post(
        "/dossiers/openai-chips/import/confirm", data={"token": confirm["value"]}
    )
    assert done.status_code == 302
    assert_counts_match_a_recount(seeded_app)


def test_entities_merged(seeded_app, editor_client):
    response = editor_client.post(
        "/entities/merge",
        data={"duplicate": "richard-ho", "kept": "openai", "submission": token()},
    )
    assert response.status_code == 302
    assert_counts_match_a_recount(seeded_app)
