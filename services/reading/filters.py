"""Timeline filters: parsed once from query arguments, shared by the HTML pages and the API."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from fuzzy_date import FuzzyDate, FuzzyDateError, parse
from i18n import N_, _, percent
from models.limits import SEARCH_TEXT_MAX, SLUG_PATTERN, TAG_NAME_MAX
from models.text import parse_whole_number
from models.vocabulary import Attribution, Status, likelihood, tag_key
from services.reading.search import search_terms

ORDERS = ("event", "stated")


class _ShownNames(dict[str, str]):
    """English words marked with N_, read (`names[key]`) in the reader's language."""

    def __getitem__(self, key: str) -> str:
        return _(super().__getitem__(key))


# How each filter is named to readers, in the chips above the timeline and on the printed
# cover alike, so the screen and the paper describe a view in the same words. Each is
# translated when it is read: FILTER_NAMES["tag"] is "Tag" or "Étiquette".
FILTER_NAMES = _ShownNames(
    attributions=N_("Attribution"),
    entity=N_("Naming"),
    tag=N_("Tag"),
    source=N_("Source"),
    status=N_("Status"),
    min_confidence=N_("Confidence"),
    date_from=N_("From"),
    date_to=N_("To"),
    q=N_("Search"),
)


def confidence_words(minimum: int) -> str:
    """A minimum-confidence filter in words: "at least 60% (likely)"."""
    return _(
        "at least %(percent)s (%(words)s)",
        percent=percent(minimum / 100),
        words=likelihood(minimum),
    )


def searched_words(query: str) -> str:
    """A search shown as a filter, between the reader's quotation marks: “chips”."""
    return _("“%(words)s”", words=query)


CURSOR_PATTERN = re.compile(r"^(\d{4}-\d{2}-\d{2})\.(\d{1,18})$")


@dataclass(frozen=True)
class Cursor:
    """A keyset position: the sort date and id of the last claim of the previous page."""

    sort_date: date
    claim_id: int

    def __str__(self) -> str:
        return f"{self.sort_date.isoformat()}.{self.claim_id}"


@dataclass(frozen=True)
class ClaimFilters:
    attributions: tuple[Attribution, ...] = ()
    entity: str | None = None
    tag: str | None = None
    source: int | None = None
    status: Status | None = None
    min_confidence: int | None = None
    date_from: FuzzyDate | None = None
    date_to: FuzzyDate | None = None
    q: str = ""
    order: str = "event"
    after: Cursor | None = None
    errors: tuple[str, ...] = field(default=(), compare=False)

    @property
    def active(self) -> bool:
        """Whether anything narrows the claims (order and position do not)."""
        return self.without_position() != ClaimFilters(order=self.order)

    def without_position(self) -> ClaimFilters:
        return replace(self, after=None, errors=())

    def without(self, name: str, value: object = None) -> ClaimFilters:
        """These filters, back on the first page, with one filter (or one attribution) removed."""
        if name == "attributions":
            kept = tuple(a for a in self.attributions if value is not None and a != value)
            return replace(self, attributions=kept, after=None, errors=())
        return replace(self, **{name: FILTER_DEFAULTS[name]}, after=None, errors=())

    def to_args(self) -> list[tuple[str, str]]:
        """The query arguments that reproduce these filters, in a stable order."""
        args = [("attribution", attribution.value) for attribution in self.attributions]
        for name, value in (
            ("entity", self.entity),
            ("tag", self.tag),
            ("source", self.source),
            ("status", self.status.value if self.status else None),
            ("min_confidence", self.min_confidence),
            ("from", self.date_from.edtf if self.date_from else None),
            ("to", self.date_to.edtf if self.date_to else None),
            ("q", self.q or None),
            ("order", self.order if self.order != "event" else None),
            ("after", str(self.after) if self.after else None),
        ):
            if value is not None:
                args.append((name, str(value)))
        return args


# What each narrowing filter is when it is not set (see ClaimFilters.without). The parsers below
# treat a missing, empty or all-whitespace argument as not set (`not value or value.isspace()`,
# spelled out so the type checker knows the value is a string after it).
FILTER_DEFAULTS: dict[str, Any] = {
    "attributions": (),
    "entity": None,
    "tag": None,
    "source": None,
    "status": None,
    "min_confidence": None,
    "date_from": None,
    "date_to": None,
    "q": "",
}


