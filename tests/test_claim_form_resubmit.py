"""The new-claim form saved, then saved again after the browser's Back button: the page is
not cached (private, no-store), so Back fetches a fresh form with a new one-time token while
the browser restores what was typed. The second save must not add a silent duplicate."""

from __future__ import annotations

import pytest

from tests.editing_helpers import (
    claim_id_from,
    count_claims,
    form_values,
    source_id,
)
from tests.helpers import soup


@pytest.fixture
def form_url(seeded_app) -> str:
    return f"/claims/new?dossier=openai-chips&source={source_id(seeded_app)}&locator=2"


def _typed(client, url: str, **typed: str) -> dict:
    """The form at `url` as a browser posts it, with what the editor typed (or the browser
    restored after Back) over the fresh page's values, its new token included."""
    page = soup(client.get(url))
    values = form_values(page.select_one("form.claim-form"))
    values.update(
        statement="TSMC says it will build two more fabs for OpenAI.",
        quote="Altman a commencé à voyager fréquemment",
        attribution="insider",
        speaker_description="a person familiar with the talks",
        stated_date="June 2024",
        confidence="60",
        save="Save claim",
    )
    values.update(typed)
    return values


def test_saving_again_after_back_does_not_add_a_duplicate(editor_client, seeded_app, form_url):
    first = claim_id_from(editor_client.post(form_url, data=_typed(editor_client, form_url)))
    before = count_claims(seeded_app)
    # Back: a fresh page, a new token; the browser restores some fields, not the dates.
    again = _typed(editor_client, form_url, event_date="", confidence="60")
    page = soup(editor_client.post(form_url, data=again), 409)
    assert count_claims(seeded_app) == before
    notice = page.select_one("#duplicate-notice")
    assert f"already saved as claim {first}" in notice.get_text(" ", strip=True)
    assert notice.find("a", href=f"/claims/{first}") is not None
    assert page.select_one("input[name=save_duplicate][type=checkbox]") is not None


def test_a_confirmed_duplicate_is_saved(editor_client, seeded_app, form_url):
    first = claim_id_from(editor_client.post(form_url, data=_typed(editor_client, form_url)))
    shown = soup(editor_client.post(form_url, data=_typed(editor_client, form_url)), 409)
    confirmed = form_values(shown.select_one("form.claim-form"))
    confirmed.update(save_duplicate="y", save="Save claim")
    second = claim_id_from(editor_client.post(form_url, data=confirmed))
    assert second != first


def test_save_and_add_another_with_a_new_statement_is_not_blocked(
    editor_client, seeded_app, form_url
):
    response = editor_client.post(
        form_url, data=_typed(editor_client, form_url, save=None, save_another="x")
    )
    assert response.status_code == 302
    onward = response.location
    other = _typed(editor_client, onward, statement="OpenAI will also buy chips from Broadcom.")
    other.update(quote="Altman a commencé à voyager fréquemment", locator="2")
    second = editor_client.post(onward, data={k: v for k, v in other.items() if v is not None})
    claim_id_from(second)


def test_the_same_form_posted_twice_still_leads_to_the_first_result(editor_client, form_url):
    values = _typed(editor_client, form_url)
    first = claim_id_from(editor_client.post(form_url, data=values))
    assert claim_id_from(editor_client.post(form_url, data=values)) == first
