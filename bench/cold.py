"""Cold pages (issue #17): each request a distinct URL with the page cache and the per-process
aggregate cache (counts, facets, strip) off, so every figure is what a first reader waits for.

    .venv/bin/python bench/cold.py --claims 100000 [--requests 40]

Runs in process through Flask's test client (no HTTP server, no wrk): the figures are the
application's own time for one request, SQL and rendering, the floor under what a reader sees.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from mixed import url_lists  # noqa: E402

DOSSIER = "bench"
# Issue #17's cold p50 targets at concurrency 1, in milliseconds.
TARGETS = {
    "claim page": 5,
    "filtered timeline": 30,
    "unfiltered timeline": 50,
    "search": 50,
    "entity page": 30,
    "JSON list with a filter": 15,
}


def database_file(claims: int) -> Path:
    """The file bench/generate.py builds for `claims` claims."""
    return ROOT / "bench" / "data" / f"claims-{claims}.db"


def cold_paths(database: Path, requests: int) -> dict[str, list[str]]:
    lists = url_lists(database, DOSSIER, "")
    rng = random.Random(29)
    timelines = lists.claimline["filtered timelines and searches"]
    half = len(timelines) // 2
    # The default order has no parameter: "?order=event" redirects to the canonical URL.
    unfiltered = [f"/dossiers/{DOSSIER}/", f"/dossiers/{DOSSIER}/?order=stated"]
    return {
        "claim page": rng.sample(lists.claimline["claim pages"], requests),
        "filtered timeline": rng.sample(timelines[:half], requests),
        "unfiltered timeline": [unfiltered[n % len(unfiltered)] for n in range(requests)],
        "search": rng.sample(timelines[half:], requests),
        "entity page": rng.sample(lists.claimline["entity pages"], requests),
        "JSON list with a filter": rng.sample(lists.claimline["API lists"], requests),
    }


def render_cards(url: str) -> None:
    """Render the claims' cards no write rendered (`flask cards refresh`): a deployment runs
    it after an import, and the generated dossier is one import."""
    os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key-0123456789abcdef")
    from app import create_app
    from db import get_session
    from web import claim_cards

    app = create_app({"DATABASE_URL": url, "RATE_LIMITS_ENABLED": False})
    started = time.perf_counter()
    rendered = 0
    with app.app_context():
        for batch in claim_cards.refresh(get_session()):
            get_session().commit()
            rendered += batch
    print(f"Rendered {rendered:,} claims' cards in {time.perf_counter() - started:.1f} s")


def measure(
    database: Path, requests: int, url: str | None = None
) -> dict[str, tuple[float, float]]:
    """p50 and p90 in ms for each kind of page, every request cold: on the SQLite `database`,
    or on the server at `url` holding the same dossier (the URLs are drawn from the file)."""
    os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key-0123456789abcdef")
    from app import create_app
    from services.reading import view_cache

    app = create_app(
        {
            "DATABASE_URL": url or f"sqlite:///{database}",
            "PAGE_CACHE": False,
            "RATE_LIMITS_ENABLED": False,
        }
    )
    # Nothing kept between requests: a cache of no entries drops each value as it is stored.
    view_cache.aggregates = view_cache.ViewCache(max_entries=0)
    client = app.test_client()
    results = {}
    for kind, paths in cold_paths(database, requests).items():
        client.get(paths[0])  # the first request of a kind pays for imports and templates
        timings = []
        for path in paths:
            started = time.perf_counter()
            response = client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{path}: {response.status_code}")
        timings.sort()
        results[kind] = (statistics.median(timings), timings[int(0.9 * len(timings))])
    return results


def rows(results: dict[str, tuple[float, float]]) -> list[list[str]]:
    return [
        [
            kind,
            f"{p50:.1f}",
            f"{p90:.1f}",
            f"≤ {TARGETS[kind]}",
            "met" if p50 <= TARGETS[kind] else "**not met**",
        ]
        for kind, (p50, p90) in results.items()
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=40)
    args = parser.parse_args()
    database = database_file(args.claims)
    load = os.getloadavg()[0]
    results = measure(database, args.requests)
    print(f"Cold pages, {args.claims:,} claims, in process, load average {load:.2f}")
    print("| page | p50 ms | p90 ms | target p50 ms | |")
    print("|---|---|---|---|---|")
    for cells in rows(results):
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
