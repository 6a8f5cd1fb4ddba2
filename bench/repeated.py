"""The repeated-URL scenarios of issue 8: each wrk run asks for one URL again and again, so
after the first request the page cache answers (`run.py --repeated [--no-page-cache]`)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from load import Result, get, peak_memory_mb, wrk

RESULTS = Path(__file__).resolve().parent / "results"
DOSSIER = "bench"


@dataclass
class Scenario:
    name: str
    claimline: str
    datasette: str | None = None


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
