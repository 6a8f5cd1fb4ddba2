"""The text of an uploaded file, for a source's full text: plain text, Markdown, a web page
(its main text, without menus and footers) or a Word document.

Each extractor returns paragraphs separated by blank lines, the shape source_texts numbers.
Raises UnreadableFile with a message for the editor.
"""

from __future__ import annotations

import io
import zipfile

import docx
import lxml.etree
import lxml.html
from readability import Document as ReadableDocument

from i18n import _
from models.limits import SOURCE_TEXT_UPLOADS

# The elements whose text is a paragraph of a web page's main text.
_HTML_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td")


class UnreadableFile(ValueError):
    """A file whose text cannot be read; the message says why."""


def extension(filename: str) -> str:
    return filename.rsplit(".", 1)[-1].lower() if "." in filename else ""


def extract(filename: str, content: bytes) -> str:
    """The text of the file, by its extension. Raises UnreadableFile."""
    kind = extension(filename)
    if kind not in SOURCE_TEXT_UPLOADS:
        allowed = ", ".join(f".{name}" for name in SOURCE_TEXT_UPLOADS)
        raise UnreadableFile(_("Upload the text as one of %(allowed)s.", allowed=allowed))
    if kind == "docx":
        return _word(content)
    text = _decoded(content)
    return _web_page(text) if kind == "html" else text


def _decoded(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableFile(
            _("The file is not UTF-8 text; save it as UTF-8 and try again.")
        ) from None


def _word(content: bytes) -> str:
    try:
        document = docx.Document(io.BytesIO(content))
    except (zipfile.BadZipFile, KeyError, ValueError, lxml.etree.XMLSyntaxError):
        raise UnreadableFile(_("This is not a Word (.docx) document that can be read.")) from None
    return "\n\n".join(p.text.strip() for p in document.paragraphs if p.text.strip())


def _web_page(html: str) -> str:
    """The page's main text, found by readability (the algorithm of Firefox's reader view)."""
    if not html.strip():
        return ""
    try:
        main = ReadableDocument(html).summary(html_partial=True)
        tree = lxml.html.fragment_fromstring(main, create_parent="div")
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError):
        raise UnreadableFile(_("This web page cannot be read.")) from None
    blocks = [
        " ".join(element.text_content().split())
        for element in tree.iter(*_HTML_BLOCKS)
        if not any(ancestor.tag in _HTML_BLOCKS for ancestor in element.iterancestors())
    ]
    blocks = [block for block in blocks if block]
    if not blocks:
        blocks = [" ".join(tree.text_content().split())]
    return "\n\n".join(blocks)
