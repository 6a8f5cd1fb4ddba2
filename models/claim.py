"""A claim: one statement, who stands behind it, when, from which source, how far we trust it."""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Index,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

import i18n
from fuzzy_date import OPEN_START, FuzzyDate, from_edtf
from models.base import Base, UTCDateTime, enum_type, utcnow
from models.dossier import Dossier
from models.entity import Entity
from models.limits import QUOTE_MAX, STATEMENT_MAX
from models.source import Source
from models.text import fold
from models.vocabulary import Attribution, RelationType, Status, likelihood

claim_tags = Table(
    "claim_tags",
    Base.metadata,
    Column("claim_id", ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True),
)

claim_entities = Table(
    "claim_entities",
    Base.metadata,
    Column("claim_id", ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "entity_id", ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True, index=True
    ),
)


class Tag(Base):
    """A topic; names are reused case-insensitively through `key`."""

    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60))
    key: Mapped[str] = mapped_column(String(60), unique=True)

    def __repr__(self) -> str:
        return f"<Tag {self.name!r}>"


def search_text(*texts: str | None) -> str:
    """What the full-text index reads for a claim's texts: each folded, joined by spaces.

    Folding works character by character, so the parts fold to the fold of the whole; each is
    folded once and remembered, since a write sets the statement, quote and notes in turn and
    each setting joins all three again.
    """
    return " ".join(_fold_remembered(text) for text in texts if text)


_fold_remembered = lru_cache(maxsize=256)(fold)


