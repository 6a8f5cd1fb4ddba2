"""Entities proposed as mentioned: names and aliases found in a claim's words (issue #15)."""

from __future__ import annotations

import pytest

from models import Entity
from services.editing.entity_mentions import mentioned_entities

ALTMAN = Entity(slug="sam-altman", name="Sam Altman", aliases=["Altman"])
OPENAI = Entity(slug="openai", name="OpenAI", aliases=[])
SOCGEN = Entity(slug="societe-generale", name="Société Générale", aliases=["SocGen"])
TSMC = Entity(slug="tsmc", name="TSMC", aliases=["Taiwan Semiconductor"])
KNOWN = [ALTMAN, OPENAI, SOCGEN, TSMC]


def slugs(*texts: str | None) -> list[str]:
    return [entity.slug for entity in mentioned_entities(KNOWN, *texts)]


@pytest.mark.parametrize(
    ("statement", "quote", "expected"),
    [
        ("Sam Altman wants OpenAI chips.", "", ["sam-altman", "openai"]),
        ("OpenAI talks to Altman's team.", "", ["openai", "sam-altman"]),
        ("", "selon la societe generale", ["societe-generale"]),
        ("taiwan  semiconductor will build it", None, ["tsmc"]),
        ("OpenAIs are not a thing", "", []),
        ("Nobody named here.", "", []),
    ],
    ids=["names-in-order", "alias-possessive", "accents-and-case", "alias-spaces", "whole-words",
         "none"],
)  # fmt: skip
def test_names_and_aliases_in_the_statement_or_quote_are_found(statement, quote, expected):
    assert slugs(statement, quote) == expected


def test_an_entity_named_twice_is_proposed_once():
    assert slugs("Altman said it.", "Sam Altman a dit") == ["sam-altman"]
