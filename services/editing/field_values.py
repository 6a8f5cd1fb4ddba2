"""Cleaning one raw field value from a form, a JSON body or a CSV cell.

Each function takes whatever arrived (text, a number, None, a list) and returns a clean
Python value or raises FieldError with a sentence for the person who typed it, in their
language. A field's `label` is English marked with N_ by the caller ("statement"), and
translated here where a message names it (#20).
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Mapping
from typing import Any, TypeVar

from fuzzy_date import AmbiguousDate, FuzzyDate, FuzzyDateError, parse
from i18n import N_, _
from i18n import number as formatted
from models.limits import LANGUAGE_TAG_MAX, URL_MAX
from models.text import fold, parse_whole_number

E = TypeVar("E", bound=enum.Enum)

# Tab, newline and carriage return are kept in multi-line text; other control characters
# (and lone surrogates, which cannot be stored as UTF-8) are dropped.
_DROPPED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")


class FieldError(ValueError):
    """A value that cannot be used; str(error) is the message shown next to the field.

    `choices` are values the person may have meant, each usable as it stands (the two
    readings of "05/06/2024"), for a form to offer."""

    def __init__(self, message: str, choices: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.choices = choices


def as_text(value: Any, multiline: bool = False) -> str:
    """Text from a raw value: stripped, without control characters, one space between words
    unless `multiline`. None is empty. Raises FieldError for lists, mappings and booleans."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise FieldError(_("Enter text here."))
    text = _DROPPED.sub("", unicodedata.normalize("NFC", str(value)))
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        return "\n".join(line.rstrip() for line in text.split("\n")).strip()
    return " ".join(text.split())


def text(
    value: Any, label: str, max_length: int, required: bool = False, multiline: bool = False
) -> str:
    """Cleaned text no longer than `max_length`; raises FieldError when empty and required."""
    cleaned = as_text(value, multiline)
    if required and not cleaned:
        raise FieldError(_("Enter the %(label)s.", label=_(label)))
    if len(cleaned) > max_length:
        raise FieldError(
            _(
                "The %(label)s is %(length)s characters long; the limit is %(limit)s.",
                label=_(label),
                length=formatted(len(cleaned)),
                limit=formatted(max_length),
            )
        )
    return cleaned


def optional_text(value: Any, label: str, max_length: int) -> str | None:
    return text(value, label, max_length) or None


def whole_number(value: Any, label: str, low: int, high: int, example: int) -> int | None:
    """An integer from `low` to `high`, or None when empty. "70" and "70%" read as 70."""
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    else:
        cleaned = as_text(value).removesuffix("%").strip()
        if not cleaned:
            return None
        parsed = parse_whole_number(cleaned, max_digits=7)
        if parsed is None:
            raise FieldError(
                _(
                    "Enter the %(label)s as a whole number from %(low)s to %(high)s, "
                    'like "%(example)s".',
                    label=_(label),
                    low=formatted(low),
                    high=formatted(high),
                    example=example,
                )
            )
        number = parsed
    if not low <= number <= high:
        raise FieldError(
            _(
                "The %(label)s must be from %(low)s to %(high)s; %(number)s is outside that.",
                label=_(label),
                low=formatted(low),
                high=formatted(high),
                number=formatted(number),
            )
        )
    return number


def choice(value: Any, enum_class: type[E], label: str, default: E | None = None) -> E:
    """A member of `enum_class` by its value; the default when empty, else FieldError."""
    cleaned = as_text(value).lower()
    if not cleaned:
        if default is None:
            raise FieldError(_("Choose the %(label)s.", label=_(label)))
        return default
    try:
        return enum_class(cleaned)
    except ValueError:
        options = ", ".join(str(member.value) for member in enum_class)
        raise FieldError(
            _(
                '"%(value)s" is not a %(label)s; use one of: %(options)s.',
                value=cleaned[:40],
                label=_(label),
                options=options,
            )
        ) from None


def slug_from(name: str, max_length: int, fallback: str) -> str:
    """An address-friendly form of a name, cut to `max_length`: "C.C. Wei" becomes "c-c-wei";
    `fallback` when nothing of the name is left."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")[:max_length].strip("-")
    return slug or fallback


def language_tag(value: Any, label: str = N_("language")) -> str | None:
    """A BCP 47 language tag such as "fr" or "en-GB", or None when empty."""
    cleaned = as_text(value)
    if not cleaned:
        return None
    if len(cleaned) > LANGUAGE_TAG_MAX or not _LANGUAGE_TAG.fullmatch(cleaned):
        raise FieldError(
            _('Give the %(label)s as a language code, like "fr" or "en-GB".', label=_(label))
        )
    primary, _dash, rest = cleaned.partition("-")
    return primary.lower() + (f"-{rest}" if rest else "")


def web_address(value: Any, label: str = N_("URL")) -> str | None:
    """An http or https URL, or None when empty."""
    cleaned = text(value, label, URL_MAX)
    if not cleaned:
        return None
    if not re.match(r"https?://[^\s/?#]+", cleaned, re.IGNORECASE) or " " in cleaned:
        raise FieldError(
            _('The %(label)s must be a web address starting with "https://".', label=_(label))
        )
    return cleaned


def fuzzy_date(
    value: Any, label: str, reference: FuzzyDate | None = None, required: bool = False
) -> FuzzyDate | None:
    """A date as people write it, read against `reference` for relative phrases."""
    cleaned = as_text(value)
    if not cleaned:
        if required:
            raise FieldError(
                _(
                    'Enter the %(label)s, like "4 June 2024", "June 2024" or "late 2023".',
                    label=_(label),
                )
            )
        return None
    try:
        return parse(cleaned, reference=reference)
    except AmbiguousDate as error:
        raise FieldError(str(error), error.readings) from None
    except FuzzyDateError as error:
        raise FieldError(str(error)) from None


def name_list(value: Any, label: str, max_length: int) -> list[str]:
    """Names from a list or from comma-separated text, each cleaned, empty ones skipped."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        items: list[Any] = value.split(",")
    elif isinstance(value, list | tuple):
        items = list(value)
    else:
        raise FieldError(
            _("Give the %(label)s as a list or as text separated by commas.", label=_(label))
        )
    names = []
    for item in items:
        try:
            name = as_text(item)
        except FieldError:
            raise FieldError(_("Each of the %(label)s must be text.", label=_(label))) from None
        if len(name) > max_length:
            raise FieldError(
                _(
                    '"%(value)s…" is %(length)s characters long; each of the %(label)s '
                    "may have at most %(limit)s.",
                    value=name[:30],
                    length=len(name),
                    label=_(label),
                    limit=max_length,
                )
            )
        if name:
            names.append(name)
    return names


def mapping(value: Any, label: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise FieldError(_("Give the %(label)s as a set of named fields.", label=_(label)))
    return value


class FieldReader:
    """Reads the named fields of a raw mapping, collecting messages instead of raising.

    `prefix` names nested fields in the messages, e.g. "source." for a claim's new source.
    """

    def __init__(self, raw: Mapping[str, Any], prefix: str = "") -> None:
        self.raw = raw
        self.prefix = prefix
        self.errors: dict[str, str] = {}

    def __call__(self, name: str, read, *args, **kwargs):
        """`read(raw[name], *args, **kwargs)`, or None with the message noted under `name`."""
        try:
            return read(self.raw.get(name), *args, **kwargs)
        except FieldError as error:
            self.errors[self.prefix + name] = str(error)
            return None
