"""A real Claimline under gunicorn (2 sync workers, production settings) on 127.0.0.1."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from sqlalchemy import select

from cli.database import upgrade
from db import make_engine, session_factory
from models import Source
from models.user import TokenScope
from models.vocabulary import Role
from services.accounts import api_tokens, users
from tests.conftest import ROOT, load_seeds

GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"


def prepare_database(path: Path) -> tuple[str, int]:
    """A seeded SQLite database with an editor and a write token; returns (token, source id)."""
    url = f"sqlite:///{path}"
    upgrade(url)
    engine = make_engine(url)
    with session_factory(engine)() as session:
        load_seeds(session)
        users.create_user(session, "writer", "correct horse battery staple", Role.EDITOR)
        session.flush()
        token = api_tokens.create(session, "writer", "reliability", TokenScope.WRITE).secret
        source_id = session.scalar(select(Source.id).where(Source.key == "article"))
        session.commit()
    engine.dispose()
    return token, source_id


FLASK = ROOT / ".venv" / "bin" / "flask"


class Gunicorn:
    """gunicorn with `config` in its instance/config.py, and, with `pdf_worker`, the PDF
    worker beside it as deployed (`flask --app app pdf-worker`, same instance folder)."""

    def __init__(
        self,
        database: Path,
        folder: Path,
        config: str = "RATE_LIMITS_ENABLED = False\n",
        pdf_worker: bool = False,
    ):
        self.database, self.folder = database, folder
        self.config, self.pdf_worker = config, pdf_worker
        self.process: subprocess.Popen | None = None
        self.worker: subprocess.Popen | None = None
        self.url = ""

    def start(self) -> Gunicorn:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        instance = self.folder / "instance"
        instance.mkdir(exist_ok=True)
        (instance / "config.py").write_text(self.config)
        environment = dict(
            os.environ,
            DATABASE_URL=f"sqlite:///{self.database}",
            SECRET_KEY="reliability-test-secret-key-0123456789",
            INSTANCE_PATH=str(instance),
        )
        with (self.folder / "gunicorn.log").open("ab") as log:
            self.process = subprocess.Popen(
                [str(GUNICORN), "-w", "2", "--timeout", "120", "-b", f"127.0.0.1:{port}"]
                + ["app:create_app()"],
                cwd=ROOT,
                env=environment,
                stdout=subprocess.DEVNULL,
                stderr=log,
                start_new_session=True,
            )
            if self.pdf_worker:
                self.worker = subprocess.Popen(
                    [str(FLASK), "--app", "app", "pdf-worker"],
                    cwd=ROOT,
                    env=environment,
                    stdout=log,
                    stderr=log,
                    start_new_session=True,
                )
        self.url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url + "/", timeout=2).close()
                return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("gunicorn did not start: " + (self.folder / "gunicorn.log").read_text())

    def stop(self, sig: int = signal.SIGTERM) -> None:
        for process in (self.process, self.worker):
            if process and process.poll() is None:
                os.killpg(process.pid, sig)
                process.wait(timeout=30)


def call(url: str, method: str, token: str, body: dict | None = None) -> tuple[int, dict]:
    request = urllib.request.Request(
        url,
        method=method,
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        payload = error.read()
        try:
            return error.code, json.loads(payload)
        except ValueError:
            return error.code, {"raw": payload.decode(errors="replace")}
