"""Read-only attack tests share one seeded app per module: many requests, one database."""

from __future__ import annotations

import pytest

from db import engine_of
from tests.conftest import build_app


@pytest.fixture(scope="module")
def reader(tmp_path_factory, seeded_template):
    """A test client on a seeded app for tests that send requests but change nothing."""
    app = build_app(tmp_path_factory.mktemp("reader"), seeded_template, RATE_LIMITS_ENABLED=False)
    yield app.test_client()
    engine_of(app).dispose()
