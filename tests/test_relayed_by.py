"""Who relayed a private remark (issue #14 §4): read the same way by the form, the API and
imports, required for a private remark, kept in history, exports, print and the seed."""

from __future__ import annotations

import csv
import io
import json

import pytest
import yaml
from sqlalchemy import func, select

from db import get_session
from models import Claim, Revision
from models.limits import RELAYED_BY_DESCRIPTION_MAX
from models.vocabulary import Attribution
from tests.conftest import SEED_DIR, build_app, claim_by_key
from tests.editing_helpers import (
    claim_data,
    claim_id_by_key,
    claim_id_from,
    count_claims,
    edit_form_values,
    field_error,
    soup,
    source_id,
)

NEW = "/claims/new?dossier=openai-chips"
EXPORTS = "/dossiers/openai-chips/"
FAMILIAR = "a person familiar with the conversation"
STATEMENT = "Altman told a TSMC executive that OpenAI would order chips by the million."


@pytest.fixture
def article(seeded_app) -> int:
    return source_id(seeded_app)


@pytest.fixture
def api(client, write_token):
    """Send JSON to the API with the editor's write token."""

    def send(method: str, url: str, body=None):
        headers = {"Authorization": f"Bearer {write_token}"}
        return client.open(url, method=method, json=body, headers=headers)

    return send


def private_remark(article: int, **overrides) -> dict:
    """A form post of a private remark by Sam Altman, relayed by an unnamed person."""
    fields = {
        "statement": STATEMENT,
        "attribution": "private",
        "speaker": "sam-altman",
        "speaker_description": "",
        "relayed_by_description": FAMILIAR,
    }
    return claim_data(article, **(fields | overrides))


def api_private_remark(article: int, **changes) -> dict:
    body = {
        "dossier": "openai-chips",
        "statement": STATEMENT,
        "attribution": "private",
        "speaker": "sam-altman",
        "relayed_by": "cc-wei",
        "relayed_by_description": "in a meeting in Hsinchu",
        "source": article,
        "stated_date": "juin 2024",
        "confidence": 50,
    }
    return body | changes


def api_errors(response) -> dict[str, str]:
    """A problem response's messages by field."""
    return {error["field"]: error["message"] for error in response.get_json()["errors"]}


def counts(app) -> tuple[int, int]:
    """(claims, revisions) in the database."""
    with app.app_context():
        session = get_session()
        return (
            session.scalar(select(func.count(Claim.id))),
            session.scalar(select(func.count(Revision.id))),
        )


def run_import(app, tmp_path, name: str, content: bytes | str, dossier: str = "openai-chips"):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return app.test_cli_runner().invoke(args=["import", str(path), "--dossier", dossier])


# --- the form and the pages ------------------------------------------------------------------


def test_the_form_offers_both_relay_fields_with_hints_next_to_the_speaker(editor_client):
    page = soup(editor_client.get(NEW))
    people = page.find(id="speaker").find_parent("fieldset")
    relay, description = people.find(id="relayed_by"), people.find(id="relayed_by_description")
    assert relay is not None and description is not None
    assert "private remark" in page.find(id="relayed_by-hint").get_text()
    assert "private remarks" in page.find(id="relayed_by_description-hint").get_text()
    assert ("cc-wei", "C.C. Wei") in [(o["value"], o.get_text()) for o in relay.select("option")]


def test_a_private_remark_made_in_the_form_shows_its_relay_on_page_and_card(
    editor_client, client, article
):
    claim_id = claim_id_from(editor_client.post(NEW, data=private_remark(article)))
    page = soup(client.get(f"/claims/{claim_id}"))
    who = page.find("dt", string="Who says so").find_next_sibling("dd").get_text()
    assert " ".join(who.split()) == f"Sam Altman, in private — relayed by {FAMILIAR}"
    card = soup(client.get(EXPORTS)).find(id=f"claim-{claim_id}")
    speaker_line = card.select_one(".speaker").get_text(" ", strip=True)
    assert speaker_line.endswith(f"in private — relayed by {FAMILIAR}")


def test_a_relay_chosen_from_the_list_links_to_its_entity(editor_client, client, article):
    post = private_remark(article, relayed_by="cc-wei", relayed_by_description="")
    claim_id = claim_id_from(editor_client.post(NEW, data=post))
    relay = soup(client.get(f"/claims/{claim_id}")).select_one("dd .relay a.relay-name")
    assert relay.get_text() == "C.C. Wei" and relay["href"] == "/entities/cc-wei"


def test_someone_new_who_relayed_it_is_created_with_the_claim(seeded_app, editor_client, article):
    post = private_remark(
        article, relayed_by="new", relayed_by_name="Ayesha Relay", relayed_by_description=""
    )
    claim_id = claim_id_from(editor_client.post(NEW, data=post))
    with seeded_app.app_context():
        claim = get_session().get(Claim, claim_id)
        assert claim.relayed_by.name == "Ayesha Relay"
        assert claim.relayed_by.slug == "ayesha-relay"


