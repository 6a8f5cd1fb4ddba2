"""Small per-process caches of what a dossier's pages compute: counts, facets, the overview
strip, and whole rendered pages for readers who are not signed in.

Entries are keyed by the database, the dossier and the moment it last changed (a rendered
page by its ETag, which includes that moment), so a write makes new keys rather than needing
to reach every process to invalidate old ones; stale entries simply age out of the LRU.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from threading import Lock
from typing import Any

MAX_ENTRIES = 512
PAGE_BYTES = 16 * 1024 * 1024


class ViewCache:
    """A least-recently-used map, bounded by entries and, when given, by total size."""

    def __init__(self, max_entries: int = MAX_ENTRIES, max_bytes: int | None = None):
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.entries: OrderedDict[Hashable, Any] = OrderedDict()
        self.bytes = 0
        self.lock = Lock()

    def get(self, key: Hashable) -> Any | None:
        with self.lock:
            if key not in self.entries:
                return None
            self.entries.move_to_end(key)
            return self.entries[key]

    def put(self, key: Hashable, value: Any) -> None:
        """Keep `value`; with a size bound, `value` is bytes and one too large is not kept."""
        size = self._size(value)
        if self.max_bytes is not None and size > self.max_bytes // 4:
            return
        with self.lock:
            if key in self.entries:
                self.bytes -= self._size(self.entries.pop(key))
            self.entries[key] = value
            self.bytes += size
            while self.entries and (
                len(self.entries) > self.max_entries
                or (self.max_bytes is not None and self.bytes > self.max_bytes)
            ):
                _, dropped = self.entries.popitem(last=False)
                self.bytes -= self._size(dropped)

    def clear(self) -> None:
        """Forget every entry, and their size with them."""
        with self.lock:
            self.entries.clear()
            self.bytes = 0

    def get_or_compute(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        value = self.get(key)
        if value is None:
            value = compute()
            self.put(key, value)
        return value

    def _size(self, value: Any) -> int:
        return len(value) if self.max_bytes is not None else 0


aggregates = ViewCache()
pages = ViewCache(max_entries=4096, max_bytes=PAGE_BYTES)
