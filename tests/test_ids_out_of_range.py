"""An id too large for the database is a 404 that names the number asked for."""

from __future__ import annotations

import pytest

from tests.editing_helpers import soup

TOO_LARGE = "99999999999"


@pytest.mark.parametrize(
    ("path", "words"),
    [
        (f"/claims/{TOO_LARGE}", f"There is no claim {TOO_LARGE}."),
        (f"/sources/{TOO_LARGE}", f"There is no source {TOO_LARGE}."),
    ],
)
def test_the_reader_is_told_the_number_they_asked_for(client, path, words):
    response = client.get(path)
    message = soup(response, 404).select_one("main h1 + p").get_text(" ", strip=True)
    assert message == words


def test_the_editor_is_told_the_number_they_asked_for(editor_client):
    response = editor_client.get(f"/claims/{TOO_LARGE}/history")
    message = soup(response, 404).select_one("main h1 + p").get_text(" ", strip=True)
    assert message == f"There is no claim {TOO_LARGE}."


def test_the_largest_id_the_database_holds_is_still_looked_up(client):
    response = client.get("/claims/2147483647")
    assert "There is no claim 2147483647." in soup(response, 404).get_text()