def parse_filters(args) -> ClaimFilters:
    """Read filters from a MultiDict of query arguments; wrong values are dropped with a message."""
    errors: list[str] = []
    attributions = []
    for value in args.getlist("attribution"):
        try:
            attribution = Attribution(value)
        except ValueError:
            errors.append(
                _(
                    'Unknown attribution "%(value)s"; expected one of %(choices)s.',
                    value=value,
                    choices=_choices(Attribution),
                )
            )
            continue
        if attribution not in attributions:
            attributions.append(attribution)
    return ClaimFilters(
        attributions=tuple(attributions),
        entity=_slug(args.get("entity"), "entity", errors),
        tag=_tag(args.get("tag"), errors),
        source=_positive_int(args.get("source"), "source", errors),
        status=_enum(Status, args.get("status"), "status", errors),
        min_confidence=_confidence(args.get("min_confidence"), errors),
        date_from=_date(args.get("from"), "from", errors),
        date_to=_date(args.get("to"), "to", errors),
        q=_query(args.get("q"), errors),
        order=_order(args.get("order"), errors),
        after=_cursor(args.get("after"), errors),
        errors=tuple(errors),
    )


def _choices(enum_class) -> str:
    return ", ".join(member.value for member in enum_class)


def _tag(value: str | None, errors: list[str]) -> str | None:
    """A tag's key (models.vocabulary.tag_key), or None with an error when it cannot be one."""
    if not value or value.isspace():
        return None
    key = tag_key(value)
    if len(key) > TAG_NAME_MAX or not key.isprintable():
        errors.append(_('The tag "%(value)s" is not a valid tag name.', value=key[:60]))
        return None
    return key


# The messages of the filters named by a slug, a number and a closed vocabulary, one sentence
# each (a translation cannot put a parameter's name in the middle of its own sentence).
NOT_A_NAME = {"entity": N_('The entity "%(value)s" is not a valid name.')}
NOT_A_NUMBER = {"source": N_('The source must be a number, not "%(value)s".')}
NOT_A_CHOICE = {"status": N_('Unknown status "%(value)s"; expected one of %(choices)s.')}


def _slug(value: str | None, name: str, errors: list[str]) -> str | None:
    if not value or value.isspace():
        return None
    value = value.strip().lower()
    if not SLUG_PATTERN.match(value):
        errors.append(_(NOT_A_NAME[name], value=value[:60]))
        return None
    return value


def _positive_int(value: str | None, name: str, errors: list[str]) -> int | None:
    if not value or value.isspace():
        return None
    number = parse_whole_number(value)
    if number is None:
        errors.append(_(NOT_A_NUMBER[name], value=value[:60]))
    return number


def _enum(enum_class, value: str | None, name: str, errors: list[str]):
    if not value or value.isspace():
        return None
    try:
        return enum_class(value.strip())
    except ValueError:
        errors.append(_(NOT_A_CHOICE[name], value=value[:60], choices=_choices(enum_class)))
        return None


def _confidence(value: str | None, errors: list[str]) -> int | None:
    if not value or value.isspace():
        return None
    number = parse_whole_number(value, max_digits=3)
    if number is None or number > 100:
        errors.append(
            _(
                'Minimum confidence must be a whole number from 0 to 100, not "%(value)s".',
                value=value.strip()[:60],
            )
        )
        return None
    return number


def _date(value: str | None, name: str, errors: list[str]) -> FuzzyDate | None:
    if not value or value.isspace():
        return None
    try:
        return parse(value)
    except FuzzyDateError as error:
        message = N_('"From" date: %(error)s') if name == "from" else N_('"To" date: %(error)s')
        errors.append(_(message, error=error))
        return None


def read_query(value: str | None) -> tuple[str, list[str]]:
    """A search typed anywhere (the header's box, the API): spaces tidied, cut to length,
    dropped with a message when it has no words."""
    errors: list[str] = []
    return _query(value, errors), errors


def _query(value: str | None, errors: list[str]) -> str:
    if not value or value.isspace():
        return ""
    value = " ".join(value.split())
    if len(value) > SEARCH_TEXT_MAX:
        errors.append(
            _("The search was cut to its first %(most)s characters.", most=SEARCH_TEXT_MAX)
        )
        value = value[:SEARCH_TEXT_MAX]
    if not search_terms(value):
        # Only quotes, stars or brackets: nothing to look for, so the search is dropped.
        errors.append(
            _(
                'The search "%(value)s" has no words in it; type one or more words.',
                value=value[:60],
            )
        )
        return ""
    return value


def _order(value: str | None, errors: list[str]) -> str:
    if not value or value.isspace():
        return "event"
    if value not in ORDERS:
        errors.append(
            _('Unknown order "%(value)s"; expected "event" or "stated".', value=value[:60])
        )
        return "event"
    return value


def parse_cursor(value: str | None) -> tuple[Cursor | None, str | None]:
    """A page position from the `after` argument, and a message when it is not valid."""
    errors: list[str] = []
    cursor = _cursor(value, errors)
    return cursor, errors[0] if errors else None


def _cursor(value: str | None, errors: list[str]) -> Cursor | None:
    if not value or value.isspace():
        return None
    match = CURSOR_PATTERN.match(value.strip())
    if match:
        try:
            return Cursor(date.fromisoformat(match.group(1)), int(match.group(2)))
        except ValueError:
            pass
    errors.append(_("That page position is not valid; showing the first page."))
    return None
