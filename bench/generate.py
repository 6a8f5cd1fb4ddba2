"""Build a deterministic synthetic dossier of N claims for the benchmark.

    .venv/bin/python bench/generate.py --claims 100000

The shape follows the seeded dossier: its attribution mix, sources, entities, tags, relations,
mixed date precision, French quotes and English statements, so full-text search has both very
common words and rare ones. The data goes in as a Claimline JSON document through the same
import code as `flask import` (streamed from a file, in a process of its own), and its time
and peak memory are printed beside issue #17's targets. Writes bench/data/claims-N.db
and bench/data/claims-N.words.json (the search words and entity the scenarios use).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


from sqlalchemy import delete, select  # noqa: E402

from cli.database import upgrade  # noqa: E402
from db import make_engine, session_factory  # noqa: E402
from models import Claim, FacetCount  # noqa: E402
from services.editing import facet_counts  # noqa: E402
from services.interchange import formats, imports  # noqa: E402

DATA = ROOT / "bench" / "data"
SEED = ROOT / "seeds" / "openai-chips.yaml"

SUBJECTS = "Altman OpenAI TSMC NVIDIA Broadcom Samsung Microsoft SoftBank Google Meta".split()
VERBS = [
    "plans to expand", "privately promised", "denied reports about", "is negotiating",
    "will announce", "declined to comment on", "raised funds for", "expects delays in",
]  # fmt: skip
OBJECTS = [
    "chip production", "data-centre capacity", "HBM memory supply", "a custom accelerator",
    "new fabs in Arizona", "a seven trillion dollar plan", "packaging partners", "export approval",
]  # fmt: skip
FRENCH = [
    "selon des initiés", "a déclaré publiquement", "en privé", "le conseil d'administration",
    "la production de puces", "les centres de données", "une pénurie de mémoire",
    "des investisseurs",
]  # fmt: skip
RARE = "zirconium"
ATTRIBUTIONS = (
    ["insider"] * 14
    + ["analysis"] * 9
    + ["data"] * 7
    + ["private"] * 3
    + ["public"] * 2
    + ["report"]
)
STATUSES = ["unverified"] * 8 + ["corroborated", "contested", "confirmed", "refuted"]
TAGS = [f"topic-{n:02d}" for n in range(40)]
RELATIONS = ["supports", "contradicts", "confirms", "refutes", "updates"]


def fuzzy_date(rng: random.Random) -> str:
    year = rng.randint(2000, 2026)
    month = rng.randint(1, 12)
    form = rng.random()
    if form < 0.45:
        return f"{year}-{month:02d}-{rng.randint(1, 28):02d}"
    if form < 0.75:
        return f"{year}-{month:02d}"
    if form < 0.85:
        return f"{year}"
    if form < 0.90:
        return f"{year}~"
    if form < 0.95:
        return f"{year}-{month:02d}?"
    if form < 0.98:
        return f"{year}-09/{year}-12"
    return f"{year}/.."


def document(claims: int, seed: int = 2024) -> tuple[dict, dict]:
    rng = random.Random(seed)
    entities = [
        {"slug": f"entity-{n}", "name": f"Entity {n}", "kind": "organisation", "description": "",
         "aliases": []}
        for n in range(200)
    ]  # fmt: skip
    entities[0].update(slug="tsmc", name="TSMC")
    sources = [
        {"key": f"source-{n}", "title": f"Report number {n}", "outlet": f"Outlet {n % 30}",
         "author": None, "url": f"https://example.org/{n}", "language": rng.choice(["fr", "en"]),
         "kind": "news_article", "published": fuzzy_date(rng), "reliability": rng.choice("ABCDF"),
         "notes": ""}
        for n in range(max(10, claims // 50))
    ]  # fmt: skip
    items, relations = [], []
    for n in range(claims):
        subject, verb, obj = rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(OBJECTS)
        statement = f"{subject} {verb} {obj} (claim {n})."
        if n % 997 == 0:
            statement = f"{subject} {verb} {RARE} supplies (claim {n})."
        source = rng.randrange(len(sources))
        via = (source + rng.randrange(1, len(sources))) % len(sources)
        mentioned = sorted({rng.choice(entities)["slug"] for _ in range(rng.randint(1, 3))})
        # Drawn in the order the document lists them, so the same seed gives the same dossier.
        quote = f"{rng.choice(FRENCH)}, {rng.choice(FRENCH)} — {subject} {n}"
        attribution = rng.choice(ATTRIBUTIONS)
        items.append(
            {
                "key": f"c{n}",
                "statement": statement,
                "quote": quote,
                "quote_lang": "fr",
                "attribution": attribution,
                # A private remark says who relayed it (issue 9); the import refuses it otherwise.
                "relayed_by_description": "a person familiar with the conversation"
                if attribution == "private"
                else None,
                "speaker": rng.choice(entities)["slug"] if rng.random() < 0.4 else None,
                "speaker_description": "a person familiar with the matter",
                "via": sources[via]["key"] if rng.random() < 0.2 else None,
                "source": sources[source]["key"],
                "locator": rng.randint(1, 40),
                "event_date": fuzzy_date(rng) if rng.random() < 0.8 else None,
                "stated_date": fuzzy_date(rng),
                "confidence": rng.randint(5, 98),
                "status": rng.choice(STATUSES),
                "tags": sorted(rng.sample(TAGS, rng.randint(1, 3))),
                "entities": mentioned,
                "notes": "",
            }
        )
        if items[-1]["attribution"] == "private":  # a private remark says who relayed it
            items[-1]["relayed_by_description"] = "a person familiar with the conversation"
        if n and rng.random() < 0.3:
            target = rng.randrange(n)
            relations.append(
                {"from": f"c{n}", "type": rng.choice(RELATIONS), "to": f"c{target}", "note": ""}
            )
    counts = Counter(word for item in items for word in item["statement"].lower().split())
    words = {"rare": RARE, "common": counts.most_common(1)[0][0].strip(".()"), "entity": "tsmc"}
    data = {
        "format": "claimline-dossier",
        "format_version": 1,
        "dossier": {"slug": "bench", "title": f"Benchmark dossier ({claims:,} claims)",
                    "subject": "Synthetic claims", "summary": "", "methodology": "",
                    "visibility": "public"},
        "sources": sources,
        "entities": entities,
        "claims": items,
        "relations": relations,
    }  # fmt: skip
    return data, words


# Beyond this many claims the generator imports this many and copies them by SQL: an import
# runs at about 1 ms a claim, so a million would take a quarter of an hour.
IMPORT_LIMIT = 100_000
# Issue #17's targets for importing 100,000 claims.
IMPORT_SECONDS, IMPORT_MEGABYTES = 30, 400


def multiply(path: Path, copies: int) -> None:
    """Copy the dossier's claims (with their tags, entities and relations) `copies` - 1 more
    times by SQL, under new ids and keys, the FTS triggers indexing every copy."""
    connection = sqlite3.connect(path)
    columns = [row[1] for row in connection.execute("PRAGMA table_info(claims)")]
    copied = ", ".join(
        "id + :offset" if name == "id" else "key || :suffix" if name == "key" else name
        for name in columns
    )
    (base,) = connection.execute("SELECT max(id) FROM claims").fetchone()
    with connection:
        for copy in range(1, copies):
            values = {"offset": copy * base, "suffix": f"-copy{copy}", "base": base}
            connection.execute(
                f"INSERT INTO claims ({', '.join(columns)}) "
                f"SELECT {copied} FROM claims WHERE id <= :base",
                values,
            )
            for table, other in (("claim_tags", "tag_id"), ("claim_entities", "entity_id")):
                connection.execute(
                    f"INSERT INTO {table} (claim_id, {other}) "
                    f"SELECT claim_id + :offset, {other} FROM {table} WHERE claim_id <= :base",
                    values,
                )
            connection.execute(
                "INSERT INTO claim_relations (from_claim_id, to_claim_id, type, note) "
                "SELECT from_claim_id + :offset, to_claim_id + :offset, type, note "
                "FROM claim_relations WHERE from_claim_id <= :base",
                values,
            )
    connection.close()


def recount_facets(engine) -> None:
    """Count the copies into facet_counts: an SQL copy bypasses the session events."""
    with engine.begin() as connection:
        connection.execute(delete(FacetCount))
        ids = connection.execute(select(Claim.id)).scalars().all()
        facet_counts.apply(connection, facet_counts.contributions(connection, ids))


def load(file: Path, url: str) -> None:
    """Import the JSON file as `flask import` does (streamed, in batches) and print the time
    and the process's peak memory in MB; run in a process of its own, so that peak is the
    import's alone."""
    engine = make_engine(url)
    started = time.perf_counter()
    with session_factory(engine)() as session, file.open("rb") as stream:
        report = imports.run(session, formats.read(stream, file.name), "bench", None)
        if not report.ok:
            raise SystemExit("\n".join(str(rejection) for rejection in report.rejections[:20]))
        session.commit()
    seconds = time.perf_counter() - started
    engine.dispose()
    print(f"{seconds:.1f} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")


