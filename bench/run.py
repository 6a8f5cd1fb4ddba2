"""Claimline under gunicorn against Datasette on the same SQLite file, loaded with wrk.

    .venv/bin/python bench/run.py --claims 100000 [--duration 10] [--skip-datasette]
                                  [--no-page-cache]

Builds (or reuses) bench/data/claims-N.db with bench/generate.py, starts Claimline with the
production settings (gunicorn, 2 sync workers) and Datasette (`datasette serve`, its own
uvicorn server) on 127.0.0.1, warms both up, runs every scenario at concurrency 1 and 16 with
`Connection: close` (so gunicorn's sync workers share the load instead of one kept-alive
connection pinning one worker), and prints one table. Loopback only; every run is bounded.
With --no-page-cache every request renders its page: what the first reader after a write
waits for, where the default measures what every later reader gets.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"
RESULTS = ROOT / "bench" / "results"
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
DATASETTE = ROOT / ".venv-bench" / "bin" / "datasette"
DOSSIER = "bench"


@dataclass
class Scenario:
    name: str
    claimline: str
    datasette: str | None = None


@dataclass
class Result:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not come up within {timeout} s")


def get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read()


def start_claimline(
    database: Path, port: int, instance: Path, page_cache: bool
) -> subprocess.Popen:
    instance.mkdir(parents=True, exist_ok=True)
    # The benchmark measures serving, not the abuse limits that would throttle wrk.
    (instance / "config.py").write_text(f"RATE_LIMITS_ENABLED = False\nPAGE_CACHE = {page_cache}\n")
    environment = dict(
        os.environ,
        DATABASE_URL=f"sqlite:///{database}",
        SECRET_KEY="benchmark-only-secret-key-0123456789abcdef",
        INSTANCE_PATH=str(instance),
    )
    command = [str(GUNICORN), "-w", "2", "-b", f"127.0.0.1:{port}", "--log-level", "warning"]
    return subprocess.Popen(command + ["app:create_app()"], cwd=ROOT, env=environment)


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


def wrk(url: str, connections: int, duration: int) -> Result:
    threads = min(connections, 2)
    command = [
        "wrk", "--latency", "-H", "Connection: close", "-t", str(threads),
        "-c", str(connections), "-d", f"{duration}s", "--timeout", "30s", url,
    ]  # fmt: skip
    output = subprocess.run(command, capture_output=True, text=True, timeout=duration + 60).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", output, re.MULTILINE))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    failed = int(errors.group(1)) if errors else 0
    if socket_errors:
        connect, _read, _write, timeout = (int(value) for value in socket_errors.groups())
        failed += connect + timeout
    return Result(rate, milliseconds(percentiles["50"]), milliseconds(percentiles["99"]), failed)


def milliseconds(text: str) -> float:
    value, unit = re.match(r"([\d.]+)(\w+)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def deep_cursor(base: str, claims: int) -> str:
    """Follow the API's keyset links to the position after about half the claims."""
    target = claims // 2
    size = 200 if claims >= 10_000 else 100
    url = f"{base}/api/v1/claims?dossier={DOSSIER}&per_page={size}"
    seen = 0
    while seen + size <= target:
        body = json.loads(get(url))
        seen += len(body["items"])
        url = body["next"]
    return url.split("after=")[1].split("&")[0]


def datasette_deep_next(base: str, claims: int) -> str:
    size = 1000 if claims >= 10_000 else 100
    url = f"{base}.json?_sort=timeline_date&_size={size}&_shape=objects"
    seen = 0
    while seen + size <= claims // 2:
        body = json.loads(get(url))
        seen += len(body["rows"])
        url = body["next_url"]
    return url.split("_next=")[1].split("&")[0]


def scenarios(claimline: str, datasette: str | None, claims: int, words: dict) -> list[Scenario]:
    after = deep_cursor(claimline, claims)
    next_token = datasette_deep_next(datasette, claims) if datasette else None
    table = ""  # `datasette` already ends with /<database>/claims
    sort = "_sort=timeline_date&_size=50"
    return [
        Scenario("timeline first page", f"/dossiers/{DOSSIER}/", f"{table}?{sort}"),
        Scenario(
            "timeline deep page (keyset)",
            f"/dossiers/{DOSSIER}/?after={after}",
            f"{table}?{sort}&_next={next_token}" if next_token else None,
        ),
        Scenario(
            "filtered (attribution+entity+dates)",
            f"/dossiers/{DOSSIER}/?attribution=insider&entity={words['entity']}&from=2019&to=2022",
            f"{table}?{sort}&attribution=insider&timeline_date__gte=2019-01-01"
            "&timeline_date__lte=2022-12-31",
        ),
        Scenario(
            f"search rare word ({words['rare']})",
            f"/dossiers/{DOSSIER}/?q={words['rare']}",
            f"{table}?_search={words['rare']}&_size=50",
        ),
        Scenario(
            f"search common word ({words['common']})",
            f"/dossiers/{DOSSIER}/?q={words['common']}",
            f"{table}?_search={words['common']}&_size=50",
        ),
        Scenario("claim page", f"/claims/{claims // 3}", f"{table}/{claims // 3}"),
        Scenario("entity page (public/private)", f"/entities/{words['entity']}", None),
        Scenario(
            "API list page (JSON)",
            f"/api/v1/claims?dossier={DOSSIER}&per_page=50",
            f"{table}.json?{sort}&_shape=objects",
        ),
    ]


