"""The claim suggestions of a source's text as a review queue (issue #21): accept (the claim
form, prefilled through the source reader's path), merge two, or dismiss. Nothing is saved
without an editor's action: accepting saves only when the claim form is saved."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for

from db import get_session
from forms.suggestions import DismissSuggestionForm
from i18n import _
from models import Source
from services.reading import source_page
from services.suggesting import queue as suggestion_queue
from services.suggesting.queue import Queue, SuggestionError
from services.suggesting.suggester import Suggestion
from views import editing_common as common
from web.access import require_readable


def _source(source_id: int) -> Source:
    source = source_page.get_visible(get_session(), source_id)
    if source is None:
        abort(404, description=_("There is no source %(number)s.", number=source_id))
    require_readable(source.dossier, _("There is no source %(number)s.", number=source_id))
    return source


def _queue(source: Source) -> Queue:
    queue = suggestion_queue.build(get_session(), source)
    if queue is None:
        abort(
            404,
            description=_(
                "Source %(number)s has no text to suggest claims from.", number=source.id
            ),
        )
    return queue


def accept_url(suggestion: Suggestion, source: Source) -> str:
    """The new-claim form, filled with the suggestion (the reader's prefill path)."""
    values: dict[str, Any] = suggestion_queue.claim_form_values(suggestion, source)
    return url_for("editing.new_claim", dossier=source.dossier.slug, **values)


def suggestions(source_id: int):
    """The suggestions not yet quoted or dismissed, paragraph by paragraph."""
    source = _source(source_id)
    queue = _queue(source)
    accept = {item.key: accept_url(item, source) for item in queue.suggestions}
    return render_template(
        "sources/suggestions.html",
        queue=queue,
        source=source,
        dossier=source.dossier,
        paragraphs=suggestion_queue.by_paragraph(queue),
        accept=accept,
    )


def dismiss(source_id: int):
    """Remember that this suggestion is not wanted; it is not proposed again."""
    source = _source(source_id)
    form = DismissSuggestionForm()
    back = url_for("editing.suggestions", source_id=source.id)
    if not form.validate():
        flash(next(iter(form.errors.values()))[0], "error")
        return redirect(back)
    locator = int(form.locator.data)
    try:
        suggestion_queue.dismiss(
            get_session(), source, int(form.version.data), locator, form.quote.data, common.user()
        )
    except SuggestionError as error:
        get_session().rollback()
        flash(str(error), "error")
        return redirect(back)
    get_session().commit()
    flash(
        _(
            "Suggestion from paragraph %(paragraph)s dismissed: it will not come back.",
            paragraph=locator,
        ),
        "success",
    )
    return redirect(back)


def merge(source_id: int):
    """Two ticked suggestions of one paragraph, opened as one claim in the form."""
    source = _source(source_id)
    queue = _queue(source)
    try:
        merged = suggestion_queue.merge(queue, request.args.getlist("key"))
    except SuggestionError as error:
        flash(str(error), "error")
        return redirect(url_for("editing.suggestions", source_id=source.id))
    return redirect(accept_url(merged, source))
