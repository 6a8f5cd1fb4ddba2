"""The printed dossier: everything a briefing document shows, assembled as plain data.

One call reads the filtered claims with everything they show (a fixed number of queries,
whatever the number of claims) and derives the rest in memory: claim numbers, endnotes
in order of first citation, key tensions, the index and the method section.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit

from sqlalchemy.orm import Session, selectinload

from i18n import N_, _, month_name
from models import Claim, Dossier, Entity, Source
from models.text import fold
from models.vocabulary import (
    RELIABILITY_GRADES,
    Attribution,
    EntityKind,
    LikelihoodBand,
    RelationType,
    Status,
    likelihood_bands,
)
from services.printing.filter_words import FilterLine, describe_filters
from services.reading import timeline
from services.reading.filters import ClaimFilters

# Which side of a tension is "on the record": the lower rank goes first, so a public
# statement is set against what insiders say, and a record against anyone's account.
ON_RECORD_RANK = {
    Attribution.PUBLIC: 0,
    Attribution.DATA: 1,
    Attribution.REPORT: 2,
    Attribution.ANALYSIS: 3,
    Attribution.PRIVATE: 4,
    Attribution.INSIDER: 5,
}

# A relation as its entry lists it ("Contradicts: no. 4 ..."), seen from either claim, and
# as a tension reads ("<first> contradicts <second>"): translated where printed (issue #20).
RELATION_LABELS = {
    RelationType.SUPPORTS: N_("Supports"),
    RelationType.CONTRADICTS: N_("Contradicts"),
    RelationType.CONFIRMS: N_("Confirms"),
    RelationType.REFUTES: N_("Refutes"),
    RelationType.UPDATES: N_("Updates"),
}
INVERSE_RELATION_LABELS = {
    RelationType.SUPPORTS: N_("Supported by"),
    RelationType.CONTRADICTS: N_("Contradicted by"),
    RelationType.CONFIRMS: N_("Confirmed by"),
    RelationType.REFUTES: N_("Refuted by"),
    RelationType.UPDATES: N_("Updated by"),
}
TENSION_VERBS = {
    RelationType.CONTRADICTS: N_("contradicts"),
    RelationType.REFUTES: N_("refutes"),
}
INVERSE_TENSION_VERBS = {
    RelationType.CONTRADICTS: N_("is contradicted by"),
    RelationType.REFUTES: N_("is refuted by"),
}


@dataclass
class Endnote:
    """A source, numbered in the order the printed claims first cite it."""

    number: int
    source: Source

    @property
    def anchor(self) -> str:
        return f"source-{self.number}"

    @property
    def link_url(self) -> str | None:
        """The URL when it is safe to link (http or https); other schemes print as text only."""
        url = (self.source.url or "").strip()
        return url if urlsplit(url).scheme.lower() in ("http", "https") else None

    @property
    def reliability_label(self) -> str | None:
        grade = self.source.reliability
        return _(str(RELIABILITY_GRADES[grade])) if grade in RELIABILITY_GRADES else None


@dataclass
class PrintedRelation:
    """A relation seen from one printed claim; `other` is None when that claim is not printed."""

    label: str
    type: RelationType
    other: PrintedClaim | None
    other_statement: str
    note: str
    other_language: str = "en"  # the other statement's language, for its lang= mark


@dataclass
class PrintedClaim:
    """A claim with its number in the document and the endnotes it cites."""

    number: int
    claim: Claim
    footnote: int
    via_footnote: int | None
    relations: list[PrintedRelation] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"claim-{self.number}"

    @property
    def via_is_speaker(self) -> bool:
        """Whether the claim came through the outlet that made it (a WSJ report via the WSJ)."""
        return self.claim.via_repeats_speaker and self.claim.speaker is not None


@dataclass
class PrintedMonth:
    label: str
    anchor: str
    claims: list[PrintedClaim]


@dataclass
class PrintedYear:
    year: int
    label: str
    anchor: str
    months: list[PrintedMonth]


@dataclass
class Tension:
    """A contradicts/refutes relation between two printed claims, the on-record side first.

    Reads "<first> <verb> <second>", with the verb turned round when the relation was
    entered from the second claim ("is contradicted by").
    """

    first: PrintedClaim
    second: PrintedClaim
    verb: str
    note: str


@dataclass
class IndexEntry:
    """A person or organisation, and the numbers of the printed claims that name it."""

    entity: Entity
    numbers: list[int]
    # Numbers of the claims this entity itself made (it is their speaker).
    spoken: frozenset[int]


@dataclass
class Briefing:
    dossier: Dossier
    filters: ClaimFilters
    filter_lines: list[FilterLine]
    produced_at: datetime
    claims: list[PrintedClaim]
    years: list[PrintedYear]
    counts_by_attribution: list[tuple[Attribution, int]]
    counts_by_status: list[tuple[Status, int]]
    tensions: list[Tension]
    # Printed claims in tension with a claim the filters left out.
    outside_tensions: list[PrintedClaim]
    endnotes: list[Endnote]
    people: list[IndexEntry]
    organisations: list[IndexEntry]
    attribution_kinds: list[Attribution] = field(default_factory=lambda: list(Attribution))
    likelihood_scale: list[LikelihoodBand] = field(default_factory=list)
    reliability_grades: list[tuple[str, str]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.claims)

    @property
    def produced_label(self) -> str:
        """When the briefing was produced, in words: "4 June 2024, 09:30 UTC"."""
        moment = self.produced_at.astimezone(UTC)
        return _(
            "%(day)s %(month)s %(year)s, %(time)s UTC",
            day=moment.day,
            month=month_name(moment.month),
            year=moment.year,
            time=f"{moment:%H:%M}",
        )


def assemble(
    session: Session,
    dossier: Dossier,
    filters: ClaimFilters,
    produced_at: datetime | None = None,
) -> Briefing:
    """The whole print document for a dossier's claims that pass `filters`.

    The position in the timeline (`filters.after`) is ignored: a briefing prints everything.
    Raises search.SearchError when the search has no words.
    """
    filters = filters.without_position()
    # The timeline's grouping puts a year's "no month given" claims first; numbers and
    # endnotes follow the order the reader sees.
    groups = timeline.group_by_month(_load_claims(session, dossier, filters), filters.order)
    claims = [claim for year in groups for month in year.months for claim in month.claims]
    endnotes, footnotes = _endnotes(claims)
    printed = [
        PrintedClaim(
            number=number,
            claim=claim,
            footnote=footnotes[claim.source_id],
            via_footnote=footnotes[claim.via_id] if claim.via_id is not None else None,
        )
        for number, claim in enumerate(claims, 1)
    ]
    by_id = {entry.claim.id: entry for entry in printed}
    for entry in printed:
        entry.relations = _relations(entry.claim, by_id)
    people, organisations = _index(printed)
    return Briefing(
        dossier=dossier,
        filters=filters,
        filter_lines=describe_filters(session, dossier, filters),
        produced_at=(produced_at or datetime.now(UTC)).replace(microsecond=0),
        claims=printed,
        years=_groups(groups, by_id),
        counts_by_attribution=_counts(Attribution, (c.attribution for c in claims)),
        counts_by_status=_counts(Status, (c.status for c in claims)),
        tensions=_tensions(printed, by_id),
        outside_tensions=[
            entry
            for entry in printed
            if any(r.type.is_tension and r.other is None for r in entry.relations)
        ],
        endnotes=endnotes,
        people=people,
        organisations=organisations,
        likelihood_scale=likelihood_bands(),
        reliability_grades=[(grade, _(str(words))) for grade, words in RELIABILITY_GRADES.items()],
    )


def claim_count(session: Session, dossier: Dossier, filters: ClaimFilters, at_most: int) -> int:
    """How many claims the briefing of `filters` would print, counted up to `at_most` + 1
    only: enough to tell whether it is over a cap, without counting 30,000 rows each time.

    Raises search.SearchError when the search has no words.
    """
    statement = timeline.filtered(
        dossier, filters.without_position(), session.get_bind().dialect.name
    )
    return timeline.count(session, statement.limit(at_most + 1))


def _load_claims(session: Session, dossier: Dossier, filters: ClaimFilters) -> list[Claim]:
    statement = (
        timeline.filtered(dossier, filters, session.get_bind().dialect.name)
        .order_by(timeline.sort_column(filters.order), Claim.id)
        .options(*timeline.card_options(), selectinload(Claim.entities))
    )
    return list(session.scalars(statement).unique())


def _endnotes(claims: list[Claim]) -> tuple[list[Endnote], dict[int, int]]:
    """Sources numbered by first citation (a claim cites its source, then its via)."""
    endnotes: list[Endnote] = []
    numbers: dict[int, int] = {}
    for claim in claims:
        for source in (claim.source, claim.via):
            if source is not None and source.id not in numbers:
                numbers[source.id] = len(endnotes) + 1
                endnotes.append(Endnote(numbers[source.id], source))
    return endnotes, numbers


def _relations(claim: Claim, by_id: dict[int, PrintedClaim]) -> list[PrintedRelation]:
    outgoing = [
        PrintedRelation(
            label=_(RELATION_LABELS[relation.type]),
            type=relation.type,
            other=by_id.get(relation.to_claim_id),
            other_statement=relation.to_claim.statement,
            note=relation.note,
            other_language=relation.to_claim.statement_language,
        )
        for relation in claim.live_relations_out
    ]
    incoming = [
        PrintedRelation(
            label=_(INVERSE_RELATION_LABELS[relation.type]),
            type=relation.type,
            other=by_id.get(relation.from_claim_id),
            other_statement=relation.from_claim.statement,
            note=relation.note,
            other_language=relation.from_claim.statement_language,
        )
        for relation in claim.live_relations_in
    ]
    return outgoing + incoming


def _tensions(printed: list[PrintedClaim], by_id: dict[int, PrintedClaim]) -> list[Tension]:
    """Every contradicts/refutes relation whose two claims are both printed, in print order."""
    tensions = []
    for entry in printed:
        for relation in entry.claim.relations_out:
            other = by_id.get(relation.to_claim_id)
            if not relation.type.is_tension or other is None:
                continue
            if _record_rank(other) < _record_rank(entry):
                first, second, verb = other, entry, _(INVERSE_TENSION_VERBS[relation.type])
            else:
                first, second, verb = entry, other, _(TENSION_VERBS[relation.type])
            tensions.append(Tension(first, second, verb, relation.note))
    tensions.sort(key=lambda tension: (tension.first.number, tension.second.number))
    return tensions


def _record_rank(entry: PrintedClaim) -> tuple[int, int]:
    return ON_RECORD_RANK[entry.claim.attribution], entry.number


def _groups(groups: list[timeline.YearGroup], by_id: dict[int, PrintedClaim]) -> list[PrintedYear]:
    return [
        PrintedYear(
            year.year,
            year.label,
            year.anchor,
            [
                PrintedMonth(month.label, month.anchor, [by_id[c.id] for c in month.claims])
                for month in year.months
            ],
        )
        for year in groups
    ]


def _counts(enum_class, values) -> list[tuple]:
    counted = Counter(values)
    return [(member, counted.get(member, 0)) for member in enum_class]


def _index(printed: list[PrintedClaim]) -> tuple[list[IndexEntry], list[IndexEntry]]:
    """People, then organisations (and governments, agencies, outlets), each by name."""
    numbers: dict[int, list[int]] = {}
    spoken: dict[int, set[int]] = {}
    entities: dict[int, Entity] = {}
    for entry in printed:
        claim = entry.claim
        named = list(claim.entities)
        if claim.speaker is not None:
            named.append(claim.speaker)
            spoken.setdefault(claim.speaker.id, set()).add(entry.number)
        if claim.relayed_by is not None:
            named.append(claim.relayed_by)
        for entity in named:
            entities[entity.id] = entity
            found = numbers.setdefault(entity.id, [])
            if entry.number not in found:
                found.append(entry.number)
    entries = sorted(
        (
            IndexEntry(entity, numbers[entity.id], frozenset(spoken.get(entity.id, ())))
            for entity in entities.values()
        ),
        key=lambda item: (fold(item.entity.name), item.entity.id),
    )
    people = [item for item in entries if item.entity.kind == EntityKind.PERSON]
    organisations = [item for item in entries if item.entity.kind != EntityKind.PERSON]
    return people, organisations