def peak_memory_mb(master: subprocess.Popen) -> list[float]:
    """VmHWM (peak resident set) of each gunicorn worker, in MB."""
    children = Path(f"/proc/{master.pid}/task/{master.pid}/children").read_text().split()
    peaks = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        peaks.append(int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024)
    return peaks


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
        "--no-page-cache",
        action="store_true",
        help="render every page (shows what a page costs when no reader has asked for it yet)",
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk (make bench does this)")
    database = DATA / f"claims-{args.claims}.db"
    if not database.exists():
        subprocess.run(
            [str(PYTHON), "bench/generate.py", "--claims", str(args.claims)], cwd=ROOT, check=True
        )
    words = json.loads((DATA / f"claims-{args.claims}.words.json").read_text())
    use_datasette = not args.skip_datasette and DATASETTE.exists()

    processes = []
    with tempfile.TemporaryDirectory() as scratch:
        try:
            port = free_port()
            processes.append(
                start_claimline(database, port, Path(scratch) / "instance", not args.no_page_cache)
            )
            claimline = f"http://127.0.0.1:{port}"
            wait_until_up(claimline + "/")
            datasette = None
            if use_datasette:
                dport = free_port()
                processes.append(start_datasette(database, dport))
                wait_until_up(f"http://127.0.0.1:{dport}/-/versions.json")
                datasette = f"http://127.0.0.1:{dport}/{database.stem}/claims"
                check_datasette_search(datasette, words["rare"], args.claims)
            rows = run_scenarios(claimline, datasette, args, words, processes[0])
        finally:
            for process in processes:
                process.send_signal(signal.SIGTERM)
                process.wait(timeout=30)
    report(rows, args)


def run_scenarios(claimline, datasette, args, words, master) -> list[list[str]]:
    rows = []
    for scenario in scenarios(claimline, datasette, args.claims, words):
        for url in filter(
            None,
            (
                claimline + scenario.claimline,
                datasette and scenario.datasette and datasette + scenario.datasette,
            ),
        ):
            for _ in range(20):
                get(url)
        for connections in (1, 16):
            ours = wrk(claimline + scenario.claimline, connections, args.duration)
            theirs = (
                wrk(datasette + scenario.datasette, connections, args.duration)
                if datasette and scenario.datasette
                else None
            )
            rows.append(row(scenario.name, connections, ours, theirs))
            print(" | ".join(rows[-1]), flush=True)
    peaks = peak_memory_mb(master)
    rows.append(
        [
            "peak memory per worker",
            "",
            ", ".join(f"{peak:.0f} MB" for peak in peaks),
            "",
            "",
            "",
            "",
            "",
        ]
    )
    return rows


def row(name: str, connections: int, ours: Result, theirs: Result | None) -> list[str]:
    if theirs is None:
        ratio = "–"
    elif theirs.requests_per_second == 0:
        ratio = "∞ (none answered)"  # every Datasette request outlived the run
    else:
        ratio = f"{ours.requests_per_second / theirs.requests_per_second:.1f}×"
    return [
        name,
        str(connections),
        f"{ours.requests_per_second:,.0f}",
        f"{ours.p50_ms:.1f}",
        f"{ours.p99_ms:.1f}",
        f"{theirs.requests_per_second:,.0f}" if theirs else "–",
        ratio,
        str(ours.errors),
    ]


def report(rows: list[list[str]], args) -> None:
    header = [
        "scenario",
        "conc.",
        "req/s",
        "p50 ms",
        "p99 ms",
        "Datasette req/s",
        "ratio",
        "errors",
    ]
    lines = [
        f"Claimline vs Datasette, {args.claims:,} claims, {os.cpu_count()} cores, "
        f"{args.duration} s per run, gunicorn -w 2 (sync), Connection: close, "
        f"page cache {'off' if args.no_page_cache else 'on'}",
        "",
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
    ]
    lines += ["| " + " | ".join(cells) + " |" for cells in rows]
    text = "\n".join(lines)
    print()
    print(text)
    RESULTS.mkdir(exist_ok=True)
    suffix = "-no-page-cache" if args.no_page_cache else ""
    (RESULTS / f"latest-{args.claims}{suffix}.md").write_text(text + "\n")


if __name__ == "__main__":
    sys.exit(main())
