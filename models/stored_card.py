"""A claim's card as the timeline shows it, rendered at write time (issue #17).

One row per (claim, language): the card's HTML and a fingerprint of everything it was
rendered from (web/card_inputs.py). A reader uses the row only when the fingerprint of the
claim as it reads it now is the same, so a row that a write forgot to renew is never
shown: the card is rendered afresh instead. The rows are renewed in the transaction of
the write that changes a claim (web/claim_cards.py) and by `flask cards refresh`.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base

LANGUAGE_MAX = 8
FINGERPRINT_LENGTH = 32  # a 16-byte BLAKE2b digest in hexadecimal


class StoredCard(Base):
    __tablename__ = "stored_cards"

    claim_id: Mapped[int] = mapped_column(
        ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True
    )
    language: Mapped[str] = mapped_column(String(LANGUAGE_MAX), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(FINGERPRINT_LENGTH))
    html: Mapped[str] = mapped_column(Text)

    def __repr__(self) -> str:
        return f"<StoredCard {self.claim_id} {self.language}>"
