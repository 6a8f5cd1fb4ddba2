"""The mixed workload (issue #17): every request a different URL, so no cache answers twice.

wrk runs a Lua script that picks each request at random from a list of distinct URLs drawn
from the data: claim pages over all claims, timeline pages with a random attribution, year,
entity and tag, searches over words found in the claims, entity pages, and API lists with
random filters. Datasette gets the nearest equivalent of each list in the same run (it cannot
filter by entity or tag through the join tables, so its timelines filter by attribution and
year only, and it has no entity page). A writer thread posts or patches a claim through the
API every second while the readers read, and the first reader after a write is timed.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import statistics
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from load import Result

SEED = 17
URLS_PER_LIST = 4000

LUA = """
local paths = {}
for line in io.lines("%(path)s") do paths[#paths + 1] = line end
local thread_seed = 0
function setup(thread)
  thread_seed = thread_seed + 1
  thread:set("seed", thread_seed)
end
function init(args)
  math.randomseed(os.time() * 1000 + (seed or 0))
end
function request()
  return wrk.format("GET", paths[math.random(#paths)])
end
"""


@dataclass
class UrlLists:
    """Paths for Claimline and, where it has one, the Datasette equivalent, per workload."""

    claimline: dict[str, list[str]] = field(default_factory=dict)
    datasette: dict[str, list[str]] = field(default_factory=dict)


def search_words(connection: sqlite3.Connection, rng: random.Random, count: int) -> list[str]:
    """Words found in the claims, common and rare alike (drawn from a sample of statements)."""
    words: set[str] = set()
    rows = connection.execute("SELECT statement FROM claims ORDER BY random() LIMIT 3000")
    for (statement,) in rows:
        words.update(w.strip(".,;:'\"()").lower() for w in statement.split() if len(w) >= 4)
    alphabetic = sorted(w for w in words if w.isalpha())
    return rng.sample(alphabetic, min(count, len(alphabetic)))


def url_lists(database: Path, dossier: str, table: str) -> UrlLists:
    """Build every workload's list of distinct URLs from the data itself (seeded)."""
    rng = random.Random(SEED)
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    ids = [row[0] for row in connection.execute("SELECT id FROM claims WHERE deleted_at IS NULL")]
    entities = [row[0] for row in connection.execute("SELECT slug FROM entities")]
    tags = [row[0] for row in connection.execute("SELECT key FROM tags")]
    first, last = connection.execute(
        "SELECT min(substr(timeline_date, 1, 4)), max(substr(timeline_date, 1, 4)) FROM claims"
        " WHERE timeline_date > '1000'"
    ).fetchone()
    years = list(range(int(first), int(last) + 1))
    attributions = "insider analysis data private public report".split()
    words = search_words(connection, rng, 400)
    connection.close()

    lists = UrlLists()
    claims = rng.sample(ids, min(URLS_PER_LIST, len(ids)))
    lists.claimline["claim pages"] = [f"/claims/{i}" for i in claims]
    lists.datasette["claim pages"] = [f"{table}/{i}" for i in claims]

    timelines, their_timelines = [], []
    for _ in range(URLS_PER_LIST // 2):
        attribution, year = rng.choice(attributions), rng.choice(years)
        ours = f"/dossiers/{dossier}/?attribution={attribution}&from={year}&to={year}"
        if rng.random() < 0.4:
            ours += f"&entity={rng.choice(entities)}"
        if rng.random() < 0.4:
            ours += f"&tag={rng.choice(tags)}"
        timelines.append(ours)
        their_timelines.append(
            f"{table}?_sort=timeline_date&_size=50&attribution={attribution}"
            f"&timeline_date__gte={year}-01-01&timeline_date__lte={year}-12-31"
        )
    for _ in range(URLS_PER_LIST // 2):
        word = rng.choice(words)
        extra = f"&attribution={rng.choice(attributions)}" if rng.random() < 0.5 else ""
        timelines.append(f"/dossiers/{dossier}/?q={word}{extra}")
        their = f"{table}?_search={word}&_size=50"
        their_timelines.append(their + extra)
    lists.claimline["filtered timelines and searches"] = timelines
    lists.datasette["filtered timelines and searches"] = their_timelines

    lists.claimline["entity pages"] = [f"/entities/{slug}" for slug in entities]

    api, their_api = [], []
    for _ in range(URLS_PER_LIST):
        attribution, year = rng.choice(attributions), rng.choice(years)
        # A random minimum confidence too: attribution x year alone gives only ~160 URLs.
        confidence = rng.randrange(0, 95)
        api.append(
            f"/api/v1/claims?dossier={dossier}&per_page=50&attribution={attribution}"
            f"&from={year}&to={year}&min_confidence={confidence}"
        )
        their_api.append(
            f"{table}.json?_sort=timeline_date&_size=50&_shape=objects&attribution={attribution}"
            f"&timeline_date__gte={year}-01-01&timeline_date__lte={year}-12-31"
            f"&confidence__gte={confidence}"
        )
    lists.claimline["API lists"] = api
    lists.datasette["API lists"] = their_api
    return lists


def lua_script(paths: list[str], scratch: Path, name: str) -> Path:
    """A wrk script that sends each request to one of `paths`, chosen at random."""
    url_file = scratch / f"{name}.urls"
    url_file.write_text("\n".join(paths) + "\n")
    script = scratch / f"{name}.lua"
    script.write_text(LUA % {"path": url_file})
    return script


class Writer(threading.Thread):
    """Posts a new claim or patches an existing one through the API, once a second."""

    def __init__(self, base: str, token: str, dossier: str, source: str, claim_ids: list[int]):
        super().__init__(daemon=True)
        self.base, self.token, self.dossier, self.source = base, token, dossier, source
        self.claim_ids = claim_ids
        self.stop = threading.Event()
        self.created: list[int] = []
        self.patched = 0
        self.failures: list[str] = []

    def call(self, method: str, path: str, body: dict | None = None) -> dict:
        request = urllib.request.Request(
            self.base + path,
            method=method,
            data=json.dumps(body).encode() if body is not None else None,
            headers={"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read() or b"{}")

    def write_once(self, number: int) -> None:
        if number % 2 == 0:
            body = {
                "dossier": self.dossier,
                "statement": f"Benchmark writer claim number {number}",
                "attribution": "public",
                "source": self.source,
                "stated_date": "2024",
                "confidence": 50,
            }
            self.created.append(self.call("POST", "/api/v1/claims", body)["id"])
        else:
            claim_id = self.claim_ids[number % len(self.claim_ids)]
            current = self.call("GET", f"/api/v1/claims/{claim_id}")
            patch = {"version": current["version"], "confidence": 10 + number % 80}
            self.call("PATCH", f"/api/v1/claims/{claim_id}", patch)
            self.patched += 1

    def run(self) -> None:
        number = 0
        while not self.stop.is_set():
            started = time.monotonic()
            try:
                self.write_once(number)
            except Exception as error:  # noqa: BLE001 - every failure is a finding to report
                self.failures.append(f"{type(error).__name__}: {error}")
            number += 1
            self.stop.wait(max(0.0, 1.0 - (time.monotonic() - started)))


def first_reader_after_write(writer: Writer, path: str, rounds: int = 15) -> list[float]:
    """Milliseconds the first GET of `path` takes right after each of `rounds` API writes."""
    timings = []
    for number in range(rounds):
        writer.write_once(1000 + number)
        started = time.perf_counter()
        with urllib.request.urlopen(writer.base + path, timeout=60) as response:
            response.read()
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def median(values: list[float]) -> float:
    return statistics.median(values)


def load_average() -> str:
    return f"{os.getloadavg()[0]:.1f}"


def run_mixed(
    claimline: str, datasette: str | None, lists: UrlLists, wrk, duration: int, scratch: Path
) -> tuple[list[list[str]], list[list[str]], dict[tuple[str, int], Result]]:
    """Every workload against Datasette's equivalent at c=1 and c=16: table rows, targets, and
    Claimline's result for each (workload, connections)."""
    rows, targets, results = [], [], {}
    for name, paths in lists.claimline.items():
        ours_script = lua_script(paths, scratch, f"ours-{len(rows)}")
        theirs_paths = lists.datasette.get(name)
        theirs_script = (
            lua_script(theirs_paths, scratch, f"theirs-{len(rows)}")
            if datasette and theirs_paths
            else None
        )
        for connections in (1, 16):
            ours = wrk(claimline + "/", connections, duration, script=ours_script)
            results[name, connections] = ours
            theirs = (
                wrk(datasette + "/", connections, duration, script=theirs_script)
                if theirs_script
                else None
            )
            # Datasette answering errors (a wrong path) would look fast: no ratio then.
            ratio = (
                ours.requests_per_second / theirs.requests_per_second
                if theirs and theirs.requests_per_second and not theirs.errors
                else None
            )
            rows.append([
                name, str(connections), f"{ours.requests_per_second:,.0f}", f"{ours.p50_ms:.1f}",
                f"{ours.p99_ms:.1f}", f"{theirs.requests_per_second:,.0f}" if theirs else "–",
                f"{theirs.p99_ms:.0f}" if theirs else "–", f"{ratio:.1f}×" if ratio else "–",
                f"{ours.errors}, {theirs.errors if theirs else '–'}", load_average(),
            ])  # fmt: skip
            print(" | ".join(rows[-1]), flush=True)
            if connections == 16 and name in ("claim pages", "filtered timelines and searches"):
                met = ratio is not None and ratio >= 5 and ours.p99_ms < 250
                figure = (
                    f"{ratio:.1f}×, p99 {ours.p99_ms:.0f} ms"
                    if ratio
                    else f"no ratio (Datasette: {theirs.requests_per_second if theirs else '–'}"
                    f" req/s), p99 {ours.p99_ms:.0f} ms"
                )
                targets.append([
                    f"mixed c=16, random {name}: ≥ 5× Datasette, p99 < 250 ms", figure,
                    "met" if met else "**not met**",
                ])  # fmt: skip
    return rows, targets, results


def run_writes(
    base: str,
    token: str,
    lists: UrlLists,
    wrk,
    duration: int,
    scratch: Path,
    source: str,
    server_log: Path,
) -> tuple[list[list[str]], list[list[str]]]:
    """Readers with and without one write a second, then the first reader after a write."""
    everything = [path for paths in lists.claimline.values() for path in paths]
    script = lua_script(everything, scratch, "everything")
    claim_ids = [int(path.rsplit("/", 1)[1]) for path in lists.claimline["claim pages"][:200]]
    quiet = wrk(base + "/", 16, duration, script=script)
    quiet_load = load_average()
    writer = Writer(base, token, "bench", source, claim_ids)
    writer.start()
    busy = wrk(base + "/", 16, duration, script=script)
    busy_load = load_average()
    writer.stop.set()
    writer.join()
    lost = [i for i in writer.created if not _exists(base, f"/api/v1/claims/{i}", token)]
    locked = server_log.read_text().count("database is locked")
    firsts = first_reader_after_write(writer, "/dossiers/bench/")
    rows = [
        ["readers alone, c=16 (all workloads)", f"{quiet.requests_per_second:,.0f}",
         f"{quiet.p50_ms:.1f}", f"{quiet.p99_ms:.1f}", str(quiet.errors), quiet_load],
        ["readers with one write a second", f"{busy.requests_per_second:,.0f}",
         f"{busy.p50_ms:.1f}", f"{busy.p99_ms:.1f}", str(busy.errors), busy_load],
    ]  # fmt: skip
    print(rows, flush=True)
    writes = len(writer.created) + writer.patched
    ratio = busy.p99_ms / quiet.p99_ms if quiet.p99_ms else float("inf")
    clean = not writer.failures and not lost and not locked and busy.errors == 0
    answered = quiet.requests_per_second > 0 and busy.requests_per_second > 0
    targets = [
        [
            "readers' p99 with one write a second within 1.5× of without",
            f"{busy.p99_ms:.0f} vs {quiet.p99_ms:.0f} ms ({ratio:.2f}×)",
            "met" if answered and ratio <= 1.5 else "**not met**",
        ],
        [
            "no 'database is locked', no lost write",
            f"{writes} writes, {len(writer.failures)} failed, {len(lost)} lost, "
            f"{locked} locked; {writer.failures[:2]}",
            "met" if clean else "**not met**",
        ],
        first_reader_target(firsts, 100, "SQLite"),
    ]
    return rows, targets


def first_reader_target(timings: list[float], limit: int, where: str) -> list[str]:
    """The target row of `first_reader_after_write`'s timings."""
    p50 = median(timings)
    return [
        f"first reader of the timeline after a write, {where}: ≤ {limit} ms",
        f"p50 {p50:.0f} ms, max {max(timings):.0f} ms (load {load_average()})",
        "met" if p50 <= limit else "**not met**",
    ]


def _exists(base: str, path: str, token: str) -> bool:
    request = urllib.request.Request(base + path, headers={"Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status == 200
    except OSError:
        return False