def test_the_form_refuses_a_private_remark_without_relay_and_writes_nothing(
    seeded_app, editor_client, article
):
    before = count_claims(seeded_app)
    response = editor_client.post(NEW, data=private_remark(article, relayed_by_description=""))
    assert response.status_code == 422
    message = field_error(soup(response, 422), "relayed_by")
    assert "private remark needs who relayed it" in message and "Relayed by" in message
    assert count_claims(seeded_app) == before


def test_the_form_refuses_a_relay_description_over_the_limit(editor_client, article):
    too_long = "x" * (RELAYED_BY_DESCRIPTION_MAX + 1)
    response = editor_client.post(
        NEW, data=private_remark(article, relayed_by_description=too_long)
    )
    message = field_error(soup(response, 422), "relayed_by_description")
    assert f"the limit is {RELAYED_BY_DESCRIPTION_MAX}" in message


@pytest.mark.parametrize(
    "attribution", [kind.value for kind in Attribution if kind.value != "private"]
)
def test_other_attributions_may_leave_the_relay_empty(editor_client, article, attribution):
    post = private_remark(article, attribution=attribution, relayed_by_description="")
    assert editor_client.post(NEW, data=post).status_code == 302


# --- revisions -------------------------------------------------------------------------------


def test_history_shows_a_change_of_relay(seeded_app, editor_client):
    claim_id = claim_id_by_key(seeded_app, "altman-to-announce-this-year")
    values = edit_form_values(editor_client, claim_id)
    assert values["relayed_by_description"].startswith("the industry executive")
    changes = {"relayed_by": "cc-wei", "relayed_by_description": "at a dinner"}
    response = editor_client.post(f"/claims/{claim_id}/edit", data=values | changes)
    assert response.status_code == 302
    newest = soup(editor_client.get(f"/claims/{claim_id}/history")).select_one("li.revision")
    rows = {row.th.get_text(): row for row in newest.select("tbody tr")}
    assert "C.C. Wei" in rows["Relayed by"].get_text()
    description = rows["Relayed by (description)"]
    assert " ".join(inserted.get_text() for inserted in description.select("ins")) == "at a dinner"


# --- the API ---------------------------------------------------------------------------------


def test_the_api_round_trips_both_relay_fields(api, client, article):
    created = api("POST", "/api/v1/claims", api_private_remark(article))
    assert created.status_code == 201, created.get_json()
    item = client.get(created.get_json()["api_url"]).get_json()
    assert item["relayed_by"] == {"name": "C.C. Wei", "slug": "cc-wei"}
    assert item["relayed_by_description"] == "in a meeting in Hsinchu"
    patched = api(
        "PATCH",
        item["api_url"],
        {"version": item["version"], "relayed_by": None, "relayed_by_description": FAMILIAR},
    )
    assert patched.status_code == 200, patched.get_json()
    assert patched.get_json()["relayed_by"] is None
    assert patched.get_json()["relayed_by_description"] == FAMILIAR


def test_a_get_response_with_a_relay_can_be_sent_back_as_a_patch(api, client, article):
    item = api("POST", "/api/v1/claims", api_private_remark(article)).get_json()
    response = api("PATCH", item["api_url"], client.get(item["api_url"]).get_json())
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["relayed_by"]["slug"] == "cc-wei"


def test_the_api_refuses_a_private_remark_without_relay_and_writes_nothing(
    api, seeded_app, article
):
    before = counts(seeded_app)
    body = api_private_remark(article, relayed_by=None, relayed_by_description="  ")
    response = api("POST", "/api/v1/claims", body)
    assert response.status_code == 400
    assert "private remark needs who relayed it" in api_errors(response)["relayed_by"]
    assert counts(seeded_app) == before


def test_a_patch_may_not_remove_the_relay_of_a_private_remark(api, client, seeded_app):
    url = f"/api/v1/claims/{claim_id_by_key(seeded_app, 'seven-trillion-composition')}"
    version = client.get(url).get_json()["version"]
    response = api("PATCH", url, {"version": version, "relayed_by_description": ""})
    assert response.status_code == 400
    assert "relayed_by" in api_errors(response)
    assert client.get(url).get_json()["version"] == version


def test_the_api_names_an_unknown_relay(api, article):
    response = api("POST", "/api/v1/claims", api_private_remark(article, relayed_by="nobody-x"))
    assert response.status_code == 400
    assert 'no entity "nobody-x"' in api_errors(response)["relayed_by"]


def test_the_openapi_document_describes_the_relay(client):
    schemas = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]
    assert {"relayed_by", "relayed_by_description"} <= set(schemas["Claim"]["properties"])
    create = json.dumps(schemas["ClaimCreate"])
    assert "relayed_by_description" in create and str(RELAYED_BY_DESCRIPTION_MAX) in create