def timed_import(file: Path, url: str, claims: int) -> tuple[float, float]:
    """Import in a child process; print its time and peak memory beside the targets, and
    return them (seconds, megabytes)."""
    child = subprocess.run(
        [sys.executable, __file__, "--load", str(file), "--url", url],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    seconds, megabytes = (float(figure) for figure in child.stdout.split()[-2:])
    print(f"Imported {claims:,} claims in {seconds:.1f} s (target ≤ {IMPORT_SECONDS} s), "
          f"peak memory {megabytes:.0f} MB (target ≤ {IMPORT_MEGABYTES} MB)")  # fmt: skip
    return seconds, megabytes


def import_target_row(claims: int, seconds: float, megabytes: float, where: str) -> list[str]:
    """The import's row of run.py's table of targets."""
    met = seconds <= IMPORT_SECONDS and megabytes <= IMPORT_MEGABYTES
    return [
        f"import of {claims:,} claims ({where}): ≤ {IMPORT_SECONDS} s, ≤ {IMPORT_MEGABYTES} MB",
        f"{seconds:.1f} s, {megabytes:.0f} MB",
        "met" if met else "**not met**",
    ]


def timed_import_of_document(claims: int, url: str) -> tuple[float, float]:
    """Write the generated document of `claims` claims to a file, migrate `url`, import it."""
    upgrade(url)
    data, _words = document(claims)
    data["dossier"]["title"] = f"Benchmark dossier ({claims:,} claims)"
    with tempfile.TemporaryDirectory() as scratch:
        file = Path(scratch) / "bench.json"
        file.write_text(json.dumps(data))
        del data
        return timed_import(file, url, claims)


def main() -> None:
    parser = argparse.ArgumentParser(description="Build a synthetic benchmark dossier.")
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--output", type=Path, help="database file (default bench/data/...)")
    parser.add_argument("--load", type=Path, help=argparse.SUPPRESS)  # the child's part
    parser.add_argument("--url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.load:
        load(args.load, args.url)
        return
    DATA.mkdir(parents=True, exist_ok=True)
    path = args.output or DATA / f"claims-{args.claims}.db"
    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        leftover.unlink(missing_ok=True)
    copies = max(1, args.claims // IMPORT_LIMIT)
    if args.claims > IMPORT_LIMIT and args.claims % IMPORT_LIMIT:
        raise SystemExit(f"Above {IMPORT_LIMIT:,} claims, ask for a multiple of {IMPORT_LIMIT:,}.")
    data, words = document(args.claims // copies)
    data["dossier"]["title"] = f"Benchmark dossier ({args.claims:,} claims)"
    file = path.with_suffix(".json")
    file.write_text(json.dumps(data))
    del data
    url = f"sqlite:///{path}"
    upgrade(url)
    timed_import(file, url, args.claims // copies)
    file.unlink()
    engine = make_engine(url)
    if copies > 1:
        started = time.perf_counter()
        multiply(path, copies)
        recount_facets(engine)
        print(f"Copied them {copies - 1} times in {time.perf_counter() - started:.1f} s")
    with engine.begin() as connection:
        connection.exec_driver_sql("ANALYZE")
    engine.dispose()
    (DATA / f"claims-{args.claims}.words.json").write_text(json.dumps(words))
    print(f"{args.claims:,} claims in {path}")


if __name__ == "__main__":
    main()
