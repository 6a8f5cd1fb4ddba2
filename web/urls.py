"""Building URLs that keep the reader's filters."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from werkzeug.routing import IntegerConverter

from models.limits import LARGEST_ID
from services.reading.filters import ClaimFilters


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


# What an argument of the timeline is when it is not set, besides empty.
DEFAULT_ARGUMENTS = {("order", "event")}


def set_arguments_only(args) -> dict[str, Any] | None:
    """`args` (a MultiDict) without its empty and default values, for a redirect to the
    shorter address; None when every argument is set already."""
    kept = {
        name: [
            value
            for value in args.getlist(name)
            if value.strip() and (name, value) not in DEFAULT_ARGUMENTS
        ]
        for name in args
    }
    if all(len(values) == len(args.getlist(name)) for name, values in kept.items()):
        return None
    return {name: values for name, values in kept.items() if values}


class IdOutOfRange(int):
    """An id larger than the id columns hold: 0 to the database (no row has it), and the
    number asked for in words, so "There is no claim {claim_id}." names what was asked."""

    def __new__(cls, asked: str) -> IdOutOfRange:
        number = super().__new__(cls, 0)
        number.asked = asked
        return number

    asked: str

    def __str__(self) -> str:
        return self.asked

    __repr__ = __str__


class DatabaseIdConverter(IntegerConverter):
    """`<int:…>` for ids. A number larger than the id columns hold becomes an IdOutOfRange,
    an id no row has, so it is a plain 404 for every method, instead of an overflow in the
    database driver (or a 405, which is what a converter that refuses the value makes
    Werkzeug answer), and the 404 still names the number asked for."""

    def to_python(self, value: str) -> int:
        number = super().to_python(value)
        return number if number <= LARGEST_ID else IdOutOfRange(str(number))
