"""What a claim's card is rendered from, reduced to a fingerprint (issue #17).

A stored card (models.stored_card) is shown only when the fingerprint of the claim as the
reader loads it equals the one it was rendered with. The fingerprint covers every value
the card macro (`claim_card` in templates/_macros.html) reads, listed below by where it
reads it; tests/test_stored_cards.py renders the macro with a claim that records each
attribute it is asked for and fails on any the lists below do not name. It also covers
what the card's HTML is made with beyond the claim: the page's language, the address the
site is served under, the routes, the macro's source, the translations and the code that
turns values into words. A new release therefore renders its cards again.
"""

from __future__ import annotations

import hashlib
from operator import attrgetter
from pathlib import Path
from typing import Any

import babel
from flask import Flask, request

from models import Claim

# What the card reads of the claim itself, of the rows beside it, and of each linked claim.
CLAIM_FIELDS = (
    "id", "attribution", "status", "confidence", "timeline_fuzzy_date", "statement",
    "statement_language", "statement_lang_to_mark", "quote", "quote_lang", "locator",
    "speaker_description", "relayed_by_description", "via_repeats_speaker", "dossier.slug",
)  # fmt: skip
ENTITY_FIELDS = ("name", "slug")
SOURCE_FIELDS = ("outlet", "title", "language", "dossier.statement_language")
TAG_FIELDS = ("key", "name")
LINKED_CLAIM_FIELDS = ("statement", "statement_language")
PARTS = {"speaker": ENTITY_FIELDS, "relayed_by": ENTITY_FIELDS}
SOURCES = {"source": SOURCE_FIELDS, "via": SOURCE_FIELDS}
# Each live link: its type, and the claim at its other end.
LINKS = {"live_relations_out": "to_claim", "live_relations_in": "from_claim"}

# Files whose change changes how the same values are written out.
MADE_WITH = (
    "templates/_macros.html", "web/jinja_filters.py", "web/languages.py", "web/urls.py",
    "web/card_inputs.py", "models/vocabulary.py", "models/claim.py", "i18n/__init__.py",
    "fuzzy_date/*.py",
)  # fmt: skip

_claim_values = attrgetter(*CLAIM_FIELDS)
_entity_values = attrgetter(*ENTITY_FIELDS)
_source_values = attrgetter(*SOURCE_FIELDS)
_tag_values = attrgetter(*TAG_FIELDS)
_linked_values = attrgetter(*LINKED_CLAIM_FIELDS)


def fingerprint(app: Flask, claim: Claim, language: str) -> str:
    """The card's fingerprint for `claim` as loaded now, in `language` (the current one)."""
    inputs = (
        _made_with(app, language, request.script_root),
        _claim_values(claim),
        *(_part(getattr(claim, name), _entity_values) for name in PARTS),
        *(_part(getattr(claim, name), _source_values) for name in SOURCES),
        [_tag_values(tag) for tag in claim.tags],
        *(_links(getattr(claim, links), end) for links, end in LINKS.items()),
    )
    # Every value is a str, int, bool, None, an enum or a FuzzyDate (a dataclass), all of
    # whose repr() is the same in every process; no repr() here holds an address.
    return hashlib.blake2b(repr(inputs).encode(), digest_size=16).hexdigest()


def _links(relations: list[Any], end: str) -> list[tuple]:
    far_id = f"{end}_id"
    return [
        (relation.type, getattr(relation, far_id), _linked_values(getattr(relation, end)))
        for relation in relations
    ]


def _part(obj: object | None, values: attrgetter) -> tuple | None:
    return None if obj is None else values(obj)


def _made_with(app: Flask, language: str, script_root: str) -> str:
    """Everything beyond the claim that the card's HTML depends on, digested once per app
    (kept on the app, so that no module-level cache holds on to apps)."""
    known: dict[tuple[str, str], str] = app.extensions.setdefault("claimline.card_made_with", {})
    key = (language, script_root)
    if key not in known:
        known[key] = _digest(app, language, script_root)
    return known[key]


def _digest(app: Flask, language: str, script_root: str) -> str:
    digest = hashlib.blake2b(digest_size=16)
    root = Path(app.root_path)
    made_with = [path for pattern in MADE_WITH for path in sorted(root.glob(pattern))]
    translations = sorted((root / "translations" / language).glob("**/*.mo"))
    for path in (*made_with, *translations):
        digest.update(path.read_bytes())
    routes = sorted((rule.rule, rule.endpoint) for rule in app.url_map.iter_rules())
    digest.update(repr((language, script_root, babel.__version__, routes)).encode())
    return digest.hexdigest()
