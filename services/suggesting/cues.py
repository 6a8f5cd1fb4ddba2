"""The reporting cues, in French and English, that say who stands behind a sentence.

Each cue names the attribution kind it points to and says, in words an editor reads beside
the suggestion, why. A cue with a `who` group also lifts the source's own description of an
unnamed speaker ("un cadre supérieur de TSMC", "people familiar with the matter").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from i18n import N_, _
from models.vocabulary import Attribution

_WHO = r"[^,.;:!?]{2,90}?"
# Unnamed people as articles describe them: the head words of an insider's description.
_ANONYMOUS = (
    r"(?:initiés?|sources?|personnes?|cadres?|dirigeants?|responsables?|employés?|proches?"
    r"|insiders?|people|persons?|sources?|executives?|officials?|employees?|someone)"
)


@dataclass(frozen=True)
class Cue:
    kind: Attribution
    reason: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class Found:
    """A cue found in a sentence: where it starts, and the description it lifted, if any."""

    cue: Cue
    start: int
    who: str | None

    @property
    def explanation(self) -> str:
        """Why the cue points where it does, in the editor's language."""
        reason = _(self.cue.reason)
        return _("%(reason)s: “%(who)s”", reason=reason, who=self.who) if self.who else reason


def _cue(kind: Attribution, reason: str, pattern: str) -> Cue:
    # `reason` is English marked with N_, translated where it is shown (Found.explanation).
    return Cue(kind, reason, re.compile(pattern, re.IGNORECASE))


INSIDER, PUBLIC, PRIVATE = Attribution.INSIDER, Attribution.PUBLIC, Attribution.PRIVATE
REPORT, DATA = Attribution.REPORT, Attribution.DATA

# "One of them said": one of the unnamed sources just described speaks; the suggester lends it
# the description of the sentence before.
ONE_OF_THEM = _cue(
    INSIDER,
    N_("one of the unnamed sources speaks"),
    r"\b(?:one|another|some|two|three) of them (?:said|says|told|added)\b"
    r"|\b(?:l'une?|l'autre|certains) d'entre (?:eux|elles) (?:a|ont) (?:dit|déclaré|affirmé)\b",
)

CUES = (
    _cue(
        DATA,
        N_("credits figures or records"),
        r"\b(?:selon|d'après) les (?:données|chiffres|"
        r"statistiques) d(?:e|u|es)\b|\baccording to (?:data|figures|records|statistics)\b",
    ),
    _cue(
        INSIDER,
        N_("credits an unnamed source"),
        rf"\b(?:selon|d'après) (?P<who>(?:un|une|des|plusieurs|deux|trois|certains)\s{_WHO})"
        r"(?=,|\s(?:qui|dont)\b)",
    ),
    _cue(
        INSIDER,
        N_("credits an unnamed source"),
        rf"\baccording to (?P<who>(?:an?|some|several|two|three)?\s?(?:{_WHO})?{_ANONYMOUS}"
        rf"(?:{_WHO})?)"
        r"(?=,|\.|\s(?:who|that)\b)",
    ),
    _cue(
        INSIDER,
        N_("anonymous people speak"),
        rf"(?P<who>\b(?:des|un|une|plusieurs|deux|trois|certains)\s(?:[^\s,.;]+\s){{0,2}}?"
        rf"{_ANONYMOUS}(?:\s(?:impliquée?s?|proches?|au fait|familiers?){_WHO})?)\s"
        r"(?:disent|dit|révèlent|révèle|affirment|affirme|indiquent|indique|ont déclaré|"
        r"a déclaré|ont dit|a dit|estiment|expliquent|assurent|confient)\b",
    ),
    _cue(
        INSIDER,
        N_("anonymous people speak"),
        rf"(?P<who>\b(?:people|persons|sources|insiders|a person|someone)(?:{_WHO})?)\s"
        r"(?:said|say|says|told|revealed|added)\b",
    ),
    ONE_OF_THEM,
    _cue(
        INSIDER,
        N_("people close to the matter"),
        r"(?P<who>(?:des |les )?(?:personnes|sources) proches? (?:du dossier|de l'affaire|"
        r"des discussions)|people familiar with (?:the matter|the plans?|the talks)"
        r"|a person familiar with [^,.;]+)",
    ),
    _cue(
        INSIDER,
        N_("speaks on condition of anonymity"),
        r"\b(?:sous couvert d'anonymat|on condition of anonymity|who asked not to be named)\b",
    ),
    _cue(
        PRIVATE,
        N_("a remark made in private"),
        r"\b(?:en privé|privately|in private|told colleagues|a informé ses collègues|"
        r"ont informé leurs collègues|a confié à)\b",
    ),
    _cue(
        PUBLIC,
        N_("said publicly, on the record"),
        r"\b(?:a déclaré publiquement|publiquement|publicly|said in a statement|"
        r"dans un communiqué|told reporters|on the record)\b",
    ),
    _cue(
        PUBLIC,
        N_("a named speaker says it"),
        r"\b(?:a|ont) (?:déclaré|annoncé|affirmé|assuré|répondu)\b|\b(?:said|announced|"
        r"stated|declared)\b",
    ),
    _cue(
        REPORT,
        N_("credits another outlet's reporting"),
        r"\b(?:a|ont) (?:rapporté|révélé|publié)\b|\brapporte\b|\b(?:selon|d'après) le rapport "
        r"de\b|\b(?:reported|according to a report)\b",
    ),
)

# A sentence that opens this way continues the one before it, and its source with it (the
# seeded dossier's rule: "Cependant", "À ce moment-là", "De plus").
CONTINUATION = re.compile(
    r"^(?:cependant|de plus|en outre|à ce moment-là|à l'époque|par ailleurs|toutefois"
    r"|however|moreover|at the time|in addition|also|furthermore)\b",
    re.IGNORECASE,
)
# Figures and records: amounts, shares, counts with their units, degrees and careers.
FIGURES = re.compile(
    r"\b\d[\d\s,.]*\s?(?:%|pour cent|per ?cent|milliards?|millions?|billions?|trillions?|"
    r"dollars|euros|\$)|[$€£]\s?\d|\b(?:est diplômée?|a obtenu|graduated|a rejoint|joined|"
    r"valeur de marché|market value)\b",
    re.IGNORECASE,
)


def find(sentence: str) -> list[Found]:
    """Every cue in the sentence, in the lexicon's order of precedence."""
    found = []
    for cue in CUES:
        match = cue.pattern.search(sentence)
        if match is not None:
            who = match.groupdict().get("who")
            found.append(Found(cue, match.start(), " ".join(who.split()) if who else None))
    return found
