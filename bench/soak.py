"""Fresh gunicorn starts under load, to catch workers that crash soon after boot.

    .venv/bin/python bench/soak.py [--claims 30000] [--starts 17] [--seconds 40] [--clients 8]

On a 30,000-claim dossier, 3 of 17 fresh starts once lost a worker to SIGSEGV 15-35 s after
boot (libpython's visit_decref during a garbage collection; faulthandler pointed at a
SQLAlchemy fetchall in a selectin load). This starts gunicorn as deployed (2 sync workers,
gunicorn.conf.py), `--starts` times, each on the same generated dossier (bench/generate.py)
with the page cache off so every request renders, loads it from `--clients` threads for
`--seconds`, and reads the server's log: gunicorn names a worker killed by a signal, and
Python's faulthandler (PYTHONFAULTHANDLER=1) writes the crashed worker's stacks. Each start's
log is kept in bench/results/soak-<n>.log; the exit status is 1 when any worker crashed.
Loopback only; every run is bounded.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import get  # noqa: E402
from servers import free_port, stop, wait_until_up  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"
RESULTS = ROOT / "bench" / "results"
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
DOSSIER = "bench"  # the slug bench/generate.py imports under
# What a crash leaves in the server's log: gunicorn's note of the signal, faulthandler's dump.
CRASH_SIGNS = re.compile(
    r"was sent SIGSEGV|was sent SIGBUS|was sent SIGABRT|Fatal Python error|Segmentation fault"
)


@dataclass
class StartReport:
    number: int
    requests: int
    errors: int
    crashes: list[str]
    log: Path


def ensure_database(claims: int) -> tuple[Path, dict]:
    database = DATA / f"claims-{claims}.db"
    words_file = DATA / f"claims-{claims}.words.json"
    if not database.exists() or not words_file.exists():
        subprocess.run(
            [str(PYTHON), "bench/generate.py", "--claims", str(claims)], cwd=ROOT, check=True
        )
    return database, json.loads(words_file.read_text())


def start_server(database: Path, port: int, instance: Path, log: Path) -> subprocess.Popen:
    instance.mkdir(parents=True, exist_ok=True)
    # Every request renders (no page cache), so the workers allocate and collect as the first
    # readers after a write make them do; no rate limits to throttle the load.
    (instance / "config.py").write_text("RATE_LIMITS_ENABLED = False\nPAGE_CACHE = False\n")
    environment = dict(
        os.environ,
        DATABASE_URL=f"sqlite:///{database}",
        SECRET_KEY="soak-only-secret-key-0123456789abcdef",
        INSTANCE_PATH=str(instance),
        PYTHONFAULTHANDLER="1",
    )
    command = [str(GUNICORN), "-w", "2", "-b", f"127.0.0.1:{port}", "--log-level", "info"]
    with log.open("wb") as output:
        return subprocess.Popen(
            [*command, "app:create_app()"],
            cwd=ROOT,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )


def addresses(base: str, claims: int, words: dict, rng: random.Random) -> list[str]:
    """A mix of the pages that load many rows: timelines deep and shallow, filters, search,
    claim and entity pages, the JSON list."""
    entities = json.loads(get(f"{base}/api/v1/entities?per_page=200"))["items"]
    slugs = [entity["slug"] for entity in entities] or [words["entity"]]
    paths = [f"/dossiers/{DOSSIER}/", f"/api/v1/claims?dossier={DOSSIER}&per_page=200"]
    for _ in range(200):
        paths += [
            f"/claims/{rng.randint(1, claims)}",
            f"/entities/{rng.choice(slugs)}",
            f"/dossiers/{DOSSIER}/?entity={rng.choice(slugs)}",
            f"/dossiers/{DOSSIER}/?q={words['common']}&from={rng.randint(2015, 2025)}",
            f"/dossiers/{DOSSIER}/?after={rng.randint(2015, 2025)}-06-01.{rng.randint(1, claims)}",
        ]
    rng.shuffle(paths)
    return paths


def load(base: str, paths: list[str], seconds: float, clients: int) -> tuple[int, int]:
    """Request `paths` round-robin from `clients` threads for `seconds`; (requests, errors)."""
    deadline = time.monotonic() + seconds
    counts = [0, 0]
    lock = threading.Lock()

    def client(offset: int) -> None:
        position = offset
        while time.monotonic() < deadline:
            path = paths[position % len(paths)]
            position += clients
            try:
                with urllib.request.urlopen(base + path, timeout=60) as response:
                    response.read()
                failed = 0
            except (urllib.error.HTTPError, OSError) as error:
                failed = int(not (isinstance(error, urllib.error.HTTPError) and error.code < 500))
            with lock:
                counts[0] += 1
                counts[1] += failed

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return counts[0], counts[1]


def soak_once(number: int, database: Path, words: dict, args, scratch: Path) -> StartReport:
    port = free_port()
    log = RESULTS / f"soak-{number}.log"
    server = start_server(database, port, scratch / f"instance-{number}", log)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/api/v1/dossiers")
        rng = random.Random(number)
        requests, errors = load(
            base, addresses(base, args.claims, words, rng), args.seconds, args.clients
        )
    finally:
        stop([server])
    text = log.read_text(errors="replace")
    crashes = [line for line in text.splitlines() if CRASH_SIGNS.search(line)]
    return StartReport(number, requests, errors, crashes, log)


def main() -> None:
    parser = argparse.ArgumentParser(description="Fresh gunicorn starts under load.")
    parser.add_argument("--claims", type=int, default=30_000)
    parser.add_argument("--starts", type=int, default=17)
    parser.add_argument("--seconds", type=float, default=40)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    database, words = ensure_database(args.claims)
    reports = []
    with tempfile.TemporaryDirectory(prefix="claimline-soak-") as scratch:
        for number in range(1, args.starts + 1):
            report = soak_once(number, database, words, args, Path(scratch))
            reports.append(report)
            verdict = f"CRASHED ({len(report.crashes)})" if report.crashes else "ok"
            print(
                f"start {number:>2}: {report.requests:>6} requests, {report.errors} errors, "
                f"{verdict}",
                flush=True,
            )
            for line in report.crashes:
                print(f"           {line}  (see {report.log.relative_to(ROOT)})")
    crashed = [report for report in reports if report.crashes]
    print(f"{len(crashed)} of {len(reports)} fresh starts lost a worker to a crash.")
    sys.exit(1 if crashed else 0)


if __name__ == "__main__":
    main()
