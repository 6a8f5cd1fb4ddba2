"""Three-way merge of two edits made from the same version, field by field.

When two editors save the same object, each edit is compared with the version both started
from (the base): a field only they changed is taken from them, a field only I changed is kept,
and only a field both changed to different values is a conflict that a person must settle.
Nothing is chosen by default, so one click never undoes a colleague's work.

Lists of plain values (tags, entity slugs) merge as sets: what either side added is in, what
either side removed is out; they never conflict. Any other value is compared whole.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Merge:
    """The merged values, and the fields that need a person's choice."""

    values: dict[str, Any]
    conflicts: list[str] = field(default_factory=list)
    theirs: list[str] = field(default_factory=list)  # fields taken silently from the other edit

    @property
    def clean(self) -> bool:
        return not self.conflicts


def merge(
    base: Mapping[str, Any],
    theirs: Mapping[str, Any],
    mine: Mapping[str, Any],
    fields: Iterable[str],
) -> Merge:
    """Merge `mine` and `theirs`, both edits of `base`, over `fields`. A conflicting field keeps
    my value in `values` (so a form can show it) and is listed in `conflicts`."""
    result = Merge(values={})
    for name in fields:
        before, other, own = base.get(name), theirs.get(name), mine.get(name)
        if _same(other, own) or _same(other, before):
            result.values[name] = own
        elif _same(own, before):
            result.values[name] = other
            result.theirs.append(name)
        elif _set_like(before, other, own):
            result.values[name] = _merge_sets(before or [], other or [], own or [])
            result.theirs.append(name)
        else:
            result.values[name] = own
            result.conflicts.append(name)
    return result


def _same(left: Any, right: Any) -> bool:
    if _empty(left) and _empty(right):
        return True
    if _set_like(left, right):
        return set(left or []) == set(right or [])
    return left == right


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def _set_like(*values: Any) -> bool:
    """Lists of hashable plain values (and empty ones) merge as sets."""
    return all(
        value is None
        or (isinstance(value, list) and all(isinstance(item, str | int) for item in value))
        for value in values
    ) and any(isinstance(value, list) for value in values)


def _merge_sets(base: list[Any], theirs: list[Any], mine: list[Any]) -> list[Any]:
    """Everything either side added, less everything either side removed, in a stable order."""
    removed = (set(base) - set(theirs)) | (set(base) - set(mine))
    ordered = [*mine, *(item for item in theirs if item not in mine)]
    return [item for item in ordered if item not in removed]
