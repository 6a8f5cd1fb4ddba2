"""Claimline under gunicorn against Datasette on the same SQLite file, loaded with wrk.

    .venv/bin/python bench/run.py --claims 100000 [--duration 10] [--skip-datasette]
                                  [--skip-writes] [--skip-cold]
    .venv/bin/python bench/run.py --repeated [--no-page-cache]

Builds (or reuses) bench/data/claims-N.db with bench/generate.py, starts Claimline with the
production settings (gunicorn, 2 sync workers, page cache on) and Datasette (`datasette
serve`, its own uvicorn server) on 127.0.0.1 with `Connection: close` (so gunicorn's sync
workers share the load instead of one kept-alive connection pinning one worker). By default
it runs issue #17's measurements: the mixed workload (every request a random URL from
thousands, `mixed.py`) at c=1 and c=16 against Datasette's equivalents, a run with one API
write a second on a copy of the database, the first reader after a write, and the cold table
(`cold.py`), then prints every figure beside its target. `--repeated` runs issue 8's
repeated-URL scenarios instead (`repeated.py`). Loopback only; every run is bounded.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import cold  # noqa: E402
import compare  # noqa: E402
import generate  # noqa: E402
import mixed  # noqa: E402
from load import get, peak_memory_mb, wrk  # noqa: E402
from repeated import report, run_scenarios  # noqa: E402
from servers import (  # noqa: E402
    PYTHON,
    free_port,
    sqlite_url,
    start_claimline,
    stop,
    wait_until_up,
    writable_server,
)

from cli.database import upgrade  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"
RESULTS = ROOT / "bench" / "results"
DATASETTE = ROOT / ".venv-bench" / "bin" / "datasette"
DOSSIER = "bench"


def start_datasette(database: Path, port: int) -> subprocess.Popen:
    # Fastest settings for this data: immutable (no per-request file checks, cached counts),
    # no facet suggestions (about 600 ms a page at 100k rows), 50 rows a page like Claimline.
    command = [
        str(DATASETTE), "serve", "-i", str(database), "-h", "127.0.0.1", "-p", str(port),
        "--setting", "suggest_facets", "off",
        "--setting", "default_page_size", "50",
        "--setting", "sql_time_limit_ms", "10000",
    ]  # fmt: skip
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def ensure_generated(claims: int) -> Path:
    """The generated dossier of `claims` claims, built by bench/generate.py the first time."""
    database = cold.database_file(claims)
    if not database.exists():
        command = [str(PYTHON), "bench/generate.py", "--claims", str(claims)]
        subprocess.run(command, cwd=ROOT, check=True)
    else:
        before = revision(database)
        upgrade(sqlite_url(database))
        if revision(database) != before:
            # Generated before the latest migrations: the schema as deployed, and the
            # planner's statistics for it, as bench/generate.py gathers them.
            with sqlite3.connect(database) as connection:
                connection.execute("ANALYZE")
    cold.render_cards(sqlite_url(database))
    return database


def revision(database: Path) -> str:
    with sqlite3.connect(database) as connection:
        return connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]


def check_datasette_search(base: str, word: str, total: int) -> None:
    """Datasette ignores _search silently when it does not see the FTS table: make sure."""
    body = json.loads(get(f"{base}.json?_search={word}&_size=1"))
    count = body.get("filtered_table_rows_count")
    if count is None or count >= total:
        raise SystemExit(f"Datasette did not filter _search={word} ({count} of {total} rows)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--skip-datasette", action="store_true")
    parser.add_argument(
        "--repeated",
        action="store_true",
        help="the repeated-URL scenarios of issue 8 instead of the mixed workload",
    )
    parser.add_argument(
        "--no-page-cache",
        action="store_true",
        help="with --repeated: render every page (what a page costs when nobody asked for it yet)",
    )
    parser.add_argument("--skip-cold", action="store_true", help="no in-process cold table")
    parser.add_argument("--skip-writes", action="store_true", help="no run with a writer")
    parser.add_argument(
        "--skip-import", action="store_true", help="no timed import of the generated dossier"
    )
    parser.add_argument(
        "--postgresql",
        action="store_true",
        help="also run the mixed workload and the cold table on PostgreSQL, beside SQLite's",
    )
    parser.add_argument(
        "--large",
        type=int,
        metavar="N",
        help="also the cold table and the first reader after a write at N claims",
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk (make bench does this)")
    database = ensure_generated(args.claims)
    if args.large:
        ensure_generated(args.large)
    words = json.loads((DATA / f"claims-{args.claims}.words.json").read_text())
    use_datasette = not args.skip_datasette and DATASETTE.exists()
    page_cache = not (args.repeated and args.no_page_cache)

    processes = []
    sections: list[tuple[str, list[str], list[list[str]]]] = []
    targets: list[list[str]] = []
    with tempfile.TemporaryDirectory() as scratch:
        try:
            port = free_port()
            instance = Path(scratch) / "i"
            processes.append(start_claimline(sqlite_url(database), port, instance, page_cache))
            claimline = f"http://127.0.0.1:{port}"
            wait_until_up(claimline + "/")
            datasette = None
            if use_datasette:
                dport = free_port()
                processes.append(start_datasette(database, dport))
                wait_until_up(f"http://127.0.0.1:{dport}/-/versions.json")
                datasette = f"http://127.0.0.1:{dport}/{database.stem}/claims"
                check_datasette_search(datasette, words["rare"], args.claims)
            if args.repeated:
                rows = run_scenarios(claimline, datasette, args, words, processes[0])
                report(rows, args)
                return
            lists = mixed.url_lists(database, DOSSIER, f"/{database.stem}/claims")
            rows, found, sqlite_mixed = mixed.run_mixed(
                claimline, datasette, lists, wrk, args.duration, Path(scratch)
            )
            sections.append(("Mixed workload, every request a random URL", MIXED_HEADER, rows))
            targets += found
            peaks = peak_memory_mb(processes[0])
            targets.append(
                [
                    "peak memory per web worker ≤ 200 MB",
                    ", ".join(f"{peak:.0f} MB" for peak in peaks),
                    "met" if max(peaks) <= 200 else "**not met**",
                ]
            )
        finally:
            stop(processes)
        if not args.skip_writes:
            rows, found = run_with_writer(database, lists, args, Path(scratch))
            sections.append(("One writer a second (SQLite copy)", WRITES_HEADER, rows))
            targets += found
        if not args.skip_import:
            url = sqlite_url(Path(scratch) / "import.db")
            claims = min(args.claims, generate.IMPORT_LIMIT)
            seconds, megabytes = generate.timed_import_of_document(claims, url)
            targets.append(generate.import_target_row(claims, seconds, megabytes, "SQLite"))
        if not args.skip_cold or args.postgresql or args.large:
            results = cold.measure(database, 40)
            sections.append(("Cold pages at c=1, in process", COLD_HEADER, cold.rows(results)))
            targets += [[f"cold p50 {row[0]} {row[3]} ms", row[1] + " ms", row[4]]
                        for row in cold.rows(results)]  # fmt: skip
        if args.postgresql:
            more, found = compare.postgres_sections(
                database, args.claims, lists, sqlite_mixed, results, args.duration, Path(scratch)
            )
            sections += more
            targets += found
        if args.large:
            more, found = compare.large_sections(args.large, args.claims, results, Path(scratch))
            sections += more
            targets += found
    sections.append(("Against the targets (issue #17)", ["target", "measured", ""], targets))
    report_sections(sections, args)


MIXED_HEADER = ["workload", "conc.", "req/s", "p50 ms", "p99 ms", "Datasette req/s",
                "Datasette p99 ms", "ratio", "errors (ours, theirs)", "load"]  # fmt: skip
WRITES_HEADER = ["run", "req/s", "p50 ms", "p99 ms", "errors", "load"]
COLD_HEADER = ["page", "p50 ms", "p90 ms", "target p50 ms", ""]


def run_with_writer(database: Path, lists, args, scratch: Path):
    """On a copy of the database (Datasette reads the original as immutable): readers with and
    without a writer posting or patching a claim every second, then the first reader after."""
    copy = scratch / "writes.db"
    shutil.copy(database, copy)
    source, _claims = compare.first_source_and_claims(copy)
    log = scratch / "writes-server.log"
    with writable_server(sqlite_url(copy), scratch / "writes-instance", log) as (base, token):
        return mixed.run_writes(base, token, lists, wrk, args.duration, scratch, source, log)


def report_sections(sections, args) -> None:
    lines = [
        f"Claimline vs Datasette, {args.claims:,} claims, {os.cpu_count()} cores, "
        f"{args.duration} s per wrk run, gunicorn -w 2 (sync), Connection: close, page cache on",
    ]
    for title, header, rows in sections:
        lines += ["", f"### {title}", "", "| " + " | ".join(header) + " |"]
        lines += ["|" + "---|" * len(header)]
        lines += ["| " + " | ".join(cells) + " |" for cells in rows]
    text = "\n".join(lines)
    print()
    print(text)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"latest-{args.claims}-mixed.md").write_text(text + "\n")


if __name__ == "__main__":
    sys.exit(main())
