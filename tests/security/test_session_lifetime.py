"""A signed-in session ends 12 hours after sign-in, or after 30 minutes without a request
(issue #18, ASVS 3.3), configurable; a session without its clock (from before) ends too."""

from __future__ import annotations

import time

import pytest

PAGE = "/claims/new?dossier=openai-chips"


def _shift(client, **seconds_ago):
    with client.session_transaction() as session:
        for key, ago in seconds_ago.items():
            session[key] = time.time() - ago


def test_a_fresh_session_is_signed_in(editor_client):
    assert editor_client.get(PAGE).status_code == 200


@pytest.mark.parametrize(
    "signed_in_ago, seen_ago",
    [(12 * 3600 + 5, 10), (3600, 30 * 60 + 5)],
    ids=["past the absolute lifetime", "idle too long"],
)
def test_an_expired_session_must_sign_in_again(editor_client, signed_in_ago, seen_ago):
    _shift(editor_client, signed_in_at=signed_in_ago, seen_at=seen_ago)
    response = editor_client.get(PAGE)
    assert response.status_code == 302 and "/login" in response.location
    # Emptied, not just refused once: the next request is anonymous too.
    assert editor_client.get(PAGE).status_code == 302


def test_activity_keeps_an_idle_session_alive(editor_client):
    _shift(editor_client, signed_in_at=3600, seen_at=29 * 60)
    assert editor_client.get(PAGE).status_code == 200
    _shift(editor_client, signed_in_at=3600 + 20 * 60)  # 20 more minutes pass
    with editor_client.session_transaction() as session:
        session["seen_at"] = session["seen_at"] - 20 * 60
    assert editor_client.get(PAGE).status_code == 200  # seen 20 minutes ago, not 49


def test_a_session_without_its_clock_is_not_trusted(editor_client):
    with editor_client.session_transaction() as session:
        session.pop("signed_in_at")
    assert editor_client.get(PAGE).status_code == 302
