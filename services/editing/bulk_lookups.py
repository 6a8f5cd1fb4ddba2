"""Memoised lookups for bulk writes: an import of 100,000 claims names the same few hundred
entities and tags over and over, and one query per mention (each flushing the claims before
it) made an import cost about 7 ms a claim.

Inside `memoised(session)` autoflush is off and `entity_writes.by_slug`,
`claim_writes.resolve_tags` and `source_texts.quote_problem` (a source's paragraphs)
remember what they found or created for the rest of the block. Only found entities are
remembered, so an entity created later in the block is still seen. The cyclic garbage
collector is paused for the block: the ORM's objects form cycles, and a full collection
walks every object of the process; the import collects each batch's young cycles itself
(services.interchange.import_claims). Reference counting frees the rest.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy.orm import Session

_KEY = "claimline.bulk_lookups"


@contextmanager
def memoised(session: Session) -> Iterator[None]:
    """Memoise lookups, turn autoflush and the cyclic collector off for the block; the
    caller flushes."""
    session.info[_KEY] = {"entities": {}, "tags": {}, "paragraphs": {}}
    collecting = gc.isenabled()
    gc.disable()
    try:
        with session.no_autoflush:
            yield
    finally:
        session.info.pop(_KEY, None)
        if collecting:
            gc.enable()


def table(session: Session, name: str) -> dict[Any, Any] | None:
    """The memo named `name` ("entities", "tags" or "paragraphs"), or None outside
    `memoised`."""
    memo = session.info.get(_KEY)
    return None if memo is None else memo[name]
