"""Eight clients write through two gunicorn workers on one SQLite file: nothing is lost."""

from __future__ import annotations

import signal
import sqlite3
import threading
import time

import pytest

from tests.databases import dialect
from tests.reliability.server import Gunicorn, call, prepare_database

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(dialect() != "sqlite", reason="exercises SQLite's WAL and write locks"),
]

CLIENTS = 8
SHARED_CLAIMS = (1, 2, 3)


@pytest.fixture
def server(tmp_path):
    database = tmp_path / "concurrent.db"
    token, source_id = prepare_database(database)
    gunicorn = Gunicorn(database, tmp_path).start()
    yield gunicorn, token, source_id
    gunicorn.stop()


def new_claim(source_id: int, client: int, n: int) -> dict:
    return {
        "dossier": "openai-chips",
        "statement": f"Client {client} wrote claim number {n}.",
        "attribution": "insider",
        "source": source_id,
        "stated_date": "2024-07",
        "confidence": 50,
    }


def writer(server, client: int, until: float, log: dict, lock: threading.Lock) -> None:
    gunicorn, token, source_id = server
    n = 0
    while time.monotonic() < until:
        n += 1
        status, body = call(
            f"{gunicorn.url}/api/v1/claims", "POST", token, new_claim(source_id, client, n)
        )
        with lock:
            log["responses"].append(status)
            if status == 201:
                log["created"][body["id"]] = body["statement"]
        claim_id = SHARED_CLAIMS[n % len(SHARED_CLAIMS)]
        status, current = call(f"{gunicorn.url}/api/v1/claims/{claim_id}", "GET", token)
        statement = f"Edited by client {client}, round {n}."
        status, body = call(
            f"{gunicorn.url}/api/v1/claims/{claim_id}",
            "PATCH",
            token,
            {"version": current["version"], "statement": statement},
        )
        with lock:
            log["responses"].append(status)
            if status == 200:
                log["edits"].append((claim_id, body["version"], statement))
            elif status == 409:
                log["conflicts"] += 1
            else:
                log["failures"].append((status, body))


def test_concurrent_writes_are_all_kept_and_conflicts_surface(server):
    gunicorn, _, _ = server
    log = {"responses": [], "created": {}, "edits": [], "conflicts": 0, "failures": []}
    lock = threading.Lock()
    until = time.monotonic() + 20
    threads = [
        threading.Thread(target=writer, args=(server, client, until, log, lock))
        for client in range(CLIENTS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    gunicorn.stop()

    assert log["failures"] == []
    assert all(status < 500 for status in log["responses"])
    assert len(log["created"]) > 50
    connection = sqlite3.connect(gunicorn.database)
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = dict(connection.execute("SELECT id, statement FROM claims"))
    for claim_id, statement in log["created"].items():
        assert stored[claim_id] == statement
    for claim_id in SHARED_CLAIMS:
        edits = [(version, text) for cid, version, text in log["edits"] if cid == claim_id]
        versions = [version for version, _ in edits]
        # Every acknowledged edit made a version of its own: none overwrote another silently.
        assert len(versions) == len(set(versions))
        final_version, final_statement = connection.execute(
            "SELECT version, statement FROM claims WHERE id = ?", (claim_id,)
        ).fetchone()
        assert (final_version, final_statement) == max(edits)
    connection.close()


def test_acknowledged_writes_survive_a_kill_in_the_middle_of_a_burst(tmp_path):
    database = tmp_path / "crash.db"
    token, source_id = prepare_database(database)
    gunicorn = Gunicorn(database, tmp_path).start()
    acknowledged: dict[int, str] = {}
    lock = threading.Lock()
    enough = threading.Event()

    def burst(client: int) -> None:
        for n in range(1, 10_000):
            try:
                status, body = call(
                    f"{gunicorn.url}/api/v1/claims", "POST", token, new_claim(source_id, client, n)
                )
            except OSError:
                return  # the server was killed under us
            if status == 201:
                with lock:
                    acknowledged[body["id"]] = body["statement"]
                    if len(acknowledged) >= 60:
                        enough.set()

    threads = [threading.Thread(target=burst, args=(client,)) for client in range(4)]
    for thread in threads:
        thread.start()
    assert enough.wait(timeout=60)
    gunicorn.stop(signal.SIGKILL)
    for thread in threads:
        thread.join()

    restarted = Gunicorn(database, tmp_path).start()
    try:
        for claim_id, statement in acknowledged.items():
            status, body = call(f"{restarted.url}/api/v1/claims/{claim_id}", "GET", token)
            assert status == 200 and body["statement"] == statement
    finally:
        restarted.stop()
    connection = sqlite3.connect(database)
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    connection.close()
