"""Times the printed dossier: the seeded dossier's PDF and a 1,000-claim dossier's HTML and PDF.

    .venv/bin/python bench/print_bench.py [--claims 1000] [--seed 2024] [--keep]

Builds a temporary SQLite database (migrated, seeded, plus the deterministic dossier of
bench/generate.py loaded through the import, so every run prints the same document), then
requests the pages through Flask's test client and prints one table. Targets (issue 5):
seeded PDF under 3 s; 1,000-claim HTML under 1 s and PDF under 30 s; (issue 17) a repeated
download of a PDF, served from the files kept on disk, under 20 ms. PDFs are rendered here
as the PDF worker renders them (its job, run in this process: huey's immediate mode), the
kept files removed before each render that is timed. Then (`pdf_load.py`, unless
--skip-serving) the same database under gunicorn with the PDF worker beside it: the other
pages' p99 under wrk while the 1,000-claim PDF renders, against without, and the render's
time from the request to the file served.
Not part of `make test`.
"""

from __future__ import annotations

import argparse
import io
import json
import secrets
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import generate  # noqa: E402  (bench/, the script's own folder, is on the path)
import pdf_load  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from app import create_app  # noqa: E402
from cli.database import upgrade  # noqa: E402
from db import make_engine, session_factory  # noqa: E402
from services.interchange import formats, imports  # noqa: E402
from services.interchange.seeding import load_file, seed_files  # noqa: E402

SLUG = "bench-print"
TARGETS = {
    "seeded PDF": 3.0,
    "1,000-claim HTML": 1.0,
    "1,000-claim PDF": 30.0,
    "repeated PDF download (p99)": 0.020,
}


def build_database(directory: Path, claims: int, seed: int) -> str:
    """A migrated, seeded database with one more dossier of `claims` generated claims, made
    by bench/generate.py and loaded through the import, as the serving benchmark's are."""
    url = f"sqlite:///{directory / 'bench.db'}"
    upgrade(url)
    engine = make_engine(url)
    with session_factory(engine)() as session:
        for seed_file in seed_files(ROOT / "seeds"):
            load_file(session, seed_file)
        session.flush()
        data, _ = generate.document(claims, seed)
        content = json.dumps(data).encode()
        report = imports.run(session, formats.read(content, "bench.json"), SLUG, None)
        if not report.ok:
            raise SystemExit("\n".join(str(rejection) for rejection in report.rejections[:20]))
        session.commit()
    engine.dispose()
    return url


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
    parser.add_argument(
        "--skip-serving",
        action="store_true",
        help="no run under gunicorn and the PDF worker (other pages' p99 while a PDF renders)",
    )
    options = parser.parse_args()

    directory = Path(tempfile.mkdtemp(prefix="claimline-print-bench-"))
    try:
        started = time.perf_counter()
        url = build_database(directory, options.claims, options.seed)
        print(f"Built {options.claims} claims in {time.perf_counter() - started:.1f} s")
        app = create_app(
            {
                "DATABASE_URL": url,
                "SERVER_NAME": "bench.test",
                "SECRET_KEY": secrets.token_hex(32),
                "PDF_QUEUE_IMMEDIATE": True,
                "RENDERED_FILES_DIR": str(directory / "rendered"),
                "RATE_LIMITS_ENABLED": False,
            }
        )
        client = app.test_client()
        rows = []

        def rendered(url: str) -> tuple[float, bytes]:
            shutil.rmtree(directory / "rendered", ignore_errors=True)
            return timed(client, url)

        cold, _ = rendered("/dossiers/openai-chips/dossier.pdf")
        warm = [rendered("/dossiers/openai-chips/dossier.pdf") for _ in range(3)]
        pdf = warm[-1][1]
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        rows.append(("seeded PDF", statistics.median(t for t, _ in warm), pages, len(pdf)))
        rows.append(("seeded PDF, first in process", cold, pages, len(pdf)))

        html = [timed(client, f"/dossiers/{SLUG}/print") for _ in range(5)]
        rows.append(
            ("1,000-claim HTML", statistics.median(t for t, _ in html), None, len(html[-1][1]))
        )

        elapsed, pdf = rendered(f"/dossiers/{SLUG}/dossier.pdf")
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        rows.append(("1,000-claim PDF", elapsed, pages, len(pdf)))

        kept = sorted(timed(client, f"/dossiers/{SLUG}/dossier.pdf")[0] for _ in range(50))
        rows.append(("repeated PDF download (median)", statistics.median(kept), pages, len(pdf)))
        rows.append(("repeated PDF download (p99)", kept[int(len(kept) * 0.99)], pages, len(pdf)))

        print(f"\n{'what':32} {'seconds':>8} {'target':>8} {'pages':>6} {'bytes':>10}")
        for name, seconds, pages, size in rows:
            target = TARGETS.get(name)
            verdict = "" if target is None else ("ok" if seconds < target else "SLOW")
            target_text = f"< {target:g}" if target else ""
            print(
                f"{name:32} {seconds:8.3f} {target_text:>8} {pages or '':>6} {size:>10,}  {verdict}"
            )
        if options.skip_serving:
            return
        if not shutil.which("wrk"):
            raise SystemExit("wrk is missing: apt-get install wrk (make bench does this)")
        print("\nThe 1,000-claim PDF under gunicorn and the PDF worker, other pages loaded by wrk:")
        for what, figure, verdict in pdf_load.measure(directory / "bench.db", directory, SLUG):
            print(f"{what}: {figure}  {verdict}")
    finally:
        if options.keep:
            print(f"\nDatabase kept in {directory}")
        else:
            shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
