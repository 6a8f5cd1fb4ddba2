"""The JSON API's source text: the reader's twin, and the claim suggestions (a POST with a
write token: it saves nothing, but is an editor's tool and costs a pass over the text).
Routes on the `api` blueprint of `views.api`."""

from __future__ import annotations

from flask import jsonify, request

from db import get_session
from i18n import SOURCE_LANGUAGE, _, speaking
from models.text import parse_whole_number
from services.interchange import api_queries, api_source_text
from services.reading import source_reader
from services.suggesting import queue as suggestion_queue
from views.api import api, signed_in
from web.problems import problem, validation_problem


@api.get("/sources/<int:source_id>/text")
def get_source_text(source_id: int):
    """The source's text in numbered paragraphs, each with the claims that quote it."""
    source = api_queries.source(get_session(), source_id, signed_in())
    if source is None:
        return problem(404, detail=_("There is no source %(id)s.", id=source_id))
    version = request.args.get("version")
    number = None if version is None else parse_whole_number(version, max_digits=9)
    if version is not None and not number:
        return validation_problem({"version": _("Give a version number, 1 or more.")})
    found = source_reader.build(get_session(), source, number)
    if found is None:
        return problem(404, detail=_("Source %(id)s has no text of that version.", id=source_id))
    return jsonify(api_source_text.reader(found))


@api.post("/sources/<int:source_id>/suggestions")
def suggest_claims(source_id: int):
    """Claims suggested from the source's latest text; nothing is saved."""
    source = api_queries.source(get_session(), source_id, signed_in())
    if source is None:
        return problem(404, detail=_("There is no source %(id)s.", id=source_id))
    # The cues and labels are English, like every field of the API but a problem's detail.
    with speaking(SOURCE_LANGUAGE):
        queue = suggestion_queue.build(get_session(), source)
    if queue is None:
        return problem(404, detail=_("Source %(id)s has no text to read.", id=source_id))
    return jsonify(api_source_text.suggestions(queue))
