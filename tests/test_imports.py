"""Imports: Claimline JSON round trips losslessly; CSV and TimelineJS sheets come in; every
row is checked, nothing is written unless all pass, and importing again changes nothing."""

from __future__ import annotations

import csv
import io
import json

import pytest
from sqlalchemy import func, select

from db import get_session
from models import Claim, Dossier, Revision
from tests.conftest import build_app

EXPORTS = "/dossiers/openai-chips/"
TIMELINEJS_HEADER = (
    "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,"
    "Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background"
)


def write(tmp_path, name: str, content: str | bytes):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return str(path)


def counts(app) -> tuple[int, int]:
    """(claims, revisions) in the database."""
    with app.app_context():
        session = get_session()
        return (
            session.scalar(select(func.count(Claim.id))),
            session.scalar(select(func.count(Revision.id))),
        )


def empty_app(tmp_path, template):
    """A second app, on an empty database of its own."""
    (tmp_path / "empty").mkdir()
    return build_app(tmp_path / "empty", template)


def test_json_round_trip_into_an_empty_database_is_lossless(client, tmp_path, migrated_template):
    exported = client.get(EXPORTS + "claims.json").data
    app = empty_app(tmp_path, migrated_template)
    result = app.test_cli_runner().invoke(
        args=["import", write(tmp_path, "chips.json", exported), "--dossier", "openai-chips"]
    )
    assert result.exit_code == 0, result.output
    assert "created: 1 dossier, 8 sources, 24 entities, 48 claims" in result.output
    assert app.test_client().get(EXPORTS + "claims.json").data == exported


def test_importing_the_same_file_again_changes_nothing(client, seeded_app, runner, tmp_path):
    path = write(tmp_path, "chips.json", client.get(EXPORTS + "claims.json").data)
    before = counts(seeded_app)
    result = runner.invoke(args=["import", path, "--dossier", "openai-chips"])
    assert result.exit_code == 0, result.output
    assert "unchanged: 1 dossier, 8 sources, 24 entities, 48 claims" in result.output
    assert counts(seeded_app) == before


def test_a_dry_run_reports_and_writes_nothing(client, seeded_app, runner, tmp_path):
    path = write(tmp_path, "chips.json", client.get(EXPORTS + "claims.json").data)
    before = counts(seeded_app)
    result = runner.invoke(args=["import", path, "--dossier", "chips-copy", "--dry-run"])
    assert result.exit_code == 0
    assert "Dry run, nothing saved." in result.output
    assert "would be created: 1 dossier, 8 sources, 48 claims" in result.output
    assert counts(seeded_app) == before
    assert client.get("/dossiers/chips-copy/").status_code == 404


def test_importing_under_another_slug_copies_the_dossier(client, runner, tmp_path):
    exported = client.get(EXPORTS + "claims.json").get_json()
    path = write(tmp_path, "chips.json", json.dumps(exported))
    assert runner.invoke(args=["import", path, "--dossier", "chips-copy"]).exit_code == 0
    copy = client.get("/dossiers/chips-copy/claims.json").get_json()
    assert copy["claims"] == exported["claims"] and copy["relations"] == exported["relations"]
    assert copy["dossier"]["title"] == exported["dossier"]["title"]
    assert client.get("/api/v1/dossiers/openai-chips").get_json()["claim_count"] == 48


def test_a_file_with_a_wrong_row_imports_nothing_and_says_where(
    client, seeded_app, runner, tmp_path
):
    exported = client.get(EXPORTS + "claims.json").get_json()
    exported["claims"][3]["confidence"] = 140
    exported["claims"][5]["source"] = "no-such-source"
    exported["relations"].append({"from": "hbm-shortage", "type": "echoes", "to": "nobody"})
    before = counts(seeded_app)
    path = write(tmp_path, "bad.json", json.dumps(exported))
    result = runner.invoke(args=["import", path, "--dossier", "chips-copy"])
    assert result.exit_code != 0
    assert "Nothing was imported" in result.output
    assert f'claim "{exported["claims"][3]["key"]}": confidence' in result.output
    assert f'claim "{exported["claims"][5]["key"]}": source There is no source' in result.output
    assert "relation type" in result.output and "relation to" in result.output
    assert counts(seeded_app) == before
    assert client.get("/api/v1/dossiers/chips-copy").status_code == 404


