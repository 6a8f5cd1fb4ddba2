"""Exports and feeds of a dossier, honouring the timeline's filters, and the site-wide feed."""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, Response, abort, request, url_for

from db import get_session
from models import Dossier
from models.vocabulary import Visibility
from services.interchange import exports
from services.interchange.formats import atom, claimline_json, csv_columns, timelinejs
from services.reading import structured_data
from services.reading.filters import ClaimFilters, parse_filters
from services.reading.search import SearchError
from web.access import editor_or_token, readable_dossier, signed_in
from web.file_cache import dossier_file_response
from web.urls import query_args

exports_blueprint = Blueprint("exports", __name__)


def export_filters() -> ClaimFilters:
    """The timeline's filters; a download with a filter it cannot apply is refused, not
    quietly widened."""
    filters = parse_filters(request.args)
    if filters.errors:
        abort(400, description=" ".join(filters.errors))
    return filters.without_position()


def filtered_claims(dossier: Dossier, filters: ClaimFilters):
    try:
        return exports.claims(get_session(), dossier, filters)
    except SearchError as error:
        abort(400, description=str(error))


def claim_url(claim) -> str:
    return url_for("claims.detail", claim_id=claim.id, _external=True)


def json_text(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def kept_export(dossier: Dossier, filters: ClaimFilters, extension: str, mimetype: str, make):
    """An export kept on disk under what shapes it (the recognised filters, signed-in-ness;
    unknown parameters do not vary it), made by `make` when it is not there yet."""
    shaped_by = {"filters": tuple(filters.to_args()), "signed-in": signed_in()}
    response = dossier_file_response(dossier, extension, mimetype, shaped_by, make)
    if dossier.visibility is Visibility.PUBLIC:
        # So TimelineJS or a newsroom's page on another site can load a public dossier.
        response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@exports_blueprint.get("/dossiers/<slug>/claims.csv")
def claims_csv(slug: str):
    """One row per claim, for spreadsheets: UTF-8 without a BOM, formulas neutralised.
    Streamed a batch of claims at a time: a 30,000-claim dossier is 12 MB."""
    dossier, filters = readable_dossier(slug), export_filters()

    def make():
        try:
            claims = exports.claims_in_batches(get_session(), dossier, filters)
        except SearchError as error:
            abort(400, description=str(error))
        return csv_columns.write_chunks(claims, claim_url)

    response = kept_export(dossier, filters, "csv", "text/csv", make)
    response.headers.pop("Access-Control-Allow-Origin", None)
    response.headers["Content-Disposition"] = f'attachment; filename="{dossier.slug}-claims.csv"'
    return response


@exports_blueprint.get("/dossiers/<slug>/claims.json")
def claims_json(slug: str):
    """The whole dossier (sources, entities, claims, relations), ready to import again."""
    dossier, filters = readable_dossier(slug), export_filters()

    def make():
        claims = filtered_claims(dossier, filters)
        sources = claimline_json.dossier_sources(get_session(), dossier)
        return [json_text(claimline_json.write(dossier, sources, claims))]

    return kept_export(dossier, filters, "json", "application/json", make)


@exports_blueprint.get("/dossiers/<slug>/timelinejs.json")
def timelinejs_json(slug: str):
    """The dossier in Knight Lab TimelineJS3's JSON format."""
    dossier, filters = readable_dossier(slug), export_filters()

    def make():
        claims = filtered_claims(dossier, filters)
        return [json_text(timelinejs.write(dossier, claims, claim_url))]

    return kept_export(dossier, filters, "timelinejs.json", "application/json", make)


@exports_blueprint.get("/dossiers/<slug>/feed.atom")
def feed(slug: str):
    """The dossier's newest claims as an Atom feed."""
    dossier = readable_dossier(slug)
    filters = export_filters()
    try:
        claims = atom.newest_claims(get_session(), dossier, filters)
    except SearchError as error:
        abort(400, description=str(error))
    # url_for keyword arguments: Any, so mypy does not match them to _anchor or _external.
    args: dict[str, Any] = query_args(filters)
    header = atom.Feed(
        id=url_for("exports.feed", slug=slug, _external=True, **args),
        title=f"{dossier.title} — Claimline",
        subtitle=dossier.subject,
        self_link=url_for("exports.feed", slug=slug, _external=True, **args),
        alternate_link=url_for("dossiers.timeline_page", slug=slug, _external=True, **args),
        updated=dossier.changed_at,
    )
    entries = [atom.claim_entry(claim, claim_url(claim)) for claim in claims]
    return Response(atom.render(header, entries), mimetype="application/atom+xml")


@exports_blueprint.get("/changes.atom")
def changes_feed():
    """Recent changes to claims, sources and entities across the public dossiers. For editors
    and token holders only: it names editors and quotes deleted text."""
    if not editor_or_token():
        response = Response("Sign in, or send an API token, to read the change feed.", 401)
        response.headers["WWW-Authenticate"] = 'Bearer realm="claimline"'
        response.headers["Cache-Control"] = "private, no-store"
        return response
    revisions = atom.recent_revisions(get_session())
    header = atom.Feed(
        id=url_for("exports.changes_feed", _external=True),
        title="Recent changes — Claimline",
        self_link=url_for("exports.changes_feed", _external=True),
        alternate_link=url_for("dossiers.index", _external=True),
    )
    entries = [
        atom.revision_entry(
            revision,
            revision_link(revision),
            url_for("exports.changes_feed", _external=True) + f"#revision-{revision.id}",
        )
        for revision in revisions
    ]
    return Response(atom.render(header, entries), mimetype="application/atom+xml")


def revision_link(revision) -> str:
    """Where a reader sees the changed claim, source or entity."""
    if revision.object_type == "claim":
        return url_for("claims.detail", claim_id=revision.object_id, _external=True)
    if revision.object_type == "entity":
        slug = revision.snapshot.get("slug") or ""
        return url_for("entities.detail", slug=slug, _external=True)
    if revision.object_type == "dossier":
        slug = revision.snapshot.get("slug") or ""
        return url_for("dossiers.timeline_page", slug=slug, _external=True)
    return url_for("sources.detail", source_id=revision.object_id, _external=True)


@exports_blueprint.app_template_global()
def claim_structured_data(claim) -> dict:
    """schema.org JSON-LD for a claim page (rendered with `tojson` in a data script)."""
    return structured_data.claim_page(claim, claim_url(claim))


@exports_blueprint.app_template_global()
def export_links(dossier: Dossier, filters: ClaimFilters | None = None) -> list[tuple]:
    """(label, media type, URL) of each export of the dossier with the current filters."""
    args: dict[str, Any] = query_args(filters.without_position()) if filters else {}
    return [
        (label, media_type, url_for(f"exports.{endpoint}", slug=dossier.slug, **args))
        for label, media_type, endpoint in (
            ("CSV", "text/csv", "claims_csv"),
            ("JSON", "application/json", "claims_json"),
            ("TimelineJS", "application/json", "timelinejs_json"),
            ("Atom feed", "application/atom+xml", "feed"),
        )
    ]
