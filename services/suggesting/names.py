"""Finding people and organisations in a sentence: the known entities by name and alias,
then runs of capitalised words the text introduces (a name nobody has recorded yet)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from models.vocabulary import EntityKind


@dataclass(frozen=True)
class KnownName:
    """An entity a suggestion may name: its slug, kind, and every way it is written."""

    slug: str
    kind: EntityKind
    names: tuple[str, ...]


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    written: str
    slug: str | None  # None: a capitalised name no entity carries
    kind: EntityKind


# Two or more capitalised words in a row ("Richard Ho", "Lisa Su"), allowing one particle.
_CAPITALISED_RUN = re.compile(
    r"\b[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+(?:[- ](?:de |van |von |da |del |di )?[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+)+"
)
# Capitalised words that open sentences or name things, not people.
_NOT_NAMES = {
    "Selon", "Des", "Les", "Le", "La", "Mais", "Plus", "Par", "Après", "Cependant", "Ces",
    "Cet", "Cette", "According", "The", "But", "However", "Depuis", "Outre", "Bien",
}  # fmt: skip


class NameIndex:
    """The known names, longest first, so "OpenAI board" wins over "OpenAI"."""

    def __init__(self, known: list[KnownName]):
        written = [(name, entity) for entity in known for name in entity.names if len(name) > 1]
        written.sort(key=lambda pair: len(pair[0]), reverse=True)
        self._patterns = [
            (re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])"), entity)
            for name, entity in written
        ]

    def mentions(self, sentence: str) -> list[Mention]:
        """Known entities and unrecorded capitalised names, in order, never overlapping."""
        taken: list[Mention] = []
        for pattern, entity in self._patterns:
            for match in pattern.finditer(sentence):
                if not _overlaps(taken, match.start(), match.end()):
                    taken.append(
                        Mention(match.start(), match.end(), match[0], entity.slug, entity.kind)
                    )
        for match in _CAPITALISED_RUN.finditer(sentence):
            words = match[0].split()
            if words[0] in _NOT_NAMES or _overlaps(taken, match.start(), match.end()):
                continue
            taken.append(Mention(match.start(), match.end(), match[0], None, EntityKind.PERSON))
        return sorted(taken, key=lambda mention: mention.start)


def _overlaps(taken: list[Mention], start: int, end: int) -> bool:
    return any(start < mention.end and mention.start < end for mention in taken)
