"""The refusals: what the package raises, and the sentence every refusal ends with.

Messages are written in the reader's language when they are raised (#20): the parser runs
inside a request, a test or a job that has chosen its language.
"""

from __future__ import annotations

from i18n import N_, _, pgettext

TRY = N_('Try "2024-06-04", "June 2024", "Q1 2024", "around 2023" or "2026 or later".')


class FuzzyDateError(ValueError):
    """Input that is not a readable date.

    ``str(err)`` is a user-facing sentence in the reader's language that includes examples
    of what works.
    """


class MissingYear(FuzzyDateError):
    """A month or day without a year; an interval may still lend it one ("March to June 2024")."""

    def __init__(self, example: str | None = None) -> None:
        if example is None:
            reason = _('Add a year, as in "June 2024" or "4 June 2024".')
        else:
            reason = _("Add a year, as in %(example)s.", example=quoted(example))
        super().__init__(f"{reason} {_(TRY)}")


class NoMatch(Exception):
    """This reading does not apply, try the next one. Never leaves the package."""


def fail(reason: str) -> FuzzyDateError:
    """A refusal saying `reason` (already in the reader's language), then examples that work."""
    return FuzzyDateError(f"{reason} {_(TRY)}")


def quoted(text: str) -> str:
    """Words quoted as the reader's language quotes them: "June 2024", « juin 2024 »."""
    return pgettext("quoted words", '"%(text)s"', text=text)


def quote(text: str) -> str:
    """The input, quoted for a message; error messages echo it, but never a wall of it."""
    text = " ".join(text.split())
    return quoted(f"{text[:39]}…" if len(text) > 40 else text)


class AmbiguousDate(FuzzyDateError):
    """A phrase with more than one possible reading ("05/06/2024"): never guessed.

    ``readings`` holds the phrase rewritten each way it could be meant ("5 June 2024",
    "6 May 2024"), so a form can offer them as choices.
    """

    def __init__(self, message: str, readings: tuple[str, ...]) -> None:
        super().__init__(message)
        self.readings = readings
