"""Claimline against itself (issue #17): on PostgreSQL against SQLite, and at 1,000,000 claims
against 100,000. Each section prints every figure beside its target, like run.py's.

- PostgreSQL: the same dossier in a throwaway server (`postgres.py`), the mixed workload's URL
  lists at c=1 and c=16 and the cold table, each beside SQLite's figure from the same run
  (target: within 2×), and the first reader of the timeline after a write.
- Large: the cold table on the large file beside the 100,000-claim one (target: within 2×),
  and the first reader after a write on a copy of the large file (target ≤ 300 ms).
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import cold
import generate
import mixed
import postgres
from load import Result, wrk
from servers import (
    free_port,
    sqlite_url,
    start_claimline,
    stop,
    wait_until_up,
    writable_server,
)

POSTGRES_HEADER = ["workload", "conc.", "PostgreSQL req/s", "p50 ms", "p99 ms", "SQLite req/s",
                   "SQLite p99 ms", "PostgreSQL / SQLite req/s", "errors", "load"]  # fmt: skip
COLD_HEADER = ["page", "{0} p50 ms", "{1} p50 ms", "ratio", "target", ""]


def first_reader(
    database_url: str, source: str, claim_ids: list[int], scratch: Path
) -> list[float]:
    """The first GET of the unfiltered timeline right after each of 15 API writes, in ms, on a
    server (page cache on, as deployed) that only this measurement uses."""
    instance = scratch / f"first-reader-{free_port()}"
    with writable_server(database_url, instance) as (base, token):
        writer = mixed.Writer(base, token, "bench", source, claim_ids)
        return mixed.first_reader_after_write(writer, "/dossiers/bench/")


def first_source_and_claims(database: Path) -> tuple[str, list[int]]:
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    (source,) = connection.execute("SELECT key FROM sources ORDER BY id LIMIT 1").fetchone()
    ids = [row[0] for row in connection.execute("SELECT id FROM claims ORDER BY id LIMIT 200")]
    connection.close()
    return source, ids


def cold_comparison(
    ours: dict[str, tuple[float, float]], reference: dict[str, tuple[float, float]], what: str
) -> tuple[list[list[str]], list[list[str]]]:
    """Rows of the cold table beside the reference's, and a target row each: within 2×."""
    rows, targets = [], []
    for kind, (p50, _p90) in ours.items():
        base = reference[kind][0]
        ratio = p50 / base if base else float("inf")
        met = "met" if ratio <= 2 else "**not met**"
        rows.append([kind, f"{p50:.1f}", f"{base:.1f}", f"{ratio:.2f}×", "≤ 2×", met])
        targets.append([f"cold p50 {kind}, {what}: within 2×", f"{ratio:.2f}×", met])
    return rows, targets


def postgres_sections(
    database: Path,
    claims: int,
    lists: mixed.UrlLists,
    sqlite_mixed: dict[tuple[str, int], Result],
    sqlite_cold: dict[str, tuple[float, float]],
    duration: int,
    scratch: Path,
) -> tuple[list[tuple[str, list[str], list[list[str]]]], list[list[str]]]:
    sections, targets = [], []
    with postgres.server() as url:
        seconds, megabytes = postgres.load(url, database, claims)
        targets.append(generate.import_target_row(claims, seconds, megabytes, "PostgreSQL"))
        cold.render_cards(url)
        port = free_port()
        server = start_claimline(url, port, scratch / "postgres-instance", True)
        try:
            base = f"http://127.0.0.1:{port}"
            wait_until_up(base + "/")
            rows = []
            for (name, connections), theirs in sqlite_mixed.items():
                script = mixed.lua_script(lists.claimline[name], scratch, f"pg-{len(rows)}")
                ours = wrk(base + "/", connections, duration, script=script)
                ratio = ours.requests_per_second / theirs.requests_per_second
                rows.append([
                    name, str(connections), f"{ours.requests_per_second:,.0f}",
                    f"{ours.p50_ms:.1f}", f"{ours.p99_ms:.1f}",
                    f"{theirs.requests_per_second:,.0f}", f"{theirs.p99_ms:.1f}",
                    f"{ratio:.2f}×", str(ours.errors), mixed.load_average(),
                ])  # fmt: skip
                print(" | ".join(rows[-1]), flush=True)
                if connections == 16:
                    met = ratio >= 0.5 and ours.p99_ms <= 2 * theirs.p99_ms and not ours.errors
                    targets.append([
                        f"PostgreSQL mixed c=16, {name}: within 2× of SQLite (req/s and p99)",
                        f"{ratio:.2f}× the req/s, p99 {ours.p99_ms:.0f} vs {theirs.p99_ms:.0f} ms",
                        "met" if met else "**not met**",
                    ])  # fmt: skip
        finally:
            stop([server])
        sections.append(("PostgreSQL: mixed workload beside SQLite's", POSTGRES_HEADER, rows))
        source, claim_ids = first_source_and_claims(database)
        targets.append(mixed.first_reader_target(first_reader(url, source, claim_ids, scratch), 100,
                                           f"PostgreSQL, {claims:,} claims"))  # fmt: skip
        rows, found = cold_comparison(cold.measure(database, 40, url), sqlite_cold, "PostgreSQL")
    header = [cell.format("PostgreSQL", "SQLite") for cell in COLD_HEADER]
    sections.append(("PostgreSQL: cold pages beside SQLite's", header, rows))
    return sections, targets + found


def large_sections(
    large: int, claims: int, reference_cold: dict[str, tuple[float, float]], scratch: Path
) -> tuple[list[tuple[str, list[str], list[list[str]]]], list[list[str]]]:
    database = cold.database_file(large)
    rows, targets = cold_comparison(
        cold.measure(database, 40), reference_cold, f"{large:,} against {claims:,} claims"
    )
    header = [cell.format(f"{large:,}", f"{claims:,}") for cell in COLD_HEADER]
    copy = scratch / "large-writes.db"
    shutil.copy(database, copy)  # the writes go to a copy: the generated file stays as made
    source, claim_ids = first_source_and_claims(database)
    timings = first_reader(sqlite_url(copy), source, claim_ids, scratch)
    targets.append(mixed.first_reader_target(timings, 300, f"{large:,} claims"))
    return [(f"Cold pages at {large:,} claims beside {claims:,}", header, rows)], targets
