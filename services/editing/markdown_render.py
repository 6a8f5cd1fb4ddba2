"""Markdown to safe HTML, done once when text is written, never on every read.

Python-Markdown's inline patterns backtrack: its time grows with the square (brackets) or the
cube (backticks) of some runs, so a 20,000-character note of `[` took minutes. The paragraphs
that would make rendering slow are shown as typed instead (see plain_paragraphs): every note
renders in bounded time (tests/security/test_markdown_bounds.py holds the corpus, `make bench`
times it).
"""

import html as html_text
import re
import secrets

import markdown
import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "em",
    "strong",
    "ul",
    "ol",
    "li",
    "a",
    "code",
    "pre",
    "blockquote",
    "h3",
    "h4",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


# Python-Markdown's inline work on a paragraph grows with the square of the characters its
# patterns start on (the cube for backticks). A note's paragraphs are rendered as Markdown while
# the sum of the squares of their counts stays under COST_BUDGET (a few tens of milliseconds);
# past it, the busiest paragraphs are shown as typed, as plain text, until it fits. A paragraph
# with more backticks than BACKTICKS_MAX is always shown as typed.
SPECIAL = frozenset("[]()<>`*_!&\\")
COST_BUDGET = 150_000
BACKTICKS_MAX = 64
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def _specials(paragraph: str) -> int:
    return sum(1 for char in paragraph if char in SPECIAL)


def plain_paragraphs(paragraphs: list[str]) -> set[int]:
    """The indexes of the paragraphs to show as typed so that rendering stays bounded."""
    counts = [_specials(paragraph) for paragraph in paragraphs]
    plain = {i for i, paragraph in enumerate(paragraphs) if paragraph.count("`") > BACKTICKS_MAX}
    cost = sum(count * count for i, count in enumerate(counts) if i not in plain)
    for i in sorted(range(len(counts)), key=counts.__getitem__, reverse=True):
        if cost <= COST_BUDGET:
            break
        if i not in plain:
            plain.add(i)
            cost -= counts[i] * counts[i]
    return plain


def _markdown() -> markdown.Markdown:
    """Markdown without raw HTML: tags typed in a note are shown as typed. Raw HTML never
    reached readers anyway (the sanitiser drops it), and its block scan costs the square of
    the note's length."""
    converter = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    return converter


def _as_typed(paragraph: str, whole: bool) -> str:
    shown = html_text.escape(paragraph.strip("\n")).replace("\n", "<br>\n")
    return f"<p>{shown}</p>" if whole else shown


def render(text: str) -> str:
    """Render Markdown and keep only an allow-list of tags; raw HTML and scripts never pass."""
    if not text or not text.strip():
        return ""
    paragraphs = _PARAGRAPH_BREAK.split(text)
    plain = plain_paragraphs(paragraphs)
    marker = f"claimlineplain{secrets.token_hex(8)}n"
    source = (
        "\n\n".join(
            f"{marker}{i}" if i in plain else paragraph for i, paragraph in enumerate(paragraphs)
        )
        if plain
        else text
    )
    html = _markdown().convert(source)
    if plain:
        html = re.sub(
            rf"<p>{marker}(\d+)</p>|{marker}(\d+)",
            lambda match: _as_typed(paragraphs[int(match[1] or match[2])], match[1] is not None),
            html,
        )
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="nofollow noopener",
    )
