"""A small per-process cache of what a dossier view computes from aggregates (counts, facets).

Entries are keyed by the database, the dossier and the moment it last changed, so a write
makes new keys rather than needing to reach every process to invalidate old ones; stale
entries simply age out of the LRU.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from threading import Lock
from typing import Any

MAX_ENTRIES = 512


class ViewCache:
    def __init__(self, max_entries: int = MAX_ENTRIES):
        self.max_entries = max_entries
        self.entries: OrderedDict[Hashable, Any] = OrderedDict()
        self.lock = Lock()

    def get_or_compute(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        with self.lock:
            if key in self.entries:
                self.entries.move_to_end(key)
                return self.entries[key]
        value = compute()
        with self.lock:
            self.entries[key] = value
            while len(self.entries) > self.max_entries:
                self.entries.popitem(last=False)
        return value


aggregates = ViewCache()
