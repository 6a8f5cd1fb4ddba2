"""Who a reporting verb belongs to when no recorded or two-word name stands before it: a
surname alone ("Roussel said"), a name after the verb ("said Roussel"), or a description
("A spokesperson for the region said", "The company said in a statement")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from models.vocabulary import EntityKind
from services.suggesting.names import Mention

_VERBS = r"(?:said|says|say|told|tells|announced|stated|declared|reported|added)"
_NAME = r"[A-ZÀ-ÖØ-Þ][\w'’-]+(?:\s(?:de\s|du\s|l['’])?[A-ZÀ-ÖØ-Þ][\w'’-]+){0,3}"
# A name right before the verb, allowing an adverb ("Roussel publicly said").
_NAME_BEFORE = re.compile(
    rf"(?:^|\s)(?P<name>{_NAME})\s+(?:\w+ly\s+)?(?:{_VERBS}\s+)?(?:\w+ly\s+)?$"
)
# "…, said Roussel." / "…, said Hélène Roussel, the chief executive."
_NAME_AFTER = re.compile(rf"^{_VERBS}\s+(?P<name>{_NAME})\b")
# A described subject opening the sentence: "A spokesperson for the region", "The company".
_DESCRIBED = re.compile(
    rf"^(?P<who>(?:A|An|The)\s[^,;:\"“”]{{2,70}}?)\s+(?:\w+ly\s+)?(?:{_VERBS}\s+)?$"
)
# Capitalised words that are not a speaker's name.
_NOT_A_NAME = {
    "He", "She", "It", "They", "We", "I", "One", "Insiders", "People", "Sources", "The", "A",
    "An", "This", "That", "However", "According", "But", "And", "Il", "Elle", "Selon",
}  # fmt: skip


@dataclass(frozen=True)
class Subject:
    """A speaker: a person already named (by a fuller mention), a bare name, or a description."""

    mention: Mention | None = None
    name: str | None = None
    description: str | None = None


def before_verb(text: str, before: int, people_seen: list[Mention]) -> Subject | None:
    """The subject of the verb ending the text up to `before`: a name, or a description."""
    head = text[:before]
    if (named := _NAME_BEFORE.search(head)) and (subject := _named(named["name"], people_seen)):
        return subject
    if described := _DESCRIBED.match(head):
        who = described["who"]
        rest = who.split(maxsplit=1)[1]
        if rest[:1].isupper():  # "The Courrier de l'Ouest": a name with its article
            return _named(rest, people_seen)
        return Subject(description=who[0].lower() + who[1:])
    return None


def after_verb(text: str, verb_start: int, people_seen: list[Mention]) -> Subject | None:
    """The name that follows the verb at `verb_start` ("said Roussel"), if any."""
    match = _NAME_AFTER.match(text[verb_start:])
    return _named(match["name"], people_seen) if match else None


def verb_start(text: str) -> int | None:
    """Where the first reporting verb of the sentence starts, if it has one."""
    match = re.search(rf"\b{_VERBS}\b", text)
    return match.start() if match else None


def _named(name: str, people_seen: list[Mention]) -> Subject | None:
    if name.split()[0] in _NOT_A_NAME:
        return None
    for person in reversed(people_seen):  # "Roussel" after "Hélène Roussel"
        if person.kind is EntityKind.PERSON and person.written.split()[-1] == name.split()[-1]:
            return Subject(mention=person)
    return Subject(name=name)
