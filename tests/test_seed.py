"""The seeded dossier: faithful to the article, loaded idempotently, refused whole when wrong."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from sqlalchemy import func, select

from db import get_session
from models import Claim, ClaimRelation, Entity, Revision, Source
from models.vocabulary import Attribution, RelationType
from services.interchange.seeding import load_file
from tests.conftest import SEED_DIR, claim_by_key

SEED = SEED_DIR / "openai-chips.yaml"
ARTICLE = SEED_DIR / "openai-chips.article.txt"


def paragraphs() -> list[str]:
    return [line for line in ARTICLE.read_text(encoding="utf-8").splitlines() if line.strip()]


def seed_claims() -> list[dict]:
    return yaml.safe_load(SEED.read_text(encoding="utf-8"))["claims"]


def test_article_copy_matches_the_shared_seed():
    shared = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_1ee8af5b5f0eff90.txt"
    if not shared.exists():
        pytest.skip("the shared seed folder is not beside this checkout")
    assert ARTICLE.read_bytes() == shared.read_bytes()


@pytest.mark.parametrize("entry", seed_claims(), ids=lambda entry: entry["key"])
def test_every_quote_is_verbatim_from_its_paragraph(entry):
    assert entry["quote"] in paragraphs()[entry["locator"] - 1]


def test_seed_holds_every_claim_of_the_article(db_session, seeded_dossier):
    claims = db_session.scalars(select(Claim).where(Claim.dossier_id == seeded_dossier.id)).all()
    assert 28 <= len(claims) <= 40
    attributions = {claim.attribution for claim in claims}
    assert {Attribution.INSIDER, Attribution.PUBLIC, Attribution.PRIVATE} <= attributions
    assert {Attribution.REPORT, Attribution.DATA, Attribution.ANALYSIS} <= attributions


def test_wei_public_remark_contradicts_the_private_promise(db_session):
    wei = claim_by_key(db_session, "tsmc-ceo-plan-too-aggressive")
    promise = claim_by_key(db_session, "tsmc-leaders-private-promise")
    assert wei.attribution is Attribution.PUBLIC
    assert wei.speaker.slug == "cc-wei"
    assert wei.stated_edtf == "2024-06-04"
    assert promise.attribution is Attribution.INSIDER
    assert promise.speaker_description
    relation = db_session.scalar(
        select(ClaimRelation).where(
            ClaimRelation.from_claim_id == wei.id, ClaimRelation.to_claim_id == promise.id
        )
    )
    assert relation.type is RelationType.CONTRADICTS


def test_wsj_report_is_credited_via_the_journal(db_session):
    report = claim_by_key(db_session, "wsj-seven-trillion-fundraising")
    assert report.attribution is Attribution.REPORT
    assert report.via.outlet == "The Wall Street Journal"
    assert report.stated_edtf == "2024-02-08"


def test_relative_dates_resolve_against_the_article_date(db_session):
    article = db_session.scalar(select(Source).where(Source.key == "article"))
    assert article.published_edtf == "2024-07~"
    joined = claim_by_key(db_session, "richard-ho-joined-openai")
    assert joined.event_edtf == "2023-11~"


def test_expected_entities_are_present(db_session):
    slugs = set(db_session.scalars(select(Entity.slug)))
    assert {
        "sam-altman", "openai", "openai-board", "tsmc", "cc-wei", "richard-ho", "broadcom",
        "google", "nvidia", "samsung", "sk-hynix", "softbank", "perplexity", "microsoft",
        "apple", "meta", "amazon",
    } <= slugs  # fmt: skip


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
