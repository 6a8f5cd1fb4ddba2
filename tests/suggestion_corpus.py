"""A second answer key for the claim suggester (issue #21), written by hand so the rules are
not tuned to the seeded article alone: a short bilingual text about an invented company, its
publication date, the names a dossier would know, and the claims an editor would lift."""

from __future__ import annotations

from fuzzy_date import parse
from models.vocabulary import EntityKind
from services.suggesting.evaluation import KeyClaim
from services.suggesting.names import KnownName

TITLE = "Norvik prépare une usine de batteries en France"
PUBLISHED = "2024-10-15"
_PARAGRAPHS = [
    TITLE,
    "Selon des personnes proches du dossier, Norvik négocie depuis mars 2024 l'achat d'un "
    "terrain près de Lyon.",
    "La directrice générale de Norvik, Lena Park, a déclaré publiquement le mois dernier que "
    "l'entreprise \"n'a aucun projet d'usine en France\".",
    "Pourtant, Park a confié à des cadres que le projet serait annoncé l'année prochaine.",
    "According to people familiar with the plans, the plant would employ 1,200 workers by 2027.",
    "The Daily Ledger reported that Norvik had hired a site consultant.",
    "D'après les données de l'Insee, la région a perdu 8 % de ses emplois industriels en 2023.",
    "Ce projet semble surtout destiné à rassurer les investisseurs. Le chantier, lui, n'a pas "
    "commencé.",
    "Tomas Berg, Norvik's finance chief, told colleagues privately that the budget had doubled.",
    "However, he said in a statement on 3 October 2024 that no decision had been taken.",
]
TEXT = "\n\n".join(_PARAGRAPHS) + "\n"
KNOWN = [
    KnownName("norvik", EntityKind.ORGANISATION, ("Norvik",)),
    KnownName("lena-park", EntityKind.PERSON, ("Lena Park", "Park")),
    KnownName("daily-ledger", EntityKind.OUTLET, ("The Daily Ledger", "Daily Ledger")),
]


def _key(locator, quote, attribution, speaker=None, description=None, event=None) -> KeyClaim:
    reference = parse(PUBLISHED)
    event_date = parse(event, reference) if event else None
    return KeyClaim(locator, quote, attribution, speaker, description, event_date)


ANSWER_KEY = [
    _key(2, "Norvik négocie depuis mars 2024 l'achat d'un terrain près de Lyon", "insider",
         description="people close to the matter", event="March 2024 or later"),
    _key(3, "a déclaré publiquement le mois dernier que l'entreprise \"n'a aucun projet d'usine "
         "en France\"", "public", speaker="lena-park", event="September 2024"),
    _key(4, "Park a confié à des cadres que le projet serait annoncé l'année prochaine",
         "private", speaker="lena-park", event="2025"),
    _key(5, "the plant would employ 1,200 workers by 2027", "insider",
         description="people familiar with the plans", event="2027"),
    _key(6, "The Daily Ledger reported that Norvik had hired a site consultant", "report",
         speaker="daily-ledger"),
    _key(7, "la région a perdu 8 % de ses emplois industriels en 2023", "data", event="2023"),
    _key(8, "Ce projet semble surtout destiné à rassurer les investisseurs", "analysis"),
    _key(8, "Le chantier, lui, n'a pas commencé", "analysis"),
    _key(9, "told colleagues privately that the budget had doubled", "private"),
    _key(10, "he said in a statement on 3 October 2024 that no decision had been taken",
         "public", event="3 October 2024"),
]  # fmt: skip