def test_csv_export_imports_back_with_its_tricky_text(client, seeded_app, runner, tmp_path):
    tricky = 'Wei said "too aggressive", then: =SUM(1)\n台积电 — «trop agressif»'
    with seeded_app.app_context():
        session = get_session()
        # A claim whose source has no text: no paragraph to match the quote against.
        session.scalar(select(Claim).where(Claim.key == "wei-agm-too-aggressive")).quote = tricky
        session.commit()
    path = write(tmp_path, "chips.csv", client.get(EXPORTS + "claims.csv").data)
    result = runner.invoke(args=["import", path, "--dossier", "openai-chips"])
    assert result.exit_code == 0, result.output
    assert "unchanged: 48 claims" in result.output
    result = runner.invoke(args=["import", path, "--dossier", "csv-copy"])
    assert "created: 1 dossier, 8 sources, 48 claims" in result.output, result.output
    copy = client.get("/api/v1/claims?dossier=csv-copy&per_page=100").get_json()["items"]
    assert next(c for c in copy if c["key"] == "wei-agm-too-aggressive")["quote"] == tricky


def test_a_hand_made_csv_with_semicolons_and_a_bom(client, seeded_app, runner, tmp_path):
    rows = [
        ["statement", "attribution", "source", "stated_date", "confidence", "tags"],
        ["Arm joins the chip talks; reportedly", "report", "wsj", "mars 2024", "40", "arm, chips"],
    ]
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows(rows)
    path = write(tmp_path, "sheet.csv", "\ufeff" + buffer.getvalue())
    result = runner.invoke(args=["import", path, "--dossier", "openai-chips"])
    assert "created: 1 claim" in result.output, result.output
    again = runner.invoke(args=["import", path, "--dossier", "openai-chips"])
    assert "unchanged: 1 claim" in again.output
    claim = client.get("/api/v1/claims?dossier=openai-chips&q=Arm joins").get_json()["items"][0]
    assert claim["stated_date"]["label"] == "March 2024" and claim["tags"] == ["arm", "chips"]


def test_a_timelinejs_sheet_imports_with_group_as_attribution(client, runner, tmp_path):
    sheet = "\n".join(
        [
            TIMELINEJS_HEADER,
            ",,,,,,,,,Chip wars,A <b>timeline</b>,,,,,title,,",
            "2024,6,4,,,,,,,Wei calls the plan too aggressive,<p>At the AGM.</p>,,,,,,"
            "Public statement,",
            "2023,,,,2024,7,,,,TSMC privately promised capacity,,https://example.test/a.jpg,"
            "Photo desk,A fab,,,insider,",
            '2024,2,,,,,,,,"Altman seeks $7 trillion, says WSJ",,,,,,,Wall Street,',
            "2020,,,,2024,,,,,The AI boom,,,,,,era,,",
        ]
    )
    path = write(tmp_path, "timeline.csv", sheet)
    result = runner.invoke(args=["import", path, "--dossier", "chip-wars"])
    assert result.exit_code == 0, result.output
    assert "created: 1 dossier, 1 source, 3 claims" in result.output
    assert "row 6: an era slide, not a claim" in result.output
    dossier = client.get("/api/v1/dossiers/chip-wars").get_json()
    assert dossier["title"] == "Chip wars" and dossier["subject"] == "A timeline"
    claims = {
        c["statement"]: c
        for c in client.get("/api/v1/claims?dossier=chip-wars").get_json()["items"]
    }
    wei = claims["Wei calls the plan too aggressive"]
    assert wei["attribution"] == "public" and wei["event_date"]["edtf"] == "2024-06-04"
    assert wei["notes"] == "At the AGM."
    promise = claims["TSMC privately promised capacity"]
    assert promise["attribution"] == "insider" and promise["event_date"]["edtf"] == "2023/2024-07"
    assert "https://example.test/a.jpg — A fab (Photo desk)" in promise["notes"]
    wsj = claims["Altman seeks $7 trillion, says WSJ"]
    assert wsj["attribution"] == "report" and wsj["tags"] == ["Wall Street"]
    again = runner.invoke(args=["import", path, "--dossier", "chip-wars"])
    assert "created: nothing" in again.output and "unchanged: 3 claims" in again.output


def test_our_timelinejs_export_imports_as_a_new_dossier(client, runner, tmp_path):
    path = write(tmp_path, "tl.json", client.get(EXPORTS + "timelinejs.json").data)
    result = runner.invoke(args=["import", path, "--dossier", "tl-copy", "--format", "timelinejs"])
    assert "created: 1 dossier, 1 source, 48 claims" in result.output, result.output
    items = client.get("/api/v1/claims?dossier=tl-copy&attribution=insider").get_json()["items"]
    assert items and all(item["key"] for item in items)


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("x.json", "{not json", "not valid JSON"),
        ("x.json", '{"events": 3}', '"events" list'),
        ("x.json", '{"hello": []}', "not a Claimline dossier"),
        ("x.csv", b"statement,source\n\xff\xfe,x\n", "not UTF-8"),
        ("x.csv", "name,age\nAda,36\n", "no statement or source column"),
    ],
)
def test_a_file_that_is_not_an_import_says_why(runner, tmp_path, name, content, message):
    result = runner.invoke(args=["import", write(tmp_path, name, content), "--dossier", "x"])
    assert result.exit_code != 0
    assert message in result.output and "Nothing was imported." in result.output


