"""Full-text search over claims: FTS5 on SQLite, a GIN-indexed tsvector on PostgreSQL."""

from __future__ import annotations

import re

from sqlalchemy import (
    ColumnElement,
    Integer,
    SQLColumnExpression,
    func,
    literal_column,
    select,
    text,
)

from models import Claim
from models.text import fold

MAX_TERMS = 12
WORD = re.compile(r"\w+")


class SearchError(ValueError):
    """A search with nothing to look for; the message says so to the reader."""


def search_terms(query: str) -> list[str]:
    """The folded words of a reader's query; FTS operators and punctuation are plain text."""
    return WORD.findall(fold(query))[:MAX_TERMS]


def matches(
    query: str, dialect: str, claim_id: SQLColumnExpression[int] = Claim.id
) -> ColumnElement[bool]:
    """A condition on Claim that holds for claims containing every word (the last as a prefix).

    Raises SearchError when the query has no word in it (only quotes or stars, say).
    `claim_id` is what SQLite tests against the matching ids (see timeline.filtered).
    """
    terms = search_terms(query)
    if not terms:
        raise SearchError("Type one or more words to search for.")
    if dialect == "postgresql":
        expression = " & ".join(terms[:-1] + [terms[-1] + ":*"])
        vector = func.to_tsvector(literal_column("'simple'"), Claim.search_text)
        return vector.op("@@")(func.to_tsquery(literal_column("'simple'"), expression))
    # Each word is quoted, so AND, NOT, NEAR, *, ( and " typed by a reader stay plain words.
    expression = " ".join(f'"{term}"' for term in terms[:-1]) + f' "{terms[-1]}"*'
    matching_ids = (
        select(literal_column("rowid", Integer))
        .select_from(text("claims_fts"))
        .where(text("claims_fts MATCH :fts_query").bindparams(fts_query=expression))
    )
    return claim_id.in_(matching_ids)
