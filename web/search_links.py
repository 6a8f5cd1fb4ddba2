"""Where a found name leads: an entity's page, a source's page, a tag's claims in its dossier."""

from __future__ import annotations

from flask import url_for

from services.reading.name_index import Name


def name_url(name: Name | None, external: bool = False) -> str:
    if name is None:
        return url_for("search.results", _external=external)
    if name.kind == "entity":
        return url_for("entities.detail", slug=name.key, _external=external)
    if name.kind == "source":
        return url_for("sources.detail", source_id=int(name.key), _external=external)
    return url_for(
        "dossiers.timeline_page", slug=name.dossier_slug, tag=name.key, _external=external
    )
