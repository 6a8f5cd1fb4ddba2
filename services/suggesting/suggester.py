"""The first pass over a text: each sentence that asserts something becomes a suggestion with
its verbatim quote, paragraph, attribution kind, speaker, outlet and dates, and the cues that
made it. Plain data in, plain data out: no database, so the benchmark runs on a seed file."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from fuzzy_date import FuzzyDate
from i18n import _
from models.vocabulary import Attribution, EntityKind
from services.suggesting import cues as cue_lexicon
from services.suggesting import dates, sentences, subjects
from services.suggesting.names import KnownName, Mention, NameIndex
from services.suggesting.subjects import Subject

# Framing that asserts nothing: an admission that something is unknown.
_UNKNOWN = re.compile(
    r"\b(?:on ne sait pas|on ignore|il n'est pas clair|it is (?:not known|unclear)|"
    r"it remains unclear)\b",
    re.IGNORECASE,
)
# "rarely publicly", "n'a jamais déclaré": a public cue that is denied is not a statement.
_DENIED = re.compile(r"\b(?:rarement|jamais|pas|rarely|never|not)\s+(?:\S+\s+)?$", re.IGNORECASE)
# "il a dit en privé": a pronoun a few words before the cue stands for the last person named.
_PRONOUN_SUBJECT = re.compile(r"\b(?:il|elle|he|she)\b(?:\s+\S+){0,3}\s*$", re.IGNORECASE)
_HEADING_WORDS = 12


@dataclass(frozen=True)
class Outlet:
    """A source of the dossier that the text may credit ("selon le Wall Street Journal")."""

    source_id: int | str
    names: tuple[str, ...]


@dataclass
class Reading:
    """What the suggester reads: the text's paragraphs and what it can name."""

    paragraphs: list[str]
    title: str = ""
    language: str | None = None
    published: FuzzyDate | None = None
    known: list[KnownName] = field(default_factory=list)
    outlets: list[Outlet] = field(default_factory=list)


@dataclass
class Suggestion:
    """A proposed claim. `statement` stays empty: the editor writes it."""

    locator: int
    start: int  # offsets of the quote in its paragraph
    end: int
    quote: str
    quote_lang: str | None
    attribution: Attribution
    speaker: str | None = None  # an entity's slug
    speaker_name: str | None = None  # a capitalised name no entity carries yet
    speaker_description: str | None = None
    relayed_by_description: str | None = None
    via: int | str | None = None  # the credited outlet's source
    event_date: FuzzyDate | None = None
    event_phrase: str | None = None
    stated_date: FuzzyDate | None = None
    entities: list[str] = field(default_factory=list)
    cues: list[str] = field(default_factory=list)
    statement: str = ""

    @property
    def key(self) -> str:
        """Stable across requests: the paragraph and the quote."""
        digest = hashlib.sha256(f"{self.locator}\n{self.quote}".encode()).hexdigest()
        return digest[:16]


@dataclass
class _Voice:
    """Who stood behind the last sentence, for the one that continues it."""

    kind: Attribution
    speaker: str | None
    speaker_name: str | None
    description: str | None
    via: int | str | None
    locator: int


def suggest(reading: Reading) -> list[Suggestion]:
    """A suggestion for each sentence that asserts something, in the text's order."""
    index = NameIndex(reading.known)
    found: list[Suggestion] = []
    voice: _Voice | None = None
    last_person: Mention | None = None  # who "il" or "he" stands for
    people_seen: list[Mention] = []  # whom a surname alone ("Roussel said") stands for
    for locator, paragraph in enumerate(reading.paragraphs, start=1):
        if _is_heading(paragraph, reading.title):
            voice = None
            continue
        for sentence in sentences.split(paragraph):
            mentions = index.mentions(sentence.text)
            if _UNKNOWN.search(sentence.text):
                continue
            suggestion = Suggestion(
                locator, sentence.start, sentence.end, sentence.text, reading.language,
                Attribution.ANALYSIS, stated_date=reading.published,
                entities=list(dict.fromkeys(m.slug for m in mentions if m.slug)),
            )  # fmt: skip
            _attribute(suggestion, mentions, reading, voice, (last_person, people_seen))
            _date(suggestion, reading.published)
            found.append(suggestion)
            voice = _Voice(
                suggestion.attribution, suggestion.speaker, suggestion.speaker_name,
                suggestion.speaker_description, suggestion.via, locator,
            )  # fmt: skip
            people = [m for m in mentions if m.kind is EntityKind.PERSON]
            if people:
                last_person = people[-1]
                people_seen.extend(people)
    return found


