"""How much each field, page and request may hold: one definition, read by the models'
columns and checks, the field readers, the forms' hints, the error page and the print.

The OpenAPI document should read these too (see services/interchange/openapi*).
"""

from __future__ import annotations

import re

# --- claims -----------------------------------------------------------------------------
STATEMENT_MAX = 500
QUOTE_MAX = 5000
NOTES_MAX = 20000  # a claim's notes and a source's notes alike
SPEAKER_DESCRIPTION_MAX = 300
RELAYED_BY_DESCRIPTION_MAX = 300  # who passed on a private remark, unnamed
LOCATOR_MAX = 100_000  # the highest paragraph number
TAGS_MAX = 30
TAG_NAME_MAX = 60  # also the length of a tag's key, which the tag filter accepts
RELATIONS_MAX = 50
RELATION_NOTE_MAX = 1000

# --- sources and entities ---------------------------------------------------------------
SOURCE_TITLE_MAX = 500
SOURCE_OUTLET_MAX = 200
SOURCE_AUTHOR_MAX = 200
URL_MAX = 2000
SOURCE_TEXT_MAX = 500_000  # a source's full text, pasted, uploaded or sent, in characters
SOURCE_TEXT_UPLOADS = ("txt", "md", "html", "docx")  # the files a source's text is read from
LANGUAGE_TAG_MAX = 35  # a BCP 47 tag, for a source or a quote
ENTITY_NAME_MAX = 200
ENTITY_DESCRIPTION_MAX = 300
ENTITY_ALIASES_MAX = 20
ENTITY_SLUG_MAX = 90  # what a new entity's slug is cut to, leaving room for "-2"

# --- dossiers --------------------------------------------------------------------------
DOSSIER_TITLE_MAX = 300
DOSSIER_SUBJECT_MAX = 300
DOSSIER_SLUG_MAX = 80  # the column's length; a suggested slug is cut to leave room for "-2"
DOSSIER_MARKDOWN_MAX = 50_000  # a dossier's summary and its methodology alike
# An unlisted dossier's access key: URL-safe base64 of 32 random bytes (256 bits), 43 characters.
ACCESS_KEY_BYTES = 32
ACCESS_KEY_LENGTH = 43

# --- accounts ---------------------------------------------------------------------------
# The name readers see on an editor's work (feeds, histories); never the sign-in name.
DISPLAY_NAME_MAX = 80

# --- addresses --------------------------------------------------------------------------
# A dossier's or an entity's slug, as the filters, the API and the imports accept it.
SLUG_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,99}$")
# What the search box (and the date boxes) keep of what was typed.
SEARCH_TEXT_MAX = 200
# The largest id the id columns hold (a signed 32-bit integer on PostgreSQL).
LARGEST_ID = 2**31 - 1

# --- pages and requests -----------------------------------------------------------------
PAGE_SIZE = 50  # claims on a timeline or API page, revisions on the recent changes page
PAGE_SIZE_MAX = 200  # the most a reader may ask for with per_page
# A filtered view is counted (its total, its facets' counts, the strip's months and the year
# index) only when at most this many claims pass its filters: beyond, each count would grow
# with the dossier, and any reader can ask for any view. The view then says "more than".
COUNTED_CLAIMS_MAX = 5000
REQUEST_MAX_BYTES = 1024 * 1024  # the default MAX_CONTENT_LENGTH: a form, an upload, a body
# The most claims a print page or PDF holds for a reader who is not signed in (issue #18):
# a 1,000-claim PDF renders in about 30 s off the web workers, and a 30,000-claim one would
# hold the queue for a quarter of an hour. Past it the reader is asked to filter or sign in.
PRINT_ANONYMOUS_CLAIMS_MAX = 1000
