"""Large CSV imports (issue #17): a CSV file's rows are read from the file as the import walks
them, never whole, and a file that is not CSV further down is still refused before anything
is imported."""

from __future__ import annotations

import csv
import io

import pytest
from bs4 import BeautifulSoup

from services.interchange import formats, import_claims
from services.interchange.formats.document import CHUNK
from tests.test_import_form import claim_count, upload
from tests.test_imports import EXPORTS, TIMELINEJS_HEADER, write

ROWS = 5000


@pytest.fixture
def small_batches(monkeypatch):
    """Batches of three claims, so the seeded dossier's 48 spread over sixteen of them."""
    monkeypatch.setattr(import_claims, "BATCH", 3)


class RecordingStream(io.BytesIO):
    """An uploaded file that remembers how much each read asked for."""

    def __init__(self, content: bytes):
        super().__init__(content)
        self.sizes: list[int | None] = []

    def read(self, size: int | None = -1) -> bytes:
        self.sizes.append(size)
        return super().read(size)

    def read1(self, size: int = -1) -> bytes:
        self.sizes.append(size)
        return super().read1(size)


def claimline_sheet() -> bytes:
    lines = ["key,statement,source,relations"]
    lines += [f"claim-{n},Claim number {n},wsj,supports claim-{n + 1}" for n in range(ROWS)]
    return "\r\n".join(lines).encode()


def timelinejs_sheet() -> bytes:
    blanks = "," * (TIMELINEJS_HEADER.count(",") - 9)
    lines = [TIMELINEJS_HEADER]
    lines += [f"2024,3,1,,,,,,,Slide number {n}{blanks}" for n in range(ROWS)]
    return "\n".join(lines).encode()


@pytest.mark.parametrize("sheet", [claimline_sheet, timelinejs_sheet])
def test_the_first_claim_comes_before_the_rest_of_the_file_is_read(sheet):
    content = sheet()
    stream = RecordingStream(content)
    document = formats.read(stream, "big.csv")
    first = next(iter(document.claims))
    assert first.where == "row 2"
    assert stream.tell() < len(content) // 10


@pytest.mark.parametrize("sheet", [claimline_sheet, timelinejs_sheet])
def test_the_claims_can_be_walked_again_from_the_start(sheet):
    document = formats.read(RecordingStream(sheet()), "big.csv")
    keys = [row.data["key"] for row in document.claims]
    assert len(keys) == len(set(keys)) == ROWS
    assert [row.data["key"] for row in document.claims] == keys


def test_no_read_asks_for_the_whole_file():
    stream = RecordingStream(claimline_sheet())
    document = formats.read(stream, "big.csv")
    assert len(list(document.claims)) == ROWS
    assert all(size is not None and 0 < size <= CHUNK for size in stream.sizes), stream.sizes


def test_sources_and_relations_of_the_last_row_are_known_before_the_claims_are_walked():
    lines = ["key,statement,source,source_title,relations"]
    lines += [f"claim-{n},Claim number {n},wsj,," for n in range(ROWS)]
    lines.append("last,The last claim,,A new report,supports claim-0")
    document = formats.read(io.BytesIO("\n".join(lines).encode()), "big.csv")
    assert [row.data["title"] for row in document.sources] == ["A new report"]
    assert [(row.where, row.data) for row in document.relations or []] == [
        (f"row {ROWS + 2}", {"from": "last", "type": "supports", "to": "claim-0"})
    ]


def test_a_source_first_named_as_a_via_takes_the_url_of_a_later_row():
    lines = [
        "statement,source,source_title,source_url,via,via_title",
        "First,wsj,Wall Street Journal,,ft,Financial Times",
        "Second,ft,Financial Times,https://ft.com/a,,",
    ]
    document = formats.read(io.BytesIO("\n".join(lines).encode()), "sheet.csv")
    assert [row.data for row in document.sources] == [
        {"key": "wsj", "title": "Wall Street Journal"},
        {"key": "ft", "title": "Financial Times", "url": "https://ft.com/a"},
    ]


def test_a_late_row_that_is_not_csv_is_refused_before_anything_is_imported(
    editor_client, seeded_app
):
    content = editor_client.get(EXPORTS + "claims.csv").data
    too_long = "x" * (csv.field_size_limit() + 1)
    content += f"new-claim,,,2024,,report,,{too_long},,,\r\n".encode()
    response = upload(editor_client, content, "chips.csv")
    assert response.status_code == 422
    error = BeautifulSoup(response.data, "html.parser").select_one(".field-error").get_text()
    assert "The file is not valid CSV: field larger than field limit" in error
    assert claim_count(seeded_app) == 48


def test_a_csv_export_imported_as_a_new_dossier_exports_the_same(
    client, runner, tmp_path, small_batches
):
    exported = client.get(EXPORTS + "claims.csv").data
    result = runner.invoke(
        args=["import", write(tmp_path, "chips.csv", exported), "--dossier", "copy"]
    )
    assert result.exit_code == 0, result.output
    assert "created: 1 dossier, 8 sources, 48 claims" in result.output

    def without_urls(content: bytes) -> list[dict]:
        rows = csv.DictReader(io.StringIO(content.decode(), newline=""))
        return [{name: cell for name, cell in row.items() if name != "url"} for row in rows]

    copy = client.get("/dossiers/copy/claims.csv").data
    assert without_urls(copy) == without_urls(exported)
