"""Claimline on PostgreSQL for the benchmark (issue #17): a throwaway server holding the same
dossier as the SQLite file, so every workload can be run on both and compared.

The server is initialised in a temporary folder, listens only on a Unix socket there, and is
stopped and removed on exit. Unlike the test suite's server (tests/with-postgres.sh) it keeps
PostgreSQL's default durability (fsync, synchronous commit): the figures are a deployment's.
The dossier is bench/generate.py's document again (seeded: the same claims in the same order,
so the same ids and every URL list built from the SQLite file holds), imported by the same
code as `flask import`, its time and peak memory printed like the SQLite import's.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import generate  # noqa: E402
from sqlalchemy import text  # noqa: E402

from db import make_engine  # noqa: E402

DATABASE = "claimline"


def server_binaries() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: p.parts[-3])
    if not found:
        raise SystemExit("No PostgreSQL server: apt-get install postgresql (make bench does this)")
    return found[-1].parent


@contextmanager
def server() -> Iterator[str]:
    """A running PostgreSQL server with an empty `claimline` database; yields its URL."""
    binaries = server_binaries()
    folder = Path(tempfile.mkdtemp(prefix="claimline-bench-pg."))
    # initdb refuses to run as root; the Debian package creates the postgres user.
    owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if owner:
        shutil.chown(folder, "postgres")
    data = folder / "data"
    try:
        run(owner + [str(binaries / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
                     "-E", "UTF8"])  # fmt: skip
        options = f"-k {folder} -c listen_addresses="
        run(owner + [str(binaries / "pg_ctl"), "-D", str(data), "-w", "-l",
                     str(folder / "server.log"), "-o", options, "start"])  # fmt: skip
        run(owner + [str(binaries / "createdb"), "-h", str(folder), "-U", "postgres", DATABASE])
        yield f"postgresql+psycopg://postgres@/{DATABASE}?host={folder}"
    finally:
        subprocess.run(
            owner + [str(binaries / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"],
            capture_output=True,
        )
        shutil.rmtree(folder, ignore_errors=True)


def run(command: list[str]) -> None:
    subprocess.run(command, check=True, capture_output=True)


def load(url: str, database: Path, claims: int) -> tuple[float, float]:
    """Migrate, import the generated dossier of `claims` claims, analyse, and check it holds
    the claims of the SQLite `database` under the same ids; the import's seconds and peak
    megabytes."""
    if claims > generate.IMPORT_LIMIT:
        raise SystemExit(f"PostgreSQL runs load at most {generate.IMPORT_LIMIT:,} claims.")
    seconds, megabytes = generate.timed_import_of_document(claims, url)
    engine = make_engine(url)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE"))
        theirs = connection.execute(text(SAMPLE)).all()
    engine.dispose()
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as sqlite:
        ours = sqlite.execute(SAMPLE).fetchall()
    if [tuple(row) for row in theirs] != ours:
        raise SystemExit("The PostgreSQL import does not hold the SQLite file's claims and ids")
    return seconds, megabytes


# Every 97th claim's id and key, with the count: the two databases must agree, or the URL
# lists built from the SQLite file would ask PostgreSQL for other claims.
SAMPLE = "SELECT id, key, (SELECT count(*) FROM claims) FROM claims WHERE id % 97 = 0 ORDER BY id"