def _date(suggestion: Suggestion, published: FuzzyDate | None) -> None:
    """The date phrase the sentence holds; without one, what it reports happened by the
    time the source was published (the editor narrows it, or clears it for a forecast)."""
    found = dates.event_date(suggestion.quote, published)
    if found is not None:
        suggestion.event_date, suggestion.event_phrase = found.value, found.phrase
        suggestion.cues.append(
            _("date: “%(phrase)s” read as %(date)s", phrase=found.phrase, date=found.value.label)
        )
    elif (by_then := dates.by_publication(published)) is not None:
        suggestion.event_date = by_then
        suggestion.cues.append(
            _("no date in the sentence: %(date)s, by publication", date=by_then.label)
        )


def _is_heading(paragraph: str, title: str) -> bool:
    """The title repeated, or a short line without a full stop ("Défier NVIDIA ?")."""
    if title and " ".join(paragraph.split()) == " ".join(title.split()):
        return True
    words = len(paragraph.split())
    return words < _HEADING_WORDS and (paragraph.endswith("?") or paragraph[-1:].isalnum())


def _attribute(
    suggestion: Suggestion,
    mentions: list[Mention],
    reading: Reading,
    voice: _Voice | None,
    people: tuple[Mention | None, list[Mention]],
) -> None:
    """Set the attribution kind, speaker and outlet from the sentence's cues."""
    text = suggestion.quote
    last_person, people_seen = people
    found = {item.cue.kind: item for item in reversed(cue_lexicon.find(text))}
    via = _credited_outlet(text, reading.outlets)
    insider, private = found.get(Attribution.INSIDER), found.get(Attribution.PRIVATE)
    public, report = found.get(Attribution.PUBLIC), found.get(Attribution.REPORT)
    if data := found.get(Attribution.DATA):
        after = [m for m in mentions if m.start >= data.start]
        _set(suggestion, Attribution.DATA, data, speaker=_first_slug(after), via=via)
    elif private and (subject := _private_speaker(text, mentions, private, insider, people)):
        _set(suggestion, Attribution.PRIVATE, private, subject=subject)
        if insider is not None:
            suggestion.relayed_by_description = _description(insider.who)
            suggestion.cues.append(_("relayed by %(cue)s", cue=insider.explanation))
    elif insider:
        _set(
            suggestion,
            Attribution.INSIDER,
            insider,
            description=_insider_description(insider, voice),
        )
        if report is not None:
            suggestion.via = via
            suggestion.cues.append(report.explanation)
    elif report and (
        subject := _subject(text, mentions, report.start, people_first=False)
        or subjects.before_verb(text, report.start, people_seen)
    ):
        _set(suggestion, Attribution.REPORT, report, subject=subject, via=via)
    elif (
        public
        and not _DENIED.search(text[: public.start])
        and (subject := _public_speaker(text, mentions, public, last_person, people_seen))
    ):
        _set(suggestion, Attribution.PUBLIC, public, subject=subject)
    elif voice is not None and _continues(text, suggestion.locator, voice):
        suggestion.attribution = voice.kind
        suggestion.speaker, suggestion.speaker_name = voice.speaker, voice.speaker_name
        suggestion.speaker_description = voice.description
        suggestion.via = voice.via
        suggestion.cues.append(
            _("continues the previous sentence (%(kind)s)", kind=voice.kind.label)
        )
    elif cue_lexicon.FIGURES.search(text):
        suggestion.attribution = Attribution.DATA
        suggestion.cues.append(_("states figures or a record"))
    else:
        suggestion.cues.append(_("no reporting cue: the author's own reading"))


