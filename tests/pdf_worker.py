"""A real `flask --app app pdf-worker` process beside a test app, sharing its database,
queue file and folder of rendered files."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

from tests.conftest import ROOT, build_app

FLASK = ROOT / ".venv" / "bin" / "flask"


def queued_app(folder: Path, template, **config):
    """An app whose PDFs go through a queue file in `folder`, as deployed (not inline)."""
    return build_app(
        folder,
        template,
        PDF_QUEUE_IMMEDIATE=False,
        PDF_QUEUE_FILE=str(folder / "pdf-queue.db"),
        RENDERED_FILES_DIR=str(folder / "rendered"),
        **config,
    )


class PdfWorker:
    """The consumer, started in its own process group so that stop() ends all of it."""

    def __init__(self, app, folder: Path):
        self.app, self.folder = app, folder
        self.process: subprocess.Popen | None = None

    def start(self) -> PdfWorker:
        instance = self.folder / "worker-instance"
        instance.mkdir(exist_ok=True)
        settings = ("PDF_QUEUE_FILE", "RENDERED_FILES_DIR")
        (instance / "config.py").write_text(
            "".join(f"{name} = {self.app.config[name]!r}\n" for name in settings)
        )
        environment = dict(
            os.environ,
            DATABASE_URL=self.app.config["DATABASE_URL"],
            SECRET_KEY="pdf-worker-test-secret-key-0123456789",
            INSTANCE_PATH=str(instance),
        )
        with (self.folder / "pdf-worker.log").open("ab") as log:
            self.process = subprocess.Popen(
                [str(FLASK), "--app", "app", "pdf-worker"],
                cwd=ROOT,
                env=environment,
                stdout=log,
                stderr=log,
                start_new_session=True,
            )
        return self

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, sig)
            self.process.wait(timeout=30)


def wait_for(predicate, seconds: float = 120, what: str = "the PDF worker"):
    """Poll `predicate` until it returns something true; fail after `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(0.2)
    raise AssertionError(f"Waited {seconds} s for {what}")
