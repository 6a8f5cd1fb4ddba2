"""Full-text search over claims: FTS5 on SQLite, a GIN-indexed tsvector on PostgreSQL.

A reader's query is words, each required, the last matching as a prefix while it is still
being typed; words between double quotes ("7 trillion") must appear together, in order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    SQLColumnExpression,
    func,
    literal_column,
    select,
    text,
)

from i18n import _
from models import Claim
from models.text import fold

MAX_TERMS = 12
WORD = re.compile(r"\w+")
# A quoted phrase; an unpaired quote is punctuation like any other.
QUOTED = re.compile(r'"([^"]*)"')


class SearchError(ValueError):
    """A search with nothing to look for; the message says so to the reader."""


@dataclass(frozen=True)
class ParsedQuery:
    """The groups of words a claim must contain: one word each, or a phrase's words in order.
    `prefix` says the last group is a lone word typed last, matched as the start of a word."""

    groups: tuple[tuple[str, ...], ...]
    prefix: bool


def search_terms(query: str) -> list[str]:
    """The folded words of a reader's query; FTS operators and punctuation are plain text."""
    return WORD.findall(fold(query))[:MAX_TERMS]


def parse_query(query: str) -> ParsedQuery:
    """Split a query into required words and quoted phrases, at most MAX_TERMS words in all."""
    groups: list[tuple[str, ...]] = []
    position = 0
    for quoted in QUOTED.finditer(query):
        groups.extend((word,) for word in WORD.findall(fold(query[position : quoted.start()])))
        phrase = tuple(WORD.findall(fold(quoted.group(1))))
        if phrase:
            groups.append(phrase)
        position = quoted.end()
    rest = WORD.findall(fold(query[position:]))
    groups.extend((word,) for word in rest)
    ends_in_phrase = not rest and bool(groups) and query.rstrip().endswith('"')
    kept: list[tuple[str, ...]] = []
    budget = MAX_TERMS
    for group in groups:
        if budget <= 0:
            break
        kept.append(group[:budget])
        budget -= len(group)
    prefix = bool(kept) and len(kept[-1]) == 1 and not ends_in_phrase
    return ParsedQuery(tuple(kept), prefix)


def matches(
    query: str, dialect: str, claim_id: SQLColumnExpression[int] = Claim.id
) -> ColumnElement[bool]:
    """A condition on Claim that holds for claims containing every word and quoted phrase
    (the last word, unquoted, as a prefix).

    Raises SearchError when the query has no word in it (only quotes or stars, say).
    `claim_id` is what SQLite tests against the matching ids (see timeline.filtered).
    """
    parsed = _parsed(query)
    if dialect == "postgresql":
        parts = [" <-> ".join(group) for group in parsed.groups]
        if parsed.prefix:
            parts[-1] += ":*"
        vector = func.to_tsvector(literal_column("'simple'"), Claim.search_text)
        return vector.op("@@")(func.to_tsquery(literal_column("'simple'"), " & ".join(parts)))
    return claim_id.in_(_fts_rowids(parsed))


def matching_rowids(query: str) -> Select:
    """SQLite: the ids of the claims that `matches` holds for, read from the FTS5 index in
    its order: joined to the claims, a reader of the first few stops early, where `matches`
    first lists them all. Raises SearchError like `matches`."""
    return _fts_rowids(_parsed(query))


def _parsed(query: str) -> ParsedQuery:
    parsed = parse_query(query)
    if not parsed.groups:
        raise SearchError(_("Type one or more words to search for."))
    return parsed


def _fts_rowids(parsed: ParsedQuery) -> Select:
    """SQLite: the ids of the claims whose words match, from the FTS5 index. Each word or
    phrase is quoted, so AND, NOT, NEAR, *, ( typed by a reader stay plain words; a quoted
    run of several words is an FTS5 phrase."""
    parts = ['"' + " ".join(group) + '"' for group in parsed.groups]
    if parsed.prefix:
        parts[-1] += "*"
    return (
        select(literal_column("rowid", Integer).label("rowid"))
        .select_from(text("claims_fts"))
        .where(text("claims_fts MATCH :fts_query").bindparams(fts_query=" ".join(parts)))
    )
