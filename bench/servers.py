"""Starting and stopping the servers the benchmark loads: Claimline under gunicorn as deployed,
on SQLite or PostgreSQL, always on 127.0.0.1."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
SECRET_KEY = "benchmark-only-secret-key-0123456789abcdef"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not come up within {timeout} s")


def sqlite_url(database: Path) -> str:
    return f"sqlite:///{database}"


def claimline_environment(database_url: str, instance: Path) -> dict:
    return dict(
        os.environ, DATABASE_URL=database_url, SECRET_KEY=SECRET_KEY, INSTANCE_PATH=str(instance)
    )


def start_claimline(
    database_url: str, port: int, instance: Path, page_cache: bool, log: Path | None = None
) -> subprocess.Popen:
    """gunicorn with 2 sync workers and the production settings, rate limits off (they would
    throttle wrk); `log` keeps its stderr (the writer run greps it for "database is locked")."""
    instance.mkdir(parents=True, exist_ok=True)
    (instance / "config.py").write_text(f"RATE_LIMITS_ENABLED = False\nPAGE_CACHE = {page_cache}\n")
    environment = claimline_environment(database_url, instance)
    command = [str(GUNICORN), "-w", "2", "-b", f"127.0.0.1:{port}", "--log-level", "warning"]
    stderr = log.open("w") if log else None
    return subprocess.Popen(
        command + ["app:create_app()"], cwd=ROOT, env=environment, stderr=stderr
    )


def stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def writable_server(
    database_url: str, instance: Path, log: Path | None = None
) -> Iterator[tuple[str, str]]:
    """Claimline as deployed (page cache on) with an editor who holds a write token: yields
    the server's base URL and the token, and stops the server after."""
    instance.mkdir(parents=True, exist_ok=True)
    token = writer_account(claimline_environment(database_url, instance))
    port = free_port()
    server = start_claimline(database_url, port, instance, True, log)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_up(base + "/")
        yield base, token
    finally:
        stop([server])


def writer_account(environment: dict) -> str:
    """Create an editor with a write token in the database `environment` names; the token."""
    flask = [str(PYTHON), "-m", "flask", "--app", "app"]
    with tempfile.NamedTemporaryFile("w", suffix=".txt") as password:
        password.write("benchmark-writer-password-0123\n")
        password.flush()
        subprocess.run(
            flask + ["users", "create", "benchwriter", "--role", "editor"]
            + ["--password-file", password.name],
            cwd=ROOT, env=environment, check=True, capture_output=True,
        )  # fmt: skip
    output = subprocess.run(
        flask + ["tokens", "create", "benchwriter", "--scope", "write"],
        cwd=ROOT, env=environment, check=True, capture_output=True, text=True,
    ).stdout.splitlines()  # fmt: skip
    return output[1].strip()
