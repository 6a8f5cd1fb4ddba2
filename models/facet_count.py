"""A dossier's facet counts over all its live claims, kept at write time (issue #17).

One row per (dossier, facet, value): how many live claims of the dossier have that
attribution or status, carry that tag, name that entity (or have it speak) or cite that
source; facet "total" with value "" counts the live claims. The unfiltered timeline reads
these rows instead of counting 100,000 claims after every write. They are kept by one
session event (services.editing.facet_counts), in the transaction of the write itself.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base

FACET_NAME_MAX = 20
FACET_VALUE_MAX = 40


class FacetCount(Base):
    __tablename__ = "facet_counts"
    # No CHECK (count >= 0): the upsert that applies a decrease inserts a row of the delta,
    # which a CHECK would refuse before the conflict turns it into an update.

    dossier_id: Mapped[int] = mapped_column(
        ForeignKey("dossiers.id", ondelete="CASCADE"), primary_key=True
    )
    # "total", "attributions", "statuses", "tags", "entities" or "sources".
    facet: Mapped[str] = mapped_column(String(FACET_NAME_MAX), primary_key=True)
    # An attribution or status value, or the id of a tag, entity or source ("" for total).
    value: Mapped[str] = mapped_column(String(FACET_VALUE_MAX), primary_key=True)
    count: Mapped[int]

    def __repr__(self) -> str:
        return f"<FacetCount {self.dossier_id} {self.facet}={self.value!r}: {self.count}>"
