"""Times the printed dossier: the seeded dossier's PDF and a 1,000-claim dossier's HTML and PDF.

    .venv/bin/python bench/print_bench.py [--claims 1000] [--seed 2024] [--keep]

Builds a temporary SQLite database (migrated, seeded, plus a generated dossier written through
services.claim_writes.create_claim with a seeded random generator, so every run prints the
same document), then requests the pages through Flask's test client and prints one table.
Targets (issue 5): seeded PDF under 3 s; 1,000-claim HTML under 1 s and PDF under 30 s.
Not part of `make test`.
"""

from __future__ import annotations

import argparse
import io
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pypdf import PdfReader  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from app import create_app  # noqa: E402
from cli.database import upgrade  # noqa: E402
from db import make_engine  # noqa: E402
from models import Dossier, Entity, Source  # noqa: E402
from models.fuzzy_date import from_edtf  # noqa: E402
from models.vocabulary import (  # noqa: E402
    Attribution,
    EntityKind,
    RelationType,
    SourceKind,
    Status,
)
from services import markdown_render  # noqa: E402
from services.claim_writes import ClaimInput, RelationInput, create_claim  # noqa: E402
from services.seeding import load_file, seed_files  # noqa: E402

SLUG = "bench-print"
TARGETS = {"seeded PDF": 3.0, "1,000-claim HTML": 1.0, "1,000-claim PDF": 30.0}

SUBJECTS = "Altman TSMC Samsung OpenAI Broadcom NVIDIA SoftBank Microsoft Google Intel".split()
VERBS = [
    "plans to expand", "denied reports about", "privately discussed", "raised money for",
    "delayed", "signed a supply deal on", "cut the budget of", "announced",
]  # fmt: skip
OBJECTS = [
    "a new chip fabrication plant", "its AI accelerator programme", "HBM memory orders",
    "the data-centre joint venture", "a $7 trillion funding round", "export licences",
    "a custom inference chip", "the Abu Dhabi campus",
]  # fmt: skip
FRENCH = [
    "selon des sources proches du dossier, le projet avance plus vite que prévu",
    "le dirigeant a déclaré que le plan était « trop agressif »",
    "les investisseurs du Golfe seraient prêts à financer une partie des usines",
]
DESCRIPTIONS = ["a senior executive", "two people familiar with the talks", "an industry insider"]


def build_database(directory: Path, claims: int, seed: int) -> str:
    """A migrated, seeded database with one more dossier of `claims` generated claims."""
    url = f"sqlite:///{directory / 'bench.db'}"
    upgrade(url)
    engine = make_engine(url)
    with Session(engine) as session:
        for seed_file in seed_files(ROOT / "seeds"):
            load_file(session, seed_file)
        session.flush()
        generate_dossier(session, claims, random.Random(seed))
        session.commit()
    engine.dispose()
    return url


