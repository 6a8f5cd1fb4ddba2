"""Fixtures: an app on a fresh database per test, built by copying a migrated template.

Migrating once per session and copying the file keeps a fresh database per test cheap.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app import create_app
from cli.database import upgrade
from db import get_session, make_engine
from models import Claim, Dossier
from services.seeding import load_file, seed_files

ROOT = Path(__file__).resolve().parent.parent
SEED_DIR = ROOT / "seeds"


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "empty.db"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory, migrated_template) -> Path:
    path = tmp_path_factory.mktemp("template") / "seeded.db"
    shutil.copy(migrated_template, path)
    engine = make_engine(f"sqlite:///{path}")
    with Session(engine) as session:
        for seed in seed_files(SEED_DIR):
            load_file(session, seed)
        session.commit()
    engine.dispose()
    return path


def build_app(tmp_path: Path, template: Path, **config):
    path = tmp_path / "claimline.db"
    shutil.copy(template, path)
    test_config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "DATABASE_URL": f"sqlite:///{path}",
        "WTF_CSRF_ENABLED": False,
        "SERVER_NAME": "claimline.test",
    }
    test_config.update(config)
    return create_app(test_config)


@pytest.fixture
def app(tmp_path, migrated_template):
    """An app on an empty, migrated database."""
    return build_app(tmp_path, migrated_template)


@pytest.fixture
def seeded_app(tmp_path, seeded_template):
    """An app on a database holding the seeded dossiers."""
    return build_app(tmp_path, seeded_template)


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
