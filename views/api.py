"""The JSON API, version 1: every HTML listing has its twin here with the same filters.

Callers authenticate with `Authorization: Bearer <token>` (see `flask tokens create`), never
with the session cookie, so the blueprint is exempt from CSRF and a foreign page cannot
act through a signed-in editor's browser. Reads need no token (a private dossier does);
writes need a write-scope token. Every error is an RFC 9457 problem.

This module holds the blueprint and what every route shares (authentication, problems,
argument checks, the JSON shapes with their links); the routes are in `views.api_read` and
`views.api_write`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from flask import Blueprint, current_app, g, jsonify, request, url_for
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import HTTPException

from db import SAFE_METHODS, get_session
from i18n import _, _l
from models import Claim, Dossier, Source, TokenScope
from models.limits import PAGE_SIZE_MAX, SLUG_PATTERN
from models.text import parse_whole_number
from services.accounts import api_tokens
from services.interchange import api_queries, serialize
from services.interchange.api_writes import WriteProblem
from services.reading.filters import parse_filters
from web.problems import problem, validation_problem

api = Blueprint("api", __name__)

FILTER_PARAMETERS = (
    "attribution", "entity", "tag", "source", "status", "min_confidence", "from", "to", "q",
    "order", "after",
)  # fmt: skip
MAX_PER_PAGE = PAGE_SIZE_MAX
READ_ONLY_TOKEN = _l(
    "This token may only read. A write token is made with "
    "`flask --app app tokens create USERNAME --scope write`."
)


class ApiProblem(Exception):
    """Raised by helpers to answer with a problem response at once."""

    def __init__(self, response):
        super().__init__(response.status_code)
        self.response = response


@api.errorhandler(ApiProblem)
def _answer_problem(error: ApiProblem):
    return error.response


@api.errorhandler(WriteProblem)
def _answer_write_problem(error: WriteProblem):
    if error.errors:
        return validation_problem(error.errors, detail=error.detail)
    if error.current is not None:
        extra = {"conflicts": error.conflicts} if error.conflicts else {}
        return problem(error.status, detail=error.detail, current=item_json(error.current), **extra)
    return problem(error.status, detail=error.detail)


@api.errorhandler(HTTPException)
def _answer_http_error(error: HTTPException):
    return problem(error.code or 500, detail=error.description)


# --- authentication ---------------------------------------------------------------------


@api.before_request
def authenticate():
    """Read the bearer token, if any; writes need one of write scope."""
    g.api_token = None
    header = request.headers.get("Authorization")
    if header is None:
        if request.method not in SAFE_METHODS:
            return unauthorized(_("Send a write token as `Authorization: Bearer <token>`."))
        return None
    secret = api_tokens.bearer_secret(header)
    if secret is None:
        return unauthorized(_("Use `Authorization: Bearer <token>`; no other scheme is accepted."))
    token = api_tokens.authenticate(get_session(), secret)
    if token is None:
        return unauthorized(_("That token is unknown or was revoked."), error="invalid_token")
    if request.method not in SAFE_METHODS and token.scope is not TokenScope.WRITE:
        return problem(403, detail=str(READ_ONLY_TOKEN))
    g.api_token = token
    return None


def unauthorized(detail: str, error: str | None = None):
    response = problem(401, detail=detail)
    challenge = 'Bearer realm="claimline"' + (f', error="{error}"' if error else "")
    response.headers["WWW-Authenticate"] = challenge
    return response


def signed_in() -> bool:
    return g.get("api_token") is not None


def access_keys() -> list[str]:
    """The unlisted dossier's access key sent as `?key=`: the API takes no session cookie,
    so its callers send the key of a share link with each request."""
    key = request.args.get("key")
    return [key] if key else []


# --- argument helpers -------------------------------------------------------------------


def per_page_argument(errors: dict[str, str]) -> int:
    """The page size asked for (default PER_PAGE); a wrong one is noted in `errors`."""
    value = request.args.get("per_page")
    if value is None or value == "":
        return current_app.config["PER_PAGE"]
    number = parse_whole_number(value, max_digits=4)
    if number is None or not 1 <= number <= MAX_PER_PAGE:
        errors["per_page"] = _(
            "The page size must be a whole number from 1 to %(most)s.", most=MAX_PER_PAGE
        )
        return current_app.config["PER_PAGE"]
    return number


def readable_dossier(slug: str | None, field: str = "dossier") -> api_queries.DossierCounts:
    """The dossier named by `slug` with its counts; raises ApiProblem (400 or 404)."""
    return _readable(slug, field, api_queries.dossier)


def listed_dossier(slug: str | None) -> Dossier:
    """The dossier whose items are listed: no counts (a count of 100,000 claims is 20 ms)."""
    return _readable(slug, "dossier", api_queries.visible_dossier)


def _readable(slug: str | None, field: str, lookup):
    if not slug:
        raise ApiProblem(validation_problem({field: _("Name a dossier by its slug.")}))
    found = (
        lookup(get_session(), slug, signed_in(), access_keys())
        if SLUG_PATTERN.match(slug)
        else None
    )
    if found is None:
        raise ApiProblem(problem(404, detail=_('There is no dossier "%(slug)s".', slug=slug[:100])))
    return found


def filter_errors(args: MultiDict) -> dict[str, str]:
    """Check each timeline filter on its own, so every message names its parameter."""
    errors = {}
    for name in FILTER_PARAMETERS:
        if name in args:
            messages = parse_filters(MultiDict([(name, v) for v in args.getlist(name)])).errors
            if messages:
                errors[name] = " ".join(messages)
    return errors


# --- JSON shapes with links ---------------------------------------------------------------


def claim_json(claim, dossier_slug: str) -> dict:
    return claims_json([claim], dossier_slug)[0]


def claims_json(claims: Iterable, dossier_slug: str) -> list[dict]:
    """Claims of one dossier as the API shows them, with their page and API addresses."""
    # url_for once for each address, then the id put in: 100 url_for calls were 0.5 ms
    # of a cold list of 50 claims (#17).
    page_url, api_url = _address_by_id("claims.detail"), _address_by_id("api.get_claim")
    items = []
    for claim in claims:
        data = serialize.claim(claim, dossier_slug)
        data["url"] = page_url(claim.id)
        data["api_url"] = api_url(claim.id)
        items.append(data)
    return items


def _address_by_id(endpoint: str) -> Callable[[int], str]:
    """url_for(endpoint, claim_id=..., _external=True) for any id, for a rule ending with it."""
    stand_in = url_for(endpoint, claim_id=0, _external=True)
    if not stand_in.endswith("/0"):
        raise LookupError(f"{endpoint} does not end with the claim id: {stand_in}")
    prefix = stand_in.removesuffix("0")
    return lambda claim_id: f"{prefix}{claim_id}"


def source_json(source, dossier_slug: str) -> dict:
    data = serialize.source(source, dossier_slug)
    data["page_url"] = url_for("sources.detail", source_id=source.id, _external=True)
    data["api_url"] = url_for("api.get_source", source_id=source.id, _external=True)
    return data


def entity_json(entity) -> dict:
    data = serialize.entity(entity)
    data["url"] = url_for("entities.detail", slug=entity.slug, _external=True)
    data["api_url"] = url_for("api.get_entity", slug=entity.slug, _external=True)
    return data


def dossier_json(found: api_queries.DossierCounts) -> dict:
    slug = found.dossier.slug
    data = serialize.dossier(found.dossier)
    data.update(
        claim_count=found.claims,
        source_count=found.sources,
        changed_at=found.dossier.changed_at.isoformat(),
        version=found.dossier.version,
        archived_at=found.dossier.archived_at.isoformat() if found.dossier.archived_at else None,
        url=url_for("dossiers.timeline_page", slug=slug, _external=True),
        api_url=url_for("api.get_dossier", slug=slug, _external=True),
        claims_url=url_for("api.list_claims", dossier=slug, _external=True),
        sources_url=url_for("api.list_sources", dossier=slug, _external=True),
        exports={
            name: url_for(f"exports.{endpoint}", slug=slug, _external=True)
            for name, endpoint in (
                ("csv", "claims_csv"),
                ("json", "claims_json"),
                ("timelinejs", "timelinejs_json"),
                ("atom", "feed"),
            )
        },
    )
    return data


def listing(items: list, total: int, next_url: str | None):
    return jsonify(items=items, next=next_url, total=total)


def item_json(item) -> dict:
    if isinstance(item, Dossier):  # with its counts, as the caller would read it
        found = api_queries.dossier(get_session(), item.slug, signed_in=True)
        if found is None:
            raise LookupError(f"dossier {item.slug!r} was just written and must exist")
        return dossier_json(found)
    if isinstance(item, Claim):
        return claim_json(item, item.dossier.slug)
    if isinstance(item, Source):
        return source_json(item, item.dossier.slug)
    return entity_json(item)
