"""Rate limits hold across processes because they are counted in the database."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from db import engine_of, make_engine
from models import RateLimitCounter
from services.accounts.rate_limit import STALE_AFTER, Limit, hit
from tests.accounts import add_account
from tests.conftest import build_app, make_token
from tests.helpers import bearer


def test_limit_allows_up_to_the_count_then_refuses_until_the_window_ends(seeded_app):
    engine = engine_of(seeded_app)
    limit = Limit("test", requests=3, seconds=60)
    verdicts = [hit(engine, limit, "203.0.113.9", now=1_000_020) for _ in range(4)]
    assert [verdict.allowed for verdict in verdicts] == [True, True, True, False]
    assert verdicts[-1].retry_after == 60 - (1_000_020 % 60)
    assert hit(engine, limit, "203.0.113.9", now=1_000_020 + 60).allowed


def test_identities_and_limits_are_counted_apart(seeded_app):
    engine = engine_of(seeded_app)
    limit = Limit("test", requests=1, seconds=60)
    assert hit(engine, limit, "a", now=0).allowed
    assert hit(engine, limit, "b", now=0).allowed
    assert hit(engine, Limit("other", 1, 60), "a", now=0).allowed
    assert not hit(engine, limit, "a", now=0).allowed


def test_two_engines_share_one_count(seeded_app):
    """Two engines stand for two server processes on one database."""
    first, second = engine_of(seeded_app), make_engine(seeded_app.config["DATABASE_URL"])
    limit = Limit("shared", requests=2, seconds=60)
    try:
        assert hit(first, limit, "x", now=0).allowed
        assert hit(second, limit, "x", now=0).allowed
        assert not hit(first, limit, "x", now=0).allowed
    finally:
        second.dispose()


@pytest.mark.usefixtures("one_window")
def test_searching_past_the_limit_gets_429_with_retry_after(tmp_path, seeded_template):
    app = build_app(
        tmp_path, seeded_template, RATE_LIMITS={"search": (3, 60)}, RATE_LIMITS_ENABLED=True
    )
    client = app.test_client()
    statuses = [
        client.get("/dossiers/openai-chips/", query_string={"q": "TSMC"}).status_code
        for _ in range(4)
    ]
    assert statuses == [200, 200, 200, 429]
    refused = client.get("/api/v1/claims", query_string={"dossier": "openai-chips", "q": "x"})
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) > 0
    assert refused.mimetype == "application/problem+json"
    assert client.get("/dossiers/openai-chips/").status_code == 200


@pytest.mark.usefixtures("one_window")
def test_api_writes_past_the_limit_get_429(tmp_path, seeded_template):
    app = build_app(
        tmp_path, seeded_template, RATE_LIMITS={"api-write": (2, 60)}, RATE_LIMITS_ENABLED=True
    )
    client = app.test_client()
    headers = bearer("not-a-real-token")
    statuses = [
        client.post("/api/v1/claims", json={}, headers=headers).status_code for _ in range(3)
    ]
    assert statuses == [401, 401, 429]


@pytest.mark.usefixtures("one_window")
def test_one_token_is_one_counter_however_its_header_is_spelled(tmp_path, seeded_template):
    app = build_app(
        tmp_path, seeded_template, RATE_LIMITS={"api-write": (3, 60)}, RATE_LIMITS_ENABLED=True
    )
    add_account(app, "writer")
    secret = make_token(app, "writer", "write")
    client = app.test_client()
    spellings = [
        f"Bearer {secret}",
        f"bearer {secret}",
        f"  BEARER   {secret} ",
        f"Bearer {secret}",
    ]
    statuses = [
        client.post("/api/v1/claims", json={}, headers={"Authorization": spelling}).status_code
        for spelling in spellings
    ]
    assert statuses == [400, 400, 400, 429]  # the body is refused; the fourth write is one too many


def test_counters_of_windows_long_past_are_purged(seeded_app):
    engine = engine_of(seeded_app)
    for identity in ("gone-1", "gone-2"):
        hit(engine, Limit("api-write", 5, 60), identity, now=0)
    hit(engine, Limit("api-write", 5, 60), "today", now=STALE_AFTER + 120)
    with engine.connect() as connection:
        keys = connection.execute(select(RateLimitCounter.key)).scalars().all()
    assert keys == ["api-write:today"]