# --- imports and exports ---------------------------------------------------------------------


def test_an_import_refuses_a_private_remark_without_relay_and_writes_nothing(seeded_app, tmp_path):
    rows = [
        ["key", "statement", "attribution", "speaker", "source", "stated_date", "confidence"],
        ["unrelayed", STATEMENT, "private", "sam-altman", "article", "juin 2024", "50"],
    ]
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    before = counts(seeded_app)
    result = run_import(seeded_app, tmp_path, "unrelayed.csv", buffer.getvalue())
    assert result.exit_code != 0
    assert "private remark needs who relayed it" in result.output
    assert counts(seeded_app) == before


def test_csv_export_then_import_gives_the_relay_back(api, client, seeded_app, tmp_path, article):
    item = api("POST", "/api/v1/claims", api_private_remark(article, key="relayed")).get_json()
    exported = client.get(EXPORTS + "claims.csv").data
    row = next(r for r in csv.DictReader(io.StringIO(exported.decode())) if r["key"] == "relayed")
    assert (row["relayed_by"], row["relayed_by_name"]) == ("cc-wei", "C.C. Wei")
    assert row["relayed_by_description"] == "in a meeting in Hsinchu"
    body = {"version": item["version"], "relayed_by": None, "relayed_by_description": FAMILIAR}
    assert api("PATCH", item["api_url"], body).status_code == 200
    result = run_import(seeded_app, tmp_path, "chips.csv", exported)
    assert result.exit_code == 0, result.output
    restored = client.get(item["api_url"]).get_json()
    assert restored["relayed_by"]["slug"] == "cc-wei"
    assert restored["relayed_by_description"] == "in a meeting in Hsinchu"


def test_claimline_json_export_then_import_gives_the_same_claim(
    api, client, tmp_path, migrated_template, article
):
    api("POST", "/api/v1/claims", api_private_remark(article, key="relayed"))
    exported = client.get(EXPORTS + "claims.json").data
    document = json.loads(exported)
    claim = next(item for item in document["claims"] if item["key"] == "relayed")
    assert (claim["relayed_by"], claim["relayed_by_description"]) == (
        "cc-wei",
        "in a meeting in Hsinchu",
    )
    (tmp_path / "copy").mkdir()
    copy = build_app(tmp_path / "copy", migrated_template)
    result = run_import(copy, tmp_path, "chips.json", exported)
    assert result.exit_code == 0, result.output
    assert copy.test_client().get(EXPORTS + "claims.json").data == exported
    with copy.app_context():
        imported = claim_by_key(get_session(), "relayed")
        assert imported.relayed_by.slug == "cc-wei"


def test_a_timelinejs_slide_names_who_relayed_a_private_remark(client):
    events = client.get(EXPORTS + "timelinejs.json").get_json()["events"]
    slide = next(event for event in events if event["unique_id"] == "altman-to-announce-this-year")
    assert "in private, relayed by the industry executive Altman told" in slide["text"]["text"]


def test_a_seed_file_reads_the_relay_fields(seeded_app, tmp_path):
    source = (SEED_DIR / "openai-chips.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(source)
    claim = next(item for item in data["claims"] if item["key"] == "altman-to-announce-this-year")
    claim["relayed_by"], claim["relayed_by_description"] = "cc-wei", None
    data["dossier"]["slug"] = "seed-copy"
    path = tmp_path / "copy.yaml"
    (tmp_path / "openai-chips.article.txt").write_bytes(
        (SEED_DIR / "openai-chips.article.txt").read_bytes()
    )
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = seeded_app.test_cli_runner().invoke(args=["seed", str(path)])
    assert result.exit_code == 0, result.output
    with seeded_app.app_context():
        session = get_session()
        copied = session.scalars(
            select(Claim).where(Claim.key == "altman-to-announce-this-year")
        ).all()
        assert {c.relayed_by.slug if c.relayed_by else None for c in copied} == {None, "cc-wei"}


# --- print and the seed -----------------------------------------------------------------------


def test_print_shows_who_relayed_a_private_remark_beside_the_speaker(client, db_session):
    claim = claim_by_key(db_session, "altman-to-announce-this-year")
    page = soup(client.get(EXPORTS + "print"))
    statement = page.find(
        lambda tag: tag.name == "h5" and tag.get_text().startswith(claim.statement)
    )
    speaker = statement.find_parent("article").select_one(".entry-speaker").get_text(" ")
    speaker = " ".join(speaker.split())
    assert "Sam Altman" in speaker
    assert "in private — relayed by the industry executive Altman told" in speaker


def test_every_seeded_private_remark_says_who_relayed_it(db_session):
    private = db_session.scalars(
        select(Claim).where(Claim.attribution == Attribution.PRIVATE, Claim.deleted_at.is_(None))
    ).all()
    assert private
    for claim in private:
        assert claim.relayed_by is not None or claim.relayed_by_description, claim.key
