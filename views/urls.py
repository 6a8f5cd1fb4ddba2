"""Building URLs that keep the reader's filters."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from werkzeug.routing import IntegerConverter

from services.filters import ClaimFilters


def query_args(filters: ClaimFilters, **changes: Any) -> dict[str, list[str]]:
    """The filters as url_for keyword arguments, with `changes` applied on top.

    A change to None removes that argument; repeated arguments (attribution) stay lists.
    """
    known = {"after": "after"}
    filters = replace(filters, **{known[k]: v for k, v in changes.items() if k in known})
    args: dict[str, list[str]] = {}
    for name, value in filters.to_args():
        args.setdefault(name, []).append(value)
    for name, value in changes.items():
        if name in known:
            continue
        if value is None:
            args.pop(name, None)
        else:
            args[name] = [str(value)]
    return args


class DatabaseIdConverter(IntegerConverter):
    """`<int:…>` that stops at the largest id the database columns hold: a larger number is a
    plain 404 rather than an overflow deep in the database driver."""

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(url_map, *args, **kwargs)