def _set(
    suggestion: Suggestion,
    kind: Attribution,
    cue: cue_lexicon.Found,
    speaker: Mention | None = None,
    description: str | None = None,
    via: int | str | None = None,
    subject: Mention | Subject | None = None,
) -> None:
    suggestion.attribution = kind
    suggestion.cues.append(cue.explanation)
    if isinstance(subject, Subject):
        speaker, description = subject.mention, subject.description
        suggestion.speaker_name = subject.name
    elif subject is not None:
        speaker = subject
    if speaker is not None and speaker.slug is None:
        suggestion.speaker_name = speaker.written
    suggestion.speaker = speaker.slug if speaker is not None else None
    suggestion.speaker_description, suggestion.via = description, via


def _public_speaker(
    text: str,
    mentions: list[Mention],
    public: cue_lexicon.Found,
    last_person: Mention | None,
    people_seen: list[Mention],
) -> Mention | Subject | None:
    """A name or pronoun before the cue, else a surname or description opening the sentence
    ("Roussel said", "A spokesperson for the region said"), else a name after the verb."""
    found = _subject(text, mentions, public.start, last_person=last_person)
    if found is not None:
        return found
    verb = subjects.verb_start(text)
    before = min(public.start, verb) if verb is not None else public.start
    return subjects.before_verb(text, before, people_seen) or (
        subjects.after_verb(text, verb, people_seen) if verb is not None else None
    )


def _insider_description(insider: cue_lexicon.Found, voice: _Voice | None) -> str | None:
    """The source's own words; "one of them" borrows those of the sentence before."""
    if insider.cue is cue_lexicon.ONE_OF_THEM:
        if voice is not None and voice.kind is Attribution.INSIDER:
            return voice.description
        return None
    return _description(insider.who)


def _continues(text: str, locator: int, voice: _Voice) -> bool:
    """An opening like "Cependant", or the next sentence of a sourced paragraph."""
    if voice.kind is Attribution.ANALYSIS:
        return False
    return bool(cue_lexicon.CONTINUATION.match(text)) or (
        voice.locator == locator and voice.kind is not Attribution.DATA
    )


def _private_speaker(
    text: str,
    mentions: list[Mention],
    private: cue_lexicon.Found,
    insider: cue_lexicon.Found | None,
    people: tuple[Mention | None, list[Mention]],
) -> Mention | Subject | None:
    """The named person whose private words these are: named before the cue (and after any
    anonymous source), "il"/"he" standing for the last person named, or, without an
    anonymous source, a surname alone before the cue ("Roussel told colleagues privately")."""
    last_person, people_seen = people
    after = insider.start if insider is not None and insider.start < private.start else 0
    named = [
        m for m in mentions if after <= m.start < private.start and m.kind is EntityKind.PERSON
    ]
    if named and not (insider is not None and insider.who and named[-1].written in insider.who):
        return named[-1]
    if insider is not None:
        return None
    if _PRONOUN_SUBJECT.search(text[: private.start]) and last_person:
        return last_person
    return subjects.before_verb(text, private.start, people_seen)


def _subject(
    text: str,
    mentions: list[Mention],
    before: int,
    people_first: bool = True,
    last_person: Mention | None = None,
) -> Mention | None:
    """Who the verb at `before` belongs to: the last person named before it, else the last
    name of any kind, else the person a pronoun just before it stands for."""
    earlier = [m for m in mentions if m.end <= before]
    people = [m for m in earlier if m.kind is EntityKind.PERSON]
    if people_first and people:
        return people[-1]
    if earlier:
        return earlier[-1]
    return last_person if _PRONOUN_SUBJECT.search(text[:before]) else None


def _first_slug(mentions: list[Mention]) -> Mention | None:
    return next((m for m in mentions if m.slug), None)


def _credited_outlet(text: str, outlets: list[Outlet]) -> int | str | None:
    for outlet in outlets:
        if any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) for name in outlet.names):
            return outlet.source_id
    return None


def _description(who: str | None) -> str | None:
    if not who:
        return None
    return who[0].lower() + who[1:] if who[1:2].islower() else who


def outlet_names(outlet: str) -> tuple[str, ...]:
    """The ways a text writes an outlet: as recorded, without "The" and without a
    parenthesis ("Securities Industry and Financial Markets Association (SIFMA)")."""
    plain = re.sub(r"\s*\([^)]*\)", "", outlet).strip()
    names = {outlet.strip(), plain, re.sub(r"^(?:The|Le|La|Les)\s+", "", plain)}
    return tuple(name for name in names if len(name) > 2)
