"""Helpers for tests of the editing forms: form data, parsed pages, counts."""

from __future__ import annotations

import secrets
from typing import Any
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from db import get_session
from models import Claim, Revision, Source
from tests.helpers import soup

ARTICLE_SOURCE_KEY = "article"  # the seeded French article, published "2024-07~"


def token() -> str:
    return secrets.token_urlsafe(24)


def claim_data(source_id: int, **overrides: Any) -> dict[str, Any]:
    """A valid claim form post (a new one-time token each time); override any field."""
    data = {
        "statement": "TSMC says it will build two more fabs for OpenAI.",
        "attribution": "insider",
        "source": str(source_id),
        "speaker_description": "a person familiar with the talks",
        "stated_date": "June 2024",
        "confidence": "60",
        "status": "unverified",
        "submission": token(),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def field_error(page: BeautifulSoup, field_id: str) -> str | None:
    """The message shown next to a field, if any."""
    element = page.find(id=f"{field_id}-error")
    if element is None:
        return None
    hidden = element.select_one(".visually-hidden")  # "Error:", said to screen readers
    if hidden is not None:
        hidden.decompose()
    return element.get_text(" ", strip=True)


def count_claims(app) -> int:
    with app.app_context():
        return get_session().scalar(select(func.count(Claim.id)))


def count_revisions(app) -> int:
    with app.app_context():
        return get_session().scalar(select(func.count(Revision.id)))


def claim_id_from(response) -> int:
    """The claim a redirect to /claims/<id> points to (or to /claims/<id>/offers, the offer
    to update the claims it confirms, refutes or contradicts)."""
    assert response.status_code == 302, response.status_code
    path = urlsplit(response.location).path.rstrip("/").removesuffix("/offers")
    return int(path.rsplit("/", 1)[1])


def source_id(app, key: str = ARTICLE_SOURCE_KEY) -> int:
    with app.app_context():
        return get_session().scalar(select(Source.id).where(Source.key == key))


def claim_id_by_key(app, key: str) -> int:
    with app.app_context():
        return get_session().scalar(select(Claim.id).where(Claim.key == key))


def load_claim(app, claim_id: int, *options) -> Claim:
    with app.app_context():
        statement = select(Claim).where(Claim.id == claim_id).options(*options)
        return get_session().scalars(statement).unique().one()


def revisions_of(app, claim_id: int, object_type: str = "claim") -> list[Revision]:
    with app.app_context():
        return list(
            get_session().scalars(
                select(Revision)
                .where(Revision.object_type == object_type, Revision.object_id == claim_id)
                .options(joinedload(Revision.user))
                .order_by(Revision.id)
            )
        )


def edit_form_values(client, claim_id: int) -> dict:
    """The edit form of a claim as a browser would post it unchanged."""
    page = soup(client.get(f"/claims/{claim_id}/edit"))
    return form_values(page.select_one("form.claim-form"))


def form_values(form) -> dict[str, str | list[str]]:
    """What a browser would post for a parsed form (first submit button only)."""
    data: dict[str, str | list[str]] = {}
    for element in form.select("input, select, textarea"):
        name = element.get("name")
        kind = element.get("type", "")
        if not name or kind == "submit":
            continue
        if kind in ("checkbox", "radio"):
            if element.has_attr("checked"):
                if kind == "checkbox":
                    data.setdefault(name, []).append(element["value"])
                else:
                    data[name] = element["value"]
            continue
        if element.name == "select":
            selected = element.select_one("option[selected]") or element.select_one("option")
            data[name] = selected["value"] if selected else ""
        elif element.name == "textarea":
            # A newline right after <textarea> is not part of the value (HTML parsing rule).
            data[name] = element.get_text().removeprefix("\r").removeprefix("\n")
        else:
            data[name] = element.get("value", "")
    return data
