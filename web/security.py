"""Security headers and the cross-site request check, set in this one place for every response."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, abort, current_app, request
from sqlalchemy.orm import Session
from werkzeug.exceptions import TooManyRequests
from werkzeug.middleware.proxy_fix import ProxyFix

from db import SAFE_METHODS, engine_of
from i18n import _, ngettext
from services.accounts import api_tokens
from services.accounts.rate_limit import Limit, hit

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    )
)
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)


def register_security(app: Flask) -> None:
    trust_proxies(app)
    app.before_request(refuse_cross_site_writes)
    app.before_request(apply_rate_limits)
    app.after_request(set_security_headers)


def trust_proxies(app: Flask) -> None:
    """Behind PROXY_FIX reverse proxies, read the client's address, scheme and host from
    their X-Forwarded-* headers (Werkzeug's ProxyFix), so sign-in lockouts and rate limits
    count the client, not the proxy. Off by default: without a proxy those headers are
    whatever the client typed, and trusting them would let anyone choose their address."""
    hops = int(app.config.get("PROXY_FIX") or 0)
    if hops < 0:
        raise RuntimeError("PROXY_FIX is the number of proxies in front of Claimline (0: none).")
    if hops:
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops
        )


def set_security_headers(response):
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Referrer-Policy"] = "same-origin"
    headers["Permissions-Policy"] = PERMISSIONS_POLICY
    headers["X-Frame-Options"] = "DENY"
    headers["Cross-Origin-Opener-Policy"] = "same-origin"
    if request.is_secure:
        headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains"
    return response


def refuse_cross_site_writes():
    """A second line behind CSRF tokens: browsers say where a state-changing request came from.

    The API is exempt: it authenticates with bearer tokens, which a foreign page cannot send.
    """
    if request.method in SAFE_METHODS or request.path.startswith("/api/"):
        return None
    if request.headers.get("Sec-Fetch-Site") == "cross-site":
        abort(403, description=_("This request came from another site and was refused."))
    origin = request.headers.get("Origin")
    if origin and urlsplit(origin).netloc != request.host:
        abort(403, description=_("This request came from another site and was refused."))
    return None


# Defaults; RATE_LIMITS in the config overrides them by name, as (requests, seconds).
# suggest counts the search box's suggestions while typing (a reader types many letters per
# search); print, pdf (renders queued, not cached downloads) and export count per address
# (issue #18).
DEFAULT_LIMITS = {
    "search": (60, 60),
    "suggest": (300, 60),
    "api-write": (120, 60),
    "print": (30, 60),
    "pdf": (10, 60),
    "export": (30, 60),
}


def apply_rate_limits() -> None:
    """Searches and API writes count against limits shared by every server process; a write
    counts against its token, however the header is spelled, or its address without one.

    Runs before the request touches its own database session, so the counter's short write
    transaction never waits on a lock that this same request holds.
    """
    if not current_app.config.get("RATE_LIMITS_ENABLED", True):
        return  # and no token lookup for nothing
    if request.path.startswith("/api/") and request.method not in SAFE_METHODS:
        token_id = _token_id(request.headers.get("Authorization", ""))
        enforce_limit("api-write", f"token:{token_id}" if token_id is not None else None)
    elif request.endpoint == "search.suggestions":
        # One request per pause while a reader types: a word costs several, so these count
        # against a larger allowance of their own rather than the searches'.
        enforce_limit("suggest")
    elif request.args.get("q", "").strip():
        enforce_limit("search")


def _token_id(header: str) -> int | None:
    """The id of the live token in an `Authorization: Bearer` header, looked up on a short
    session of its own (the request's session takes the write lock on its first query)."""
    secret = api_tokens.bearer_secret(header)
    if secret is None:
        return None
    with Session(engine_of(current_app)) as lookup:
        token = api_tokens.authenticate(lookup, secret)
        return token.id if token is not None else None


def client_address() -> str:
    """The address lockouts and rate limits count: the client's own when PROXY_FIX says how
    many proxies stand in front (trust_proxies), else the connection's."""
    return request.remote_addr or "unknown"


def enforce_limit(name: str, identity: str | None = None) -> None:
    """Count this request against the named limit; abort with 429 and Retry-After when over."""
    if not current_app.config.get("RATE_LIMITS_ENABLED", True):
        return
    requests, seconds = current_app.config.get("RATE_LIMITS", {}).get(name, DEFAULT_LIMITS[name])
    verdict = hit(
        engine_of(current_app), Limit(name, requests, seconds), identity or client_address()
    )
    if not verdict.allowed:
        raise TooManyRequests(
            description=ngettext(
                "Too many requests; try again in %(num)s second.",
                "Too many requests; try again in %(num)s seconds.",
                verdict.retry_after,
            ),
            retry_after=verdict.retry_after,
        )