def test_the_dossier_slug_must_be_a_slug(runner, tmp_path, client):
    path = write(tmp_path, "chips.json", client.get(EXPORTS + "claims.json").data)
    result = runner.invoke(args=["import", path, "--dossier", "Not A Slug"])
    assert result.exit_code != 0 and "cannot name a dossier" in result.output


def test_import_updates_a_claim_whose_file_row_changed(client, seeded_app, runner, tmp_path):
    exported = client.get(EXPORTS + "claims.json").get_json()
    row = next(claim for claim in exported["claims"] if claim["key"] == "hbm-shortage")
    row["confidence"] = 12
    path = write(tmp_path, "chips.json", json.dumps(exported))
    result = runner.invoke(args=["import", path, "--dossier", "openai-chips"])
    assert "updated: 1 claim" in result.output, result.output
    with seeded_app.app_context():
        claim = get_session().scalar(select(Claim).where(Claim.key == "hbm-shortage"))
        assert claim.confidence == 12 and claim.version == 2


def test_a_keyless_claim_is_exported_by_id_and_recognised_on_import(
    client, seeded_app, runner, tmp_path
):
    with seeded_app.app_context():
        session = get_session()
        claim = session.scalar(select(Claim).where(Claim.key == "hbm-shortage"))
        claim.key = None
        session.commit()
        claim_id = claim.id
    exported = client.get(EXPORTS + "claims.json").get_json()
    assert f"claim-{claim_id}" in {claim["key"] for claim in exported["claims"]}
    path = write(tmp_path, "chips.json", json.dumps(exported))
    result = runner.invoke(args=["import", path, "--dossier", "openai-chips"])
    assert "unchanged: 1 dossier, 8 sources, 24 entities, 48 claims" in result.output


def test_an_import_into_another_database_keeps_dossier_visibility(
    client, tmp_path, migrated_template
):
    exported = client.get(EXPORTS + "claims.json").get_json()
    exported["dossier"]["visibility"] = "unlisted"
    other = empty_app(tmp_path, migrated_template)
    path = write(tmp_path, "chips.json", json.dumps(exported))
    assert (
        other.test_cli_runner().invoke(args=["import", path, "--dossier", "chips"]).exit_code == 0
    )
    with other.app_context():
        dossier = get_session().scalar(select(Dossier).where(Dossier.slug == "chips"))
        assert dossier.visibility.value == "unlisted"


def test_a_timelinejs_file_never_overwrites_the_claims_it_came_from(client, runner, tmp_path):
    before = client.get(EXPORTS + "claims.json").data
    path = write(tmp_path, "tl.json", client.get(EXPORTS + "timelinejs.json").data)
    result = runner.invoke(args=["import", path, "--dossier", "openai-chips"])
    assert "updated: nothing" in result.output and "unchanged: 48 claims" in result.output
    after = client.get(EXPORTS + "claims.json").get_json()
    assert after["claims"] == json.loads(before)["claims"]


def test_new_tags_shared_by_many_rows_are_created_once(client, runner, tmp_path):
    # More rows than one write batch, so the same new tag is met before and after a flush.
    rows = [["key", "statement", "attribution", "source", "stated_date", "confidence", "tags"]]
    rows += [
        [f"row-{n}", f"Claim {n}", "report", "wsj", "2024", "50", "Fresh Tag, fresh  tag, arm"]
        for n in range(1_200)
    ]
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    result = runner.invoke(
        args=["import", write(tmp_path, "many.csv", buffer.getvalue()), "--dossier", "openai-chips"]
    )
    assert "created: 1200 claims" in result.output, result.output
    found = client.get("/api/v1/claims?dossier=openai-chips&tag=FRESH%20TAG&per_page=1").get_json()
    assert found["total"] == 1_200


def test_two_rows_creating_the_same_speaker_are_refused_by_name(client, runner, tmp_path):
    exported = client.get(EXPORTS + "claims.json").get_json()
    for claim in exported["claims"][:2]:
        claim["speaker"] = {"name": "Jane Newcomer", "kind": "person"}
    path = write(tmp_path, "speakers.json", json.dumps(exported))
    result = runner.invoke(args=["import", path, "--dossier", "speaker-copy"])
    assert result.exit_code != 0
    assert "There is already an entity called Jane Newcomer" in result.output
    assert client.get("/api/v1/dossiers/speaker-copy").status_code == 404
