"""Fixtures: an app on a fresh database per test, cloned from a template migrated once per run.

Set TEST_DATABASE_URL (postgresql+psycopg://...) to run the same suite on PostgreSQL.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from hypothesis import settings
from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from sqlalchemy import select
from sqlalchemy.orm import Session

from app import create_app
from db import engine_of, get_session
from models import Claim, Dossier, TokenScope
from services.accounts import api_tokens
from services.interchange.seeding import load_file, seed_files
from tests.accounts import add_account, sign_in
from tests.databases import make_template

# `make test` runs the property tests on a fixed sample (derandomized), so a change is judged
# by its own effect, not by the luck of the draw; `HYPOTHESIS_PROFILE=deep make test` searches
# a hundred times wider with fresh random examples. Run it after touching a grammar, a label
# or a form reader: it is how the counterexamples fixed in the history were found.
settings.register_profile("sample", derandomize=True)
settings.register_profile("deep", max_examples=10_000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "sample"))

ROOT = Path(__file__).resolve().parent.parent
SEED_DIR = ROOT / "seeds"


def load_seeds(session: Session) -> None:
    for seed in seed_files(SEED_DIR):
        load_file(session, seed)


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory):
    return make_template(tmp_path_factory.mktemp("template"), "empty")


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory):
    return make_template(tmp_path_factory.mktemp("template"), "seeded", fill=load_seeds)


class SharedBytecodeCache(BytecodeCache):
    """Compiled templates kept in memory for every app a test process builds.

    Each test builds a fresh app, and so a fresh Jinja environment that would parse and
    compile every template it renders again. A bucket is keyed by the template's file and its
    source, so an edited template is compiled anew (Jinja checks the source checksum).
    """

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


_compiled_templates = SharedBytecodeCache()


def build_app(tmp_path: Path, template, **config):
    """An app on a fresh clone of `template`, with test settings and `config` on top."""
    test_config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "DATABASE_URL": template.clone(tmp_path),
        "WTF_CSRF_ENABLED": False,
        "SERVER_NAME": "claimline.test",
        # Off by default: a test that holds a write transaction in its own app context would
        # wait on the limiter's separate connection. tests/test_rate_limit.py turns them on.
        "RATE_LIMITS_ENABLED": False,
        # PDFs rendered in the request (huey's immediate mode) unless a test starts a worker.
        "PDF_QUEUE_IMMEDIATE": True,
    }
    test_config.update(config)
    app = create_app(test_config)
    app.jinja_env.bytecode_cache = _compiled_templates
    _built_apps.append(app)
    return app


_built_apps: list = []


@pytest.fixture(autouse=True)
def dispose_engines():
    """Close every connection the test's apps opened (PostgreSQL counts unclosed ones)."""
    yield
    while _built_apps:
        engine_of(_built_apps.pop()).dispose()


@pytest.fixture
def app(tmp_path, migrated_template):
    """An app on an empty, migrated database."""
    return build_app(tmp_path, migrated_template)


@pytest.fixture
def seeded_app(tmp_path, seeded_template):
    """An app on a database holding the seeded dossiers."""
    return build_app(tmp_path, seeded_template)


@pytest.fixture
def one_window():
    """Rate limits count requests in fixed windows of a minute from the epoch
    (services.accounts.rate_limit). A test that sends requests up to a limit of one of them
    must not straddle two, or its last request is counted in a fresh window and let
    through: when less than 20 s of the current minute is left, wait for the next."""
    left = 60 - time.time() % 60
    if left < 20:
        time.sleep(left + 0.1)


@pytest.fixture
def client(seeded_app):
    return seeded_app.test_client()


@pytest.fixture
def runner(seeded_app):
    return seeded_app.test_cli_runner()


@pytest.fixture
def db_session(seeded_app):
    with seeded_app.app_context():
        yield get_session()


@pytest.fixture
def seeded_dossier(db_session) -> Dossier:
    return db_session.scalar(select(Dossier).where(Dossier.slug == "openai-chips"))


def claim_by_key(session, key: str) -> Claim:
    return session.scalar(select(Claim).where(Claim.key == key))


@pytest.fixture(scope="session", autouse=True)
def isolated_instance_folder(tmp_path_factory):
    """Keep tests away from a developer's instance/config.py and database."""
    previous = os.environ.get("INSTANCE_PATH")
    os.environ["INSTANCE_PATH"] = str(tmp_path_factory.mktemp("instance"))
    yield
    if previous is None:
        os.environ.pop("INSTANCE_PATH", None)
    else:
        os.environ["INSTANCE_PATH"] = previous


@pytest.fixture
def editor(seeded_app) -> str:
    """The name of an editor account on the seeded app."""
    add_account(seeded_app, "editor")
    return "editor"


@pytest.fixture
def editor_client(seeded_app, editor):
    """A test client signed in as `editor`."""
    client = seeded_app.test_client()
    assert sign_in(client, editor).status_code == 302
    return client


def make_token(app, username: str, scope: str) -> str:
    """A fresh API token of `scope` for the account `username`; returns the secret."""
    with app.app_context():
        session = get_session()
        new = api_tokens.create(session, username, f"{scope} token", TokenScope(scope))
        session.commit()
        return new.secret


@pytest.fixture
def write_token(seeded_app, editor) -> str:
    """A write-scope API token of the editor account."""
    return make_token(seeded_app, editor, "write")


@pytest.fixture
def read_token(seeded_app, editor) -> str:
    """A read-scope API token of the editor account."""
    return make_token(seeded_app, editor, "read")
