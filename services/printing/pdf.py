"""HTML to PDF with WeasyPrint: the app's own static files only, metadata, embedded fonts.

WeasyPrint embeds (subsets of) every font it uses and turns headings into PDF bookmarks
through the CSS `bookmark-level` property, which static/css/print-pdf.css sets.
"""

from __future__ import annotations

import io
import mimetypes
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from fontTools.ttLib import TTFont

# WeasyPrint loads Pango and HarfBuzz when imported (views/briefing.py imports this module only
# when a PDF is asked for). Without them, say which Debian packages to install (as the Makefile's
# system-deps target does) instead of a bare "cannot load library".
MISSING_LIBRARIES = (
    "PDF printing needs Pango and HarfBuzz: install the Debian packages libpango-1.0-0, "
    "libpangoft2-1.0-0 and libharfbuzz-subset0 (`make system-deps` does, as root)"
)
try:
    from weasyprint import HTML, URLFetcher
    from weasyprint.urls import URLFetcherResponse
except OSError as error:
    raise ImportError(f"{MISSING_LIBRARIES} ({error})") from error


@dataclass(frozen=True)
class PdfMetadata:
    title: str
    author: str
    subject: str = ""
    created: datetime | None = None
    lang: str = "en"


class StaticFilesFetcher(URLFetcher):
    """Reads the app's static files from disk and refuses every other URL.

    Printing never reaches the network: a link or image in stored text cannot make the
    server fetch anything, and stylesheets and fonts cost a file read, not a request.
    """

    def __init__(self, static_url: str, static_folder: str | Path) -> None:
        super().__init__(allowed_protocols=("http", "https"))
        self.static_url = static_url.rstrip("/") + "/"
        self.static_folder = Path(static_folder).resolve()

    def fetch(self, url, headers=None):
        if not url.startswith(self.static_url):
            raise ValueError(f"Only the app's static files are read when printing, not {url}")
        relative = unquote(urlsplit(url).path[len(urlsplit(self.static_url).path) :])
        path = (self.static_folder / relative).resolve()
        if not path.is_relative_to(self.static_folder) or not path.is_file():
            raise ValueError(f"No static file at {url}")
        if path.suffix in (".woff", ".woff2"):
            return URLFetcherResponse(url, _sfnt(path, path.stat().st_mtime_ns), {})
        mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime_type})


@lru_cache(maxsize=32)
def _sfnt(path: Path, mtime_ns: int) -> bytes:
    """A WOFF/WOFF2 web font unpacked to plain TrueType, once per process and file version.

    WeasyPrint would otherwise unpack every font on every PDF (most of a second in all).
    """
    font = TTFont(path)
    font.flavor = None
    unpacked = io.BytesIO()
    font.save(unpacked)
    return unpacked.getvalue()


def render_pdf(
    html: str,
    base_url: str,
    metadata: PdfMetadata,
    static_url: str,
    static_folder: str | Path,
) -> bytes:
    """Render an HTML document to PDF bytes.

    `base_url` resolves the document's relative links; only URLs under `static_url` are
    read (from `static_folder`). The metadata replaces whatever the document's <head> says.
    """
    fetcher = StaticFilesFetcher(static_url, static_folder)
    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher).render()
    created = (metadata.created or datetime.now(UTC)).astimezone(UTC)
    document.metadata.title = metadata.title
    document.metadata.authors = [metadata.author]
    document.metadata.description = metadata.subject or None
    document.metadata.generator = "Claimline"
    document.metadata.created = created.strftime("%Y-%m-%dT%H:%M:%SZ")
    document.metadata.modified = document.metadata.created
    document.metadata.lang = metadata.lang
    return document.write_pdf()
