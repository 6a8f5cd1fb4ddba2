"""Large imports (issue #17): a JSON file's claims are read from the file as they are imported,
never whole, and written a batch at a time; the import stays all or nothing and behaves the
same wherever a batch ends."""

from __future__ import annotations

import io
import json

import pytest
from sqlalchemy import func, select

from db import get_session
from models import Claim, ClaimRelation, Revision
from services.editing import revisions
from services.interchange import exports, formats, import_claims
from services.interchange.formats import FormatError
from tests.test_imports import EXPORTS, counts, write


@pytest.fixture
def exported(client) -> dict:
    return json.loads(client.get(EXPORTS + "claims.json").data)


@pytest.fixture
def small_batches(monkeypatch):
    """Batches of three claims, so the seeded dossier's 48 spread over sixteen of them."""
    monkeypatch.setattr(import_claims, "BATCH", 3)


def _import(runner, tmp_path, document: dict | bytes, slug: str = "copy"):
    content = document if isinstance(document, bytes) else json.dumps(document).encode()
    return runner.invoke(args=["import", write(tmp_path, "file.json", content), "--dossier", slug])


def test_claims_are_not_read_until_the_import_walks_them(exported):
    stream = io.BytesIO(json.dumps(exported).encode())
    document = formats.read(stream, "file.json")
    assert not isinstance(document.claims, list)
    keys = [row.data["key"] for row in document.claims]
    assert keys == [claim["key"] for claim in exported["claims"]]
    assert [row.data["key"] for row in document.claims] == keys  # walked again from the start


def test_a_copy_made_in_small_batches_equals_the_original(
    client, runner, tmp_path, exported, small_batches
):
    result = _import(runner, tmp_path, exported)
    assert result.exit_code == 0, result.output
    copy = json.loads(client.get("/dossiers/copy/claims.json").data)
    original = {key: value for key, value in exported.items() if key != "dossier"}
    assert {key: value for key, value in copy.items() if key != "dossier"} == original


def test_relations_reach_claims_further_down_the_file(
    seeded_app, runner, tmp_path, exported, small_batches
):
    first, last = exported["claims"][0]["key"], exported["claims"][-1]["key"]
    exported["relations"] = [{"from": first, "type": "supports", "to": last, "note": "later"}]
    assert _import(runner, tmp_path, exported).exit_code == 0
    with seeded_app.app_context():
        session = get_session()
        pairs = session.execute(
            select(Claim.key, ClaimRelation.note)
            .join(ClaimRelation, ClaimRelation.from_claim_id == Claim.id)
            .where(Claim.dossier.has(slug="copy"))
        ).all()
    assert pairs == [(first, "later")]


def test_the_top_level_may_come_in_any_order(client, runner, tmp_path, exported, small_batches):
    reordered = {name: exported[name] for name in reversed(list(exported))}
    assert list(reordered)[0] == "relations"
    result = _import(runner, tmp_path, reordered)
    assert result.exit_code == 0, result.output
    assert len(json.loads(client.get("/dossiers/copy/claims.json").data)["claims"]) == 48


def test_a_wrong_row_in_a_late_batch_imports_nothing(
    seeded_app, runner, tmp_path, exported, small_batches
):
    exported["claims"][-1]["confidence"] = 101
    before = counts(seeded_app)
    result = _import(runner, tmp_path, exported)
    assert result.exit_code != 0
    assert "Nothing was imported" in result.output
    assert counts(seeded_app) == before


def test_importing_the_same_file_again_in_batches_changes_nothing(
    client, seeded_app, runner, tmp_path, small_batches
):
    content = client.get(EXPORTS + "claims.json").data
    before = counts(seeded_app)
    result = _import(runner, tmp_path, content, slug="openai-chips")
    assert result.exit_code == 0, result.output
    assert "unchanged: 1 dossier, 8 sources, 24 entities, 48 claims" in result.output
    assert counts(seeded_app) == before


def test_each_claim_gets_one_revision_whatever_the_batch(
    seeded_app, runner, tmp_path, exported, small_batches
):
    assert _import(runner, tmp_path, exported).exit_code == 0
    with seeded_app.app_context():
        session = get_session()
        copied = select(Claim.id).where(Claim.dossier.has(slug="copy"))
        revisions = session.scalar(
            select(func.count(Revision.id)).where(
                Revision.object_type == "claim", Revision.object_id.in_(copied)
            )
        )
        assert revisions == session.scalar(select(func.count()).select_from(copied.subquery()))


def test_each_revision_holds_the_claim_as_it_was_written(
    seeded_app, runner, tmp_path, exported, small_batches
):
    # Claims the file relates to nothing are finished in the first walk, from the objects
    # just written; the others after their relations, from the database. Both must record
    # what the database holds, relations included.
    assert _import(runner, tmp_path, exported).exit_code == 0
    with seeded_app.app_context():
        session = get_session()
        claims = (
            session.scalars(
                select(Claim)
                .where(Claim.dossier.has(slug="copy"))
                .options(*exports.whole_claim_options())
            )
            .unique()
            .all()
        )
        recorded = {
            revision.object_id: revision.snapshot
            for revision in session.scalars(select(Revision).where(Revision.object_type == "claim"))
        }
        related = [bool(claim.relations_out) for claim in claims]
        for claim in claims:
            assert recorded[claim.id] == revisions.snapshot(claim), claim.key
        assert any(related) and not all(related)  # both walks were taken


@pytest.mark.parametrize(
    "content, message",
    [
        (b'\xef\xbb\xbf{"claims": [], "format": "claimline-dossier"}', None),  # a BOM is fine
        (b'{"claims": [{"key": "a"}, ', "not valid JSON"),  # cut off inside the claims
        (b'{"claims": [], "sources": {"a": 1}}', '"sources" must be a list'),
        (b'[{"claims": []}]', "not a Claimline dossier"),
        (b'{"claims": {"a": 1}}', "not a Claimline dossier"),
        (b'{"claims": [], "format": "other"}', 'Unknown format "other"'),
        (b'{"claims": [], "notes": "' + b"a" * (2 << 20) + b'\xff"}', "not UTF-8"),
    ],
)
def test_a_streamed_file_is_checked_before_anything_is_read(content, message):
    stream = io.BytesIO(content)
    if message is None:
        assert list(formats.read(stream, "file.json").claims) == []
        return
    with pytest.raises(FormatError, match=message):
        list(formats.read(stream, "file.json").claims)