class Claim(Base):
    __tablename__ = "claims"
    __table_args__ = (
        UniqueConstraint("dossier_id", "key", name="uq_claims_dossier_key"),
        CheckConstraint("confidence BETWEEN 0 AND 100", name="confidence_range"),
        CheckConstraint(
            f"length(statement) BETWEEN 1 AND {STATEMENT_MAX}", name="statement_length"
        ),
        CheckConstraint(f"length(quote) <= {QUOTE_MAX}", name="quote_length"),
        CheckConstraint("locator IS NULL OR locator >= 1", name="locator_positive"),
        CheckConstraint("event_earliest <= event_latest", name="event_bounds_ordered"),
        CheckConstraint("stated_earliest <= stated_latest", name="stated_bounds_ordered"),
        # The timeline's keyset pagination walks these (dossier, date, id) indexes.
        Index("ix_claims_timeline", "dossier_id", "timeline_date", "id"),
        Index("ix_claims_stated", "dossier_id", "stated_earliest", "id"),
        Index("ix_claims_dossier_attribution", "dossier_id", "attribution"),
        Index("ix_claims_dossier_status", "dossier_id", "status"),
        # Covers every column the timeline filters on and the facets group by, so a filtered
        # view's claims are found by reading this narrow index rather than the wide rows
        # (issue #17: a year's claims for the attribution facet, 268 ms to 45 ms at 100k).
        # The timeline date last: the facets' months place claims by it (0013).
        Index(
            "ix_claims_facets",
            "dossier_id",
            "attribution",
            "status",
            "deleted_at",
            "event_earliest",
            "event_latest",
            "stated_earliest",
            "stated_latest",
            "confidence",
            "speaker_id",
            "source_id",
            "via_id",
            "timeline_date",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"))
    # A stable identifier within the dossier, used by seed files and imports.
    key: Mapped[str | None] = mapped_column(String(100))
    statement: Mapped[str] = mapped_column(String(STATEMENT_MAX))
    quote: Mapped[str] = mapped_column(Text, default="")
    quote_lang: Mapped[str | None] = mapped_column(String(35))
    # The statement's language when it is not the dossier's statement_language (issue #20).
    statement_lang: Mapped[str | None] = mapped_column(String(35))
    locator: Mapped[int | None]
    notes: Mapped[str] = mapped_column(Text, default="")
    notes_html: Mapped[str] = mapped_column(Text, default="")
    # Statement, quote and notes folded to lower case without accents, kept in step by
    # `_reindex`; the full-text index (FTS5 or a PostgreSQL GIN index) reads this column.
    search_text: Mapped[str] = mapped_column(Text, default="")
    attribution: Mapped[Attribution] = mapped_column(enum_type(Attribution, "attribution"))
    speaker_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id"), index=True)
    speaker_description: Mapped[str | None] = mapped_column(String(300))
    # Who passed on a private remark: the speaker said it, this entity or person told us.
    relayed_by_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id"), index=True)
    relayed_by_description: Mapped[str | None] = mapped_column(String(300))
    via_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"), index=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)
    event_edtf: Mapped[str | None] = mapped_column(String(100))
    event_earliest: Mapped[date | None] = mapped_column(Date)
    event_latest: Mapped[date | None] = mapped_column(Date)
    stated_edtf: Mapped[str] = mapped_column(String(100))
    stated_earliest: Mapped[date] = mapped_column(Date)
    stated_latest: Mapped[date] = mapped_column(Date)
    # Where the claim sits on the timeline: the start of its event date, or of its stated
    # date when the event date is unknown. Kept at write time so reads sort on one index.
    timeline_date: Mapped[date] = mapped_column(Date)
    confidence: Mapped[int]
    status: Mapped[Status] = mapped_column(enum_type(Status, "status"), default=Status.UNVERIFIED)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column()

    dossier: Mapped[Dossier] = relationship(back_populates="claims")
    speaker: Mapped[Entity | None] = relationship(foreign_keys=[speaker_id])
    relayed_by: Mapped[Entity | None] = relationship(foreign_keys=[relayed_by_id])
    via: Mapped[Source | None] = relationship(foreign_keys=[via_id])
    source: Mapped[Source] = relationship(foreign_keys=[source_id])
    tags: Mapped[list[Tag]] = relationship(secondary=claim_tags, lazy="raise", order_by=Tag.key)
    entities: Mapped[list[Entity]] = relationship(
        secondary=claim_entities, lazy="raise", order_by=Entity.name
    )
    relations_out: Mapped[list[ClaimRelation]] = relationship(
        foreign_keys="ClaimRelation.from_claim_id",
        back_populates="from_claim",
        cascade="all, delete-orphan",
        lazy="raise",
        order_by="ClaimRelation.id",
    )
    relations_in: Mapped[list[ClaimRelation]] = relationship(
        foreign_keys="ClaimRelation.to_claim_id",
        back_populates="to_claim",
        lazy="raise",
        order_by="ClaimRelation.id",
        viewonly=True,
    )

    # SQLAlchemy checks the version in the UPDATE itself: a stale write matches no row.
    __mapper_args__ = {"version_id_col": version}

    @validates("statement", "quote", "notes")
    def _reindex(self, field_name: str, value: str | None) -> str | None:
        texts: dict[str, str | None] = {
            "statement": self.statement,
            "quote": self.quote,
            "notes": self.notes,
        }
        texts[field_name] = value
        self.search_text = search_text(*texts.values())
        return value

    @property
    def event_date(self) -> FuzzyDate | None:
        return from_edtf(self.event_edtf) if self.event_edtf else None

    @event_date.setter
    def event_date(self, value: FuzzyDate | None) -> None:
        self.event_edtf = value.edtf if value else None
        self.event_earliest = value.earliest if value else None
        self.event_latest = value.latest if value else None
        self._place_on_timeline()

    @property
    def stated_date(self) -> FuzzyDate:
        return from_edtf(self.stated_edtf)

    @stated_date.setter
    def stated_date(self, value: FuzzyDate) -> None:
        self.stated_edtf = value.edtf
        self.stated_earliest = value.earliest
        self.stated_latest = value.latest
        self._place_on_timeline()

    @property
    def statement_language(self) -> str:
        """The language the statement is written in: its own, else its dossier's."""
        return self.statement_lang or self.dossier.statement_language

    @property
    def statement_lang_to_mark(self) -> str | None:
        """The statement's language when the page around it is in another: what its `lang=`
        says (None: no attribute). Macros imported without context read it too."""
        language = self.statement_language
        return None if language == i18n.current() else language

    @property
    def timeline_fuzzy_date(self) -> FuzzyDate:
        """The date the timeline shows: the event date, else the stated date."""
        return self.event_date or self.stated_date

    def _place_on_timeline(self) -> None:
        # A span open at the start ("2025 or earlier") has no start to sit at: use its end.
        for earliest, latest in (
            (self.event_earliest, self.event_latest),
            (self.stated_earliest, self.stated_latest),
        ):
            # Both bounds are set together (see the date setters); a span without dates is skipped.
            if earliest is not None and latest is not None:
                self.timeline_date = latest if earliest == OPEN_START else earliest
                return

    @property
    def attribution_label(self) -> str:
        return self.attribution.label

    @property
    def confidence_label(self) -> str:
        return likelihood(self.confidence)

    @property
    def via_repeats_speaker(self) -> bool:
        """Whether the outlet it came through is the one already named as its speaker ("The
        Wall Street Journal via The Wall Street Journal"): then it is said once (#16)."""
        if self.via is None:
            return False
        via = (self.via.outlet or self.via.title).casefold()
        if self.speaker is not None:
            return via == self.speaker.name.casefold()
        if self.speaker_description:
            return via == self.speaker_description.casefold()
        return via == (self.source.outlet or self.source.title).casefold()

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def live_relations_out(self) -> list[ClaimRelation]:
        """Links to claims that are not deleted. A deleted claim is shown on no reading
        surface, not even as the far end of a link; its links stay stored for a restore."""
        return [relation for relation in self.relations_out if not relation.to_claim.is_deleted]

    @property
    def live_relations_in(self) -> list[ClaimRelation]:
        """Links from claims that are not deleted (see live_relations_out)."""
        return [relation for relation in self.relations_in if not relation.from_claim.is_deleted]

    def __repr__(self) -> str:
        return f"<Claim {self.id} {self.statement[:40]!r}>"


class ClaimRelation(Base):
    """A typed link read as "<from claim> <type> <to claim>", with an editor's note."""

    __tablename__ = "claim_relations"
    __table_args__ = (
        UniqueConstraint("from_claim_id", "to_claim_id", "type", name="uq_claim_relations_link"),
        CheckConstraint("from_claim_id <> to_claim_id", name="not_self"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    from_claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"))
    to_claim_id: Mapped[int] = mapped_column(
        ForeignKey("claims.id", ondelete="CASCADE"), index=True
    )
    type: Mapped[RelationType] = mapped_column(enum_type(RelationType, "relation_type"))
    note: Mapped[str] = mapped_column(String(1000), default="")

    from_claim: Mapped[Claim] = relationship(
        foreign_keys=[from_claim_id], back_populates="relations_out"
    )
    to_claim: Mapped[Claim] = relationship(foreign_keys=[to_claim_id])

    def __repr__(self) -> str:
        return f"<ClaimRelation {self.from_claim_id} {self.type} {self.to_claim_id}>"
