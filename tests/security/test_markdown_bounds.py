"""Markdown rendering has a bounded cost (issue #18): no note, however built, makes the
renderer backtrack for minutes. The time itself is measured by `make bench`
(bench/markdown_bench.py); these tests check the rule that bounds it and what readers see."""

from __future__ import annotations

import pytest

from models.limits import NOTES_MAX
from services.editing import markdown_render
from services.editing.markdown_render import (
    BACKTICKS_MAX,
    COST_BUDGET,
    plain_paragraphs,
    render,
)
from tests.markdown_corpus import notes

CORPUS = list(notes())


@pytest.mark.parametrize("name, text", CORPUS, ids=[name for name, _ in CORPUS])
def test_what_is_rendered_as_markdown_stays_within_the_budget(name, text):
    paragraphs = markdown_render._PARAGRAPH_BREAK.split(text)
    plain = plain_paragraphs(paragraphs)
    kept = [p for i, p in enumerate(paragraphs) if i not in plain]
    assert sum(markdown_render._specials(p) ** 2 for p in kept) <= COST_BUDGET
    assert all(p.count("`") <= BACKTICKS_MAX for p in kept)


def test_the_longest_run_of_brackets_renders_as_typed():
    html = render("[" * NOTES_MAX)
    assert html.count("[") == NOTES_MAX and "<a" not in html


def test_a_pathological_paragraph_does_not_stop_the_rest_being_markdown():
    text = "A *real* [link](https://example.org).\n\n" + "`" * 500 + "\n\nAnd **more**."
    html = render(text)
    assert "<em>real</em>" in html and 'href="https://example.org"' in html
    assert "<strong>more</strong>" in html
    assert "`" * 500 in html  # shown as typed


def test_ordinary_notes_render_as_before():
    html = render(
        "Per the *WSJ*, see [the report](https://example.org) and `code`.\n\n- one\n- two"
    )
    assert "<em>WSJ</em>" in html and "<code>code</code>" in html and "<li>one</li>" in html


def test_raw_html_is_shown_as_typed_never_as_markup():
    html = render('Say <em>hi</em> <img src=x onerror="alert(1)">')
    assert "&lt;em&gt;hi&lt;/em&gt;" in html and "<img" not in html and "<em>" not in html


def test_the_api_accepts_the_longest_pathological_note(client, write_token, seeded_app):
    from tests.editing_helpers import source_id

    body = {
        "dossier": "openai-chips",
        "statement": "A claim whose notes are one long run of backticks.",
        "attribution": "analysis",
        "source": source_id(seeded_app),
        "stated_date": "June 2024",
        "confidence": 50,
        "notes": "`" * NOTES_MAX,
    }
    headers = {"Authorization": f"Bearer {write_token}"}
    response = client.post("/api/v1/claims", json=body, headers=headers)
    assert response.status_code == 201, response.get_json()
    page = client.get(f"/claims/{response.get_json()['id']}").get_data(as_text=True)
    assert "`" * 1000 in page
