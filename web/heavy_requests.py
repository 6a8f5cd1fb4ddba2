"""Bounds on the requests that cost seconds, not milliseconds: the print page and the exports
of a large dossier (issue #18). Each holds a slot for as long as it runs, one per address
and a few for the whole site, counted in the database so the bound holds across every
gunicorn worker; with two workers and one heavy slot, one worker is always left for
everyone else. A request that finds no free slot gets 429 with Retry-After at once.
"""

from __future__ import annotations

from flask import Flask, current_app, g
from werkzeug.exceptions import TooManyRequests

from db import engine_of
from i18n import ngettext
from services.accounts.rate_limit import give_back, take_slot
from web.security import client_address, enforce_limit

# A slot held by a worker that was killed comes free after this long: longer than any
# heavy request may run (gunicorn's --timeout in the deployment docs is 120 s).
LEASE_SECONDS = 150


def register_heavy_requests(app: Flask) -> None:
    app.config.setdefault("HEAVY_REQUESTS_AT_ONCE", 1)
    app.config.setdefault("HEAVY_REQUESTS_PER_ADDRESS", 1)
    app.teardown_request(give_back_slots)


def hold_heavy_slot(limit: str) -> None:
    """Hold a heavy slot until the request ends, and count the request against the named
    per-address rate limit; 429 when there is no free slot or the address is over it."""
    config = current_app.config
    if not config.get("RATE_LIMITS_ENABLED", True) or "heavy_slots" in g:
        return
    pools = [
        ("slot:heavy-site", config["HEAVY_REQUESTS_AT_ONCE"]),
        (f"slot:heavy-address:{client_address()}", config["HEAVY_REQUESTS_PER_ADDRESS"]),
    ]
    slots, lease_left = take_slot(engine_of(current_app), pools, LEASE_SECONDS)
    # A lease is an upper bound; heavy requests mostly end within seconds.
    retry_after = min(lease_left, 10)
    if not slots:
        raise TooManyRequests(
            description=ngettext(
                "The server is busy making other large documents; try again in %(num)s second.",
                "The server is busy making other large documents; try again in %(num)s seconds.",
                retry_after,
            ),
            retry_after=retry_after,
        )
    g.heavy_slots = slots
    enforce_limit(limit)  # only once a slot is held: a refusal costs one transaction


def give_back_slots(error: BaseException | None = None) -> None:
    slots = g.pop("heavy_slots", None)
    if slots:
        give_back(engine_of(current_app), slots)