def generate_dossier(session: Session, claims: int, rng: random.Random) -> None:
    summary = "A generated dossier for timing the printed briefing.\n\n" + " ".join(
        f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}." for _ in range(12)
    )
    dossier = Dossier(
        slug=SLUG,
        title="Benchmark: a thousand claims about AI chips",
        subject="Generated claims with fuzzy dates, quotes, relations and twenty sources",
        summary=summary,
        summary_html=markdown_render.render(summary),
        methodology="Generated.",
        methodology_html=markdown_render.render("Generated."),
    )
    session.add(dossier)
    sources = [
        Source(
            dossier=dossier,
            title=f"Report number {n} on the chip race",
            outlet=rng.choice(["Reuters", "Bloomberg", "The Information", "Le Monde", "Nikkei"]),
            author=rng.choice([None, "A. Reporter", "B. Writer"]),
            url=f"https://news.example.org/chips/{n}" if n % 3 else None,
            language=rng.choice(["en", "fr"]),
            kind=rng.choice(list(SourceKind)),
            reliability=rng.choice("ABCDEF"),
        )
        for n in range(20)
    ]
    entities = [
        Entity(slug=f"bench-{name.lower()}", name=f"{name} (bench)", kind=EntityKind.ORGANISATION)
        for name in SUBJECTS
    ] + [
        Entity(slug=f"bench-person-{n}", name=f"Person {n}", kind=EntityKind.PERSON)
        for n in range(15)
    ]
    session.add_all(sources + entities)
    session.flush()
    written = []
    for number in range(claims):
        data = ClaimInput(
            statement=(
                f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} "
                f"(generated claim {number})."
            ),
            attribution=rng.choice(list(Attribution)),
            source=rng.choice(sources),
            stated_date=from_edtf(_date(rng)),
            event_date=from_edtf(_date(rng)) if rng.random() < 0.6 else None,
            confidence=rng.randint(5, 98),
            status=rng.choice(list(Status)),
            quote=rng.choice(FRENCH) if rng.random() < 0.5 else "",
            quote_lang="fr",
            locator=rng.randint(1, 40),
            notes="Checked against the filing." if rng.random() < 0.2 else "",
            speaker=rng.choice(entities) if rng.random() < 0.5 else None,
            speaker_description=rng.choice(DESCRIPTIONS) if rng.random() < 0.3 else None,
            via=rng.choice(sources) if rng.random() < 0.2 else None,
            tags=[rng.choice(["funding", "fabs", "memory", "policy"])],
            entities=rng.sample(entities, 2),
            relations=(
                [RelationInput(rng.choice(list(RelationType)), rng.choice(written))]
                if written and rng.random() < 0.1
                else []
            ),
        )
        written.append(create_claim(session, dossier, data, user=None))
        if number % 200 == 199:
            session.flush()


def _date(rng: random.Random) -> str:
    year = rng.randint(2019, 2025)
    kind = rng.random()
    if kind < 0.5:
        return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    if kind < 0.8:
        return f"{year}-{rng.randint(1, 12):02d}"
    if kind < 0.9:
        return f"{year}~"
    return f"{year}-{rng.randint(1, 6):02d}/{year}-{rng.randint(7, 12):02d}"


def timed(client, url: str) -> tuple[float, bytes]:
    started = time.perf_counter()
    response = client.get(url)
    elapsed = time.perf_counter() - started
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    return elapsed, response.data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--keep", action="store_true", help="keep the temporary database")
    options = parser.parse_args()

    directory = Path(tempfile.mkdtemp(prefix="claimline-print-bench-"))
    try:
        started = time.perf_counter()
        url = build_database(directory, options.claims, options.seed)
        print(f"Built {options.claims} claims in {time.perf_counter() - started:.1f} s")
        app = create_app({"DATABASE_URL": url, "SERVER_NAME": "bench.test"})
        client = app.test_client()
        rows = []

        cold, _ = timed(client, "/dossiers/openai-chips/dossier.pdf")
        warm = [timed(client, "/dossiers/openai-chips/dossier.pdf") for _ in range(3)]
        pdf = warm[-1][1]
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        rows.append(("seeded PDF", statistics.median(t for t, _ in warm), pages, len(pdf)))
        rows.append(("seeded PDF, first in process", cold, pages, len(pdf)))

        html = [timed(client, f"/dossiers/{SLUG}/print") for _ in range(5)]
        rows.append(
            ("1,000-claim HTML", statistics.median(t for t, _ in html), None, len(html[-1][1]))
        )

        elapsed, pdf = timed(client, f"/dossiers/{SLUG}/dossier.pdf")
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        rows.append(("1,000-claim PDF", elapsed, pages, len(pdf)))

        print(f"\n{'what':32} {'seconds':>8} {'target':>8} {'pages':>6} {'bytes':>10}")
        for name, seconds, pages, size in rows:
            target = TARGETS.get(name)
            verdict = "" if target is None else ("ok" if seconds < target else "SLOW")
            target_text = f"< {target:g}" if target else ""
            print(
                f"{name:32} {seconds:8.2f} {target_text:>8} {pages or '':>6} {size:>10,}  {verdict}"
            )
    finally:
        if options.keep:
            print(f"\nDatabase kept in {directory}")
        else:
            shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
