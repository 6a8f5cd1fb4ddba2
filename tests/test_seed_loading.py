"""Loading a seed file: loading it twice changes nothing, an edited file updates its rows with
a revision, and a wrong file is refused whole, naming the file, the entry and the field."""

from __future__ import annotations

import shutil

import pytest
import yaml
from sqlalchemy import func, select

from db import get_session
from models import Claim, ClaimRelation, Entity, Revision, Source
from services.interchange.seeding import load_file
from tests.conftest import claim_by_key
from tests.test_seed import ARTICLE, SEED


@pytest.fixture(autouse=True)
def article_beside_copies(tmp_path):
    """A seed file copied into tmp_path names its article's text file beside it."""
    shutil.copy(ARTICLE, tmp_path / ARTICLE.name)


def counts(session) -> tuple[int, ...]:
    return tuple(
        session.scalar(select(func.count()).select_from(model))
        for model in (Claim, Source, Entity, ClaimRelation, Revision)
    )


def test_seeding_twice_changes_nothing(db_session):
    before = counts(db_session)
    versions = dict(db_session.execute(select(Claim.id, Claim.version)).all())
    report = load_file(db_session, SEED)
    db_session.commit()
    assert counts(db_session) == before
    assert dict(db_session.execute(select(Claim.id, Claim.version)).all()) == versions
    assert not report.created and not report.updated


def test_editing_the_file_updates_the_row_and_records_a_revision(db_session, tmp_path):
    edited = tmp_path / "openai-chips.yaml"
    data = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    original = data["claims"][0]["confidence"]
    data["claims"][0]["confidence"] = 42
    edited.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    load_file(db_session, edited)
    db_session.commit()
    claim = claim_by_key(db_session, data["claims"][0]["key"])
    assert claim.confidence == 42
    assert claim.version == 2
    latest = db_session.scalar(
        select(Revision).where(Revision.object_id == claim.id).order_by(Revision.id.desc())
    )
    assert latest.changes == {"confidence": [original, 42]}


BROKEN_FIELDS = [
    ("attribution", "rumour", "attribution"),
    ("confidence", 140, "confidence"),
    ("event_date", "soon-ish", "event_date"),
    ("speaker", "nobody-we-know", "speaker"),
    ("statement", "x" * 501, "statement"),
]


@pytest.mark.parametrize(("field", "value", "named"), BROKEN_FIELDS)
def test_malformed_entry_names_file_entry_and_field_and_loads_nothing(
    app, tmp_path, field, value, named
):
    broken = tmp_path / "broken.yaml"
    data = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    data["dossier"]["slug"] = "broken"
    data["claims"][5][field] = value
    broken.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["seed", str(broken)])
    assert result.exit_code != 0
    assert "broken.yaml" in result.output
    assert data["claims"][5]["key"] in result.output
    assert named in result.output
    with app.app_context():
        assert counts(get_session()) == (0, 0, 0, 0, 0)


def test_invalid_yaml_is_refused_with_the_file_name(app, tmp_path):
    broken = tmp_path / "bad.yaml"
    shutil.copy(SEED, broken)
    broken.write_text("dossier: [unclosed\n", encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["seed", str(broken)])
    assert result.exit_code != 0
    assert "bad.yaml" in result.output
    assert "not valid YAML" in result.output


# The seed is read by the same field readers as the forms and the API: what they refuse, a
# seed file refuses too, before the database sees it (issue 13).
REFUSED_SOURCE_FIELDS = [
    ("reliability", "AB", "Admiralty grade"),
    ("url", "https://", "web address"),
    ("language", "not a language", "language code"),
]


@pytest.mark.parametrize(("field", "value", "reason"), REFUSED_SOURCE_FIELDS)
def test_source_field_the_forms_refuse_is_refused_by_name_and_loads_nothing(
    app, tmp_path, field, value, reason
):
    broken = tmp_path / "refused.yaml"
    data = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    data["dossier"]["slug"] = "refused"
    source = data["sources"][0]
    source[field] = value
    broken.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["seed", str(broken)])
    assert result.exit_code != 0
    assert f"refused.yaml: source \"{source['key']}\", field '{field}': " in result.output
    assert reason in result.output
    assert "IntegrityError" not in result.output
    assert "nothing was loaded" in result.output
    with app.app_context():
        assert counts(get_session()) == (0, 0, 0, 0, 0)


def test_relation_to_a_claim_the_file_lacks_is_refused_by_name(app, tmp_path):
    broken = tmp_path / "related.yaml"
    data = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    data["dossier"]["slug"] = "related"
    claim = data["claims"][0]
    claim["relations"] = [{"type": "supports", "claim": "no-such-claim"}]
    broken.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["seed", str(broken)])
    assert result.exit_code != 0
    assert f'related.yaml: claim "{claim["key"]}" relation #1' in result.output
    assert "no-such-claim" in result.output
    with app.app_context():
        assert counts(get_session()) == (0, 0, 0, 0, 0)
