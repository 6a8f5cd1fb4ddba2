"""The claim suggester on an English article (issue #21): reporting verbs with their
subjects ("Roussel said publicly", "A spokesperson for the region said", "One of them said"),
private remarks, reports, data and the author's own reading, and dates read against the
publication date without inventing precision. The article is invented for the test."""

from __future__ import annotations

import pytest

from fuzzy_date import parse
from services.reading.paragraphs import split
from services.suggesting import dates
from services.suggesting.suggester import Reading, suggest

TITLE = "Voltaris picks the Loire valley for its battery gigafactory"
PUBLISHED = "2025-10-15"
ARTICLE = "\n\n".join(
    [
        TITLE,
        "Voltaris will build its first gigafactory near Angers, its chief executive Hélène "
        "Roussel said on Tuesday. The company said in a statement that it had signed the "
        "lease in September.",
        "Roussel said publicly that the plant would open by the end of the year.",
        "The plant will cost €2.1 billion. Batteries make up 40% of the price of an electric car.",
        '"The site is ready," said Roussel.',
        "Regional officials have courted battery makers since late 2023.",
        "Brigitte Aubry, the region's president, told reporters that the land had been cleared "
        "last month.",
        "Voltaris announced a training programme for 800 technicians next year.",
        "A spokesperson for the region said the subsidy would be paid in two instalments.",
        "According to people familiar with the plans, Voltaris wants a second line. One of them "
        "said the board would vote on it next year.",
        "Insiders say the supplier contracts are not yet signed.",
        "Roussel told colleagues privately that the schedule was tight. Marc Delorme, the "
        "finance director, privately told the board that costs had risen.",
        "The Courrier de l'Ouest reported that two rival sites had been considered. According "
        "to data from the regional statistics office, unemployment in the valley fell by 40% "
        "over five years.",
        "The project is a bet on European demand for electric cars. Whether that demand holds "
        "is another matter.",
    ]
)


@pytest.fixture(scope="module")
def suggestions():
    return suggest(Reading(split(ARTICLE), TITLE, "en", parse(PUBLISHED)))


def opening(suggestions, words: str):
    """The one suggestion whose quote opens with these words."""
    found = [item for item in suggestions if item.quote.startswith(words)]
    assert len(found) == 1, found
    return found[0]


ROUSSEL = "Hélène Roussel"
FAMILIAR = "people familiar with the plans"


@pytest.mark.parametrize(
    ("words", "attribution", "speaker_name", "description"),
    [
        ("Voltaris will build", "public", ROUSSEL, None),
        ("The company said in a statement", "public", None, "the company"),
        ("Roussel said publicly", "public", ROUSSEL, None),
        ("The plant will cost", "data", None, None),
        ("Batteries make up 40%", "data", None, None),
        ('"The site is ready," said Roussel', "public", ROUSSEL, None),
        ("Regional officials", "analysis", None, None),
        (
            "Brigitte Aubry, the region's president, told reporters",
            "public",
            "Brigitte Aubry",
            None,
        ),
        ("Voltaris announced", "public", "Voltaris", None),
        ("A spokesperson for the region said", "public", None, "a spokesperson for the region"),
        ("According to people familiar with the plans", "insider", None, FAMILIAR),
        ("One of them said", "insider", None, FAMILIAR),
        ("Insiders say", "insider", None, "insiders"),
        ("Roussel told colleagues privately", "private", ROUSSEL, None),
        ("Marc Delorme, the finance director, privately told", "private", "Marc Delorme", None),
        ("The Courrier de l'Ouest reported", "report", "Courrier de l'Ouest", None),
        ("According to data from", "data", None, None),
        ("The project is a bet", "analysis", None, None),
        ("Whether that demand holds", "analysis", None, None),
    ],
)
def test_each_sentence_gets_its_attribution_and_speaker(
    suggestions, words, attribution, speaker_name, description
):
    item = opening(suggestions, words)
    assert item.attribution.value == attribution
    assert (item.speaker_name, item.speaker_description) == (speaker_name, description)


@pytest.mark.parametrize(
    ("words", "phrase", "edtf"),
    [
        ("Roussel said publicly", "by the end of the year", "../2025-12"),
        ("The company said in a statement", "in September", "2025-09"),
        ("Regional officials", "since late 2023", "2023-09/.."),
        ("Brigitte Aubry", "last month", "2025-09"),
        ("Voltaris announced", "next year", "2026"),
        ("One of them said", "next year", "2026"),
    ],
)
def test_date_phrases_are_read_against_the_publication_date(suggestions, words, phrase, edtf):
    item = opening(suggestions, words)
    assert (item.event_phrase, item.event_date.edtf) == (phrase, edtf)


def test_a_sentence_without_a_date_phrase_happened_by_publication(suggestions):
    item = opening(suggestions, "Insiders say")
    assert (item.event_phrase, item.event_date.edtf) == (None, "../2025-10-15")


@pytest.mark.parametrize(
    ("sentence", "edtf"),
    [
        ("The lease was signed in September.", "2025-09"),
        ("The line will start in November.", "2025-11"),
        ("The lease was signed in November.", None),  # last November, or a typo: not guessed
        ("The line will start in March.", None),  # next March is not this year's
        ("Le bail a été signé en septembre.", "2025-09"),
        ("He may sign it.", None),
    ],
)
def test_a_month_without_its_year_is_placed_only_when_the_sentence_leaves_no_doubt(sentence, edtf):
    found = dates.event_date(sentence, parse(PUBLISHED))
    assert (found.value.edtf if found else None) == edtf


def test_one_of_them_without_unnamed_sources_before_gets_no_description():
    reading = Reading(["Roussel spoke at length. One of them said the plan was late."])
    item = suggest(reading)[1]
    assert item.attribution.value == "insider"
    assert item.speaker_description is None
