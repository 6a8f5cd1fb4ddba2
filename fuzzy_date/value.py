"""The public value: a FuzzyDate, as stored and as read back from stored EDTF."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from fuzzy_date.edtf import OPEN_END, OPEN_START, Point, Shape, checked_input, edtf_shape
from fuzzy_date.labels import shape_label


@dataclass(frozen=True)
class FuzzyDate:
    """A possibly imprecise date: canonical EDTF plus the calendar days it covers."""

    edtf: str  # canonical EDTF level-1 string
    earliest: date  # first calendar day covered (OPEN_START if open)
    latest: date  # last calendar day covered (OPEN_END if open)

    @property
    def shape(self) -> Shape:
        """The EDTF read back into its points, for code that needs a year, month or day."""
        return edtf_shape(self.edtf)

    @property
    def start(self) -> Point | None:
        """The first point (None when open at the start)."""
        return self.shape.start

    @property
    def end(self) -> Point | None:
        """The last point (None when open at the end); the start again for a single point."""
        return self.shape.end

    @property
    def label(self) -> str:
        """The date in words in the reader's language (i18n.current()), as people write it:
        "4 June 2024", "around mid-2024", « vers mi-2024 ». Written each time it is asked for,
        never kept: the same date reads differently to each reader."""
        return shape_label(self.shape)

    @property
    def precision(self) -> str:
        """One of day, month, season, year; interval; or open if an end is open."""
        shape = self.shape
        if not shape.interval and shape.start is not None:
            return shape.start.kind
        return "interval" if shape.start and shape.end else "open"

    @property
    def approximate(self) -> bool:
        """True if any part is approximate ("~" or "%")."""
        return "~" in self.edtf or "%" in self.edtf

    @property
    def uncertain(self) -> bool:
        """True if any part is uncertain ("?" or "%")."""
        return "?" in self.edtf or "%" in self.edtf

    def to_json(self) -> dict[str, Any]:
        """Plain-JSON form; open bounds are None rather than the date.min/max sentinels."""
        return {
            "edtf": self.edtf,
            "earliest": None if self.earliest == OPEN_START else self.earliest.isoformat(),
            "latest": None if self.latest == OPEN_END else self.latest.isoformat(),
            "label": self.label,
        }


def from_shape(shape: Shape) -> FuzzyDate:
    return from_edtf(shape.collapsed().edtf)


@lru_cache(maxsize=8192)
def _cached_from_edtf(text: str) -> FuzzyDate:
    shape = edtf_shape(text)
    return FuzzyDate(shape.edtf, shape.earliest, shape.latest)


def from_edtf(text: str) -> FuzzyDate:
    """Read a stored EDTF string (strict: nothing but the supported EDTF subset).

    Cached, because every claim card on a page goes through it.
    """
    return _cached_from_edtf(checked_input(text))
