"""The claim suggester's rules (issue #21), on plain data: verbatim quotes and right
paragraphs, attribution kinds from the cues, speakers, dates read against the publication
date, and the hand-made bilingual answer key."""

from __future__ import annotations

import pytest

from fuzzy_date import parse
from services.reading.paragraphs import split
from services.suggesting import evaluation, sentences
from services.suggesting.suggester import Reading, suggest
from tests import suggestion_corpus as corpus
from tests.conftest import SEED_DIR

ARTICLE = (SEED_DIR / "openai-chips.article.txt").read_text(encoding="utf-8")


def corpus_suggestions(published: str | None = corpus.PUBLISHED):
    reading = Reading(
        split(corpus.TEXT), corpus.TITLE, "fr", published and parse(published), corpus.KNOWN
    )
    return reading.paragraphs, suggest(reading)


def by_paragraph(suggestions, locator: int):
    found = [item for item in suggestions if item.locator == locator]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text", [ARTICLE, corpus.TEXT], ids=["seeded article", "corpus"])
def test_every_quote_is_verbatim_at_its_place_in_its_paragraph(text):
    paragraphs = split(text)
    suggestions = suggest(Reading(paragraphs, published=parse("2024-07~")))
    assert len(suggestions) > 5
    for item in suggestions:
        assert paragraphs[item.locator - 1][item.start : item.end] == item.quote


def test_the_hand_made_answer_key_is_found_with_its_kinds_speakers_and_dates():
    paragraphs, suggestions = corpus_suggestions()
    scores = evaluation.evaluate(paragraphs, suggestions, corpus.ANSWER_KEY)
    assert scores["recall"].hits == len(corpus.ANSWER_KEY)
    assert scores["attribution"].hits == scores["attribution"].out_of
    assert scores["speaker"].hits == scores["speaker"].out_of
    assert scores["event_date"].hits == scores["event_date"].out_of


def test_the_title_repeated_as_the_first_line_is_not_a_claim():
    _, suggestions = corpus_suggestions()
    assert all(item.locator != 1 for item in suggestions)


def test_an_unnamed_source_is_kept_in_the_sources_own_words():
    _, suggestions = corpus_suggestions()
    insider = by_paragraph(suggestions, 2)
    assert insider.attribution.value == "insider"
    assert insider.speaker is None
    assert insider.speaker_description == "des personnes proches du dossier"
    assert any("des personnes proches du dossier" in cue for cue in insider.cues)


def test_a_named_speaker_is_the_entity_by_its_alias():
    _, suggestions = corpus_suggestions()
    private = by_paragraph(suggestions, 4)
    assert (private.attribution.value, private.speaker) == ("private", "lena-park")


def test_a_name_nobody_recorded_is_proposed_as_someone_new():
    _, suggestions = corpus_suggestions()
    private = by_paragraph(suggestions, 9)
    assert (private.speaker, private.speaker_name) == (None, "Tomas Berg")


def test_a_pronoun_stands_for_the_last_person_named():
    _, suggestions = corpus_suggestions()
    statement = by_paragraph(suggestions, 10)
    assert (statement.attribution.value, statement.speaker_name) == ("public", "Tomas Berg")


def test_relative_dates_are_read_against_the_publication_date():
    _, suggestions = corpus_suggestions()
    assert by_paragraph(suggestions, 3).event_date.edtf == "2024-09"
    assert by_paragraph(suggestions, 4).event_date.edtf == "2025"
    assert "le mois dernier" in " ".join(by_paragraph(suggestions, 3).cues)


def test_without_a_publication_date_a_relative_phrase_is_left_undated():
    _, suggestions = corpus_suggestions(published=None)
    assert by_paragraph(suggestions, 3).event_date is None
    assert by_paragraph(suggestions, 7).event_date.edtf == "2023"


def test_not_before_a_year_is_that_year_or_later_never_before_it():
    paragraphs = ["Des initiés disent que la production n'est pas attendue avant au moins 2026."]
    (found,) = suggest(Reading(paragraphs, published=parse("2024-07~")))
    assert found.event_date.edtf == "2026/.."


def test_figures_without_a_cue_are_data_and_plain_prose_is_analysis():
    paragraphs = [
        "La valeur de marché combinée de Microsoft et Apple est d'environ 6 billions de dollars.",
        "Ces géants deviennent ses concurrents les plus puissants.",
    ]
    kinds = [item.attribution.value for item in suggest(Reading(paragraphs))]
    assert kinds == ["data", "analysis"]


def test_a_sentence_opening_cependant_continues_the_voice_before_it():
    paragraphs = [
        "Selon un cadre supérieur de TSMC, Altman approche divers fabricants depuis 2023.",
        "Cependant, la plupart des dirigeants n'étaient pas d'accord avec ce plan.",
    ]
    first, second = suggest(Reading(paragraphs))
    assert second.attribution.value == "insider"
    assert second.speaker_description == first.speaker_description == "un cadre supérieur de TSMC"
    assert any("continues" in cue for cue in second.cues)


def test_every_suggestion_says_why():
    _, suggestions = corpus_suggestions()
    assert all(item.cues for item in suggestions)


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        ("Le PDG, C.C. Wei, a parlé. Il a ajouté une chose.", 2),
        ("M. Ho est arrivé en 2023. Il dirige l'équipe.", 2),
        ("Le chiffre est de 1.44 billion. C'est beaucoup!", 2),
        ("Une seule phrase sans point final", 1),
    ],
)
def test_sentences_split_at_full_stops_but_not_at_initials_or_decimals(paragraph, expected):
    found = sentences.split(paragraph)
    assert len(found) == expected
    assert all(paragraph[item.start : item.end] == item.text for item in found)


def test_a_continuation_keeps_a_speaker_nobody_recorded_yet():
    paragraphs = [
        "Tomas Berg told colleagues privately that the budget had doubled.",
        "Moreover, the plant would open late.",
    ]
    first, second = suggest(Reading(paragraphs))
    assert second.attribution.value == first.attribution.value == "private"
    assert second.speaker_name == first.speaker_name == "Tomas Berg"
