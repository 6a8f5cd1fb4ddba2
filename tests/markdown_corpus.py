"""Notes built to make Python-Markdown backtrack, at the longest length a note may have: runs
of every character its inline patterns start on, alone and in paragraphs of several sizes,
and deep nesting. tests/security/test_markdown_bounds.py renders them; bench/markdown_bench.py
times them against the 100 ms target."""

from __future__ import annotations

from collections.abc import Iterator

from models.limits import NOTES_MAX

UNITS = (
    "[", "]", "`", "#", "*", "_", "<", ">", "(", "!", "&", "\\",
    "[]", "[x](", "*a", "**a", "![", "[a]", "<a ", "_*", "](", "[[a]", "`a", "``a",
    "<b>", "[a](", "*[", "[a](b) ", "<https://x.y> ", "&amp;",
)  # fmt: skip
PARAGRAPH_SIZES = (None, 100, 300, 600, 1200)


def notes(length: int = NOTES_MAX) -> Iterator[tuple[str, str]]:
    """(name, text) for every pathological note of `length` characters."""
    for unit in UNITS:
        for size in PARAGRAPH_SIZES:
            if size is None:
                yield f"{unit!r} run", (unit * length)[:length]
                continue
            block = (unit * size)[:size]
            yield f"{unit!r} in paragraphs of {size}", ((block + "\n\n") * length)[:length]
    for depth in (50, 200, 1000):
        lists = "".join("  " * level + "- x\n" for level in range(depth))
        quotes = "\n".join(">" * level + " x" for level in range(depth))
        yield f"list nested {depth} deep", lists[:length]
        yield f"quote nested {depth} deep", quotes[:length]
