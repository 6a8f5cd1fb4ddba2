"""Which known entities a claim's words name: proposed as "mentioned" on the claim form
(issue #15), for the editor to confirm. Nothing here is saved."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from models import Entity

# A name shorter than this ("AI", "US" are kept) would match inside too many sentences.
_SHORTEST_NAME = 2


def _folded(text: str) -> str:
    """Case and accents set aside: "Société Générale" and "societe generale" are the same."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def mentioned_entities(entities: Iterable[Entity], *texts: str | None) -> list[Entity]:
    """The entities whose name or one of whose aliases appears in `texts` as whole words,
    whatever the case or accents, in the order they first appear (ties by name)."""
    words = _folded(" | ".join(" ".join(text.split()) for text in texts if text))
    found: dict[int, tuple[int, str, Entity]] = {}
    for entity in entities:
        for name in [entity.name, *(entity.aliases or [])]:
            folded = _folded(" ".join(name.split()))
            if len(folded) < _SHORTEST_NAME:
                continue
            match = re.search(rf"(?<!\w){re.escape(folded)}(?!\w)", words)
            if match is None:
                continue
            earlier = found.get(id(entity))
            if earlier is None or match.start() < earlier[0]:
                found[id(entity)] = (match.start(), entity.name.casefold(), entity)
    return [entity for _, _, entity in sorted(found.values(), key=lambda item: item[:2])]
