"""/clip: the bookmarklet that opens the new-claim form from the page being read (issue #15).

The bookmarklet runs in the other site's page and only opens a Claimline address with the
page's details in the query string, so Claimline's CSP is untouched: nothing is injected.
"""

from __future__ import annotations

import json
from urllib.parse import quote

from flask import redirect, render_template, request, url_for

from db import get_session
from services.editing import clipping
from services.reading import dossier_lookup

# What the bookmarklet sends, and carries through the dossier picker.
PAGE_FIELDS = ("url", "title", "quote", "published")


# The page's published date, from the metadata news sites use, else its first <time>.
_PUBLISHED_META = ", ".join(
    f'meta[{attribute}="{name}"]'
    for attribute, name in (
        ("property", "article:published_time"),
        ("name", "article:published_time"),
        ("itemprop", "datePublished"),
        ("name", "date"),
        ("name", "DC.date.issued"),
        ("name", "pubdate"),
    )
)


def bookmarklet(clip_url: str, dossier_slug: str | None) -> str:
    """The bookmarklet: it reads the page and opens `clip_url` with what it read."""
    dossier = f"p.set('dossier',{json.dumps(dossier_slug)});" if dossier_slug else ""
    script = (
        "(function(){var d=document,"
        f"m=d.querySelector({json.dumps(_PUBLISHED_META)}),"
        "t=d.querySelector('time[datetime]'),"
        "p=new URLSearchParams({url:location.href,title:d.title,"
        "quote:String(getSelection()).slice(0,5000),"
        "published:m?m.content:(t?t.getAttribute('datetime'):'')});"
        f"{dossier}var u={json.dumps(clip_url)}+'?'+p;"
        "if(!window.open(u,'_blank')){location.href=u;}})();"
    )
    return "javascript:" + quote(script, safe="(){}[]=:;,.'!?+*/|&<>_-")


def clip_instructions():
    """How to install the bookmarklet, for every dossier or for one (`dossier`)."""
    session = get_session()
    dossiers = clipping.dossiers_to_clip_into(session)
    chosen = dossier_lookup.by_slug(session, request.args.get("dossier", ""))
    if chosen is not None and chosen not in dossiers:
        chosen = None
    link = bookmarklet(
        url_for("editing.clip_page", _external=True), chosen.slug if chosen else None
    )
    return render_template("editing/clip.html", dossiers=dossiers, chosen=chosen, bookmarklet=link)


def clip_page():
    """Where the bookmarklet lands: the new-claim form, prefilled from the page; first a
    choice of dossier when the bookmarklet names none (or one that cannot take claims)."""
    session = get_session()
    page = {name: request.args.get(name, "") for name in PAGE_FIELDS}
    dossiers = clipping.dossiers_to_clip_into(session)
    dossier = dossier_lookup.by_slug(session, request.args.get("dossier", ""))
    if dossier is None or dossier not in dossiers:
        return render_template("editing/clip_choose.html", dossiers=dossiers, page=page)
    values = clipping.claim_form_values(session, dossier, page)
    return redirect(url_for("editing.new_claim", dossier=dossier.slug, **values))
