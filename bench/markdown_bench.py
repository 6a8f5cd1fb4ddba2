"""Times Markdown rendering of the pathological notes of tests/markdown_corpus.py, each at the
longest length a note may have, against the 100 ms target (issue #18).

    .venv/bin/python bench/markdown_bench.py [--repeat 3]

Prints the slowest notes and whether the worst one meets the target. Not part of `make test`.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from services.editing.markdown_render import render  # noqa: E402
from tests.markdown_corpus import notes  # noqa: E402

TARGET_SECONDS = 0.1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs per note")
    args = parser.parse_args()
    timings = []
    for name, text in notes():
        best = min(_time(text) for _ in range(args.repeat))
        timings.append((best, name))
    timings.sort(reverse=True)
    print(f"Markdown: {len(timings)} pathological notes of the longest length")
    print("| note | ms |\n| --- | ---: |")
    for seconds, name in timings[:8]:
        print(f"| {name} | {seconds * 1000:.1f} |")
    worst = timings[0][0]
    verdict = "met" if worst <= TARGET_SECONDS else "NOT met"
    print(f"worst {worst * 1000:.1f} ms; target {TARGET_SECONDS * 1000:.0f} ms: {verdict}")
    return 0


def _time(text: str) -> float:
    start = time.perf_counter()
    render(text)
    return time.perf_counter() - start


if __name__ == "__main__":
    sys.exit(main())
