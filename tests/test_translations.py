"""The interface's words are all in the catalogues, and the French catalogue is complete (#20).

`make messages` extracts the marked words; these tests fail when a template shows a word that
is not marked, or when a word marked anywhere has no French translation, a fuzzy one, or one
whose %(placeholders)s differ from the English.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

import i18n

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "_l": None,
    "lazy_gettext": None,
    "N_": None,
}

# Attributes whose values a person reads (or hears, from a screen reader).
HUMAN_ATTRIBUTES = {"title", "alt", "placeholder", "aria-label", "aria-description",
                    "aria-roledescription", "aria-valuetext"}  # fmt: skip
# Words that are the same in every language.
UNTRANSLATED = {"Claimline"}
JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
TRANS_BLOCK = re.compile(r"\{%-?\s*trans\b.*?\{%-?\s*endtrans\s*-?%\}", re.S)
WORD = re.compile(r"[^\W\d_]{2,}")


class _ShownText(HTMLParser):
    """Collects what a template shows in its own words: text and human attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.shown: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skipping += 1
        for name, value in attrs:
            human = name in HUMAN_ATTRIBUTES or (
                name == "value" and dict(attrs).get("type") in ("submit", "button", "reset")
            )
            if human and value:
                self.shown.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.shown.append(data)


def unmarked_words(path: Path) -> list[str]:
    """Words the template at `path` shows that no gettext call or trans block marks."""
    source = TRANS_BLOCK.sub(" ", path.read_text())
    parser = _ShownText()
    parser.feed(JINJA.sub(" ", source))
    words = (word for text in parser.shown for word in WORD.findall(text))
    return sorted({word for word in words if word not in UNTRANSLATED})


@pytest.mark.parametrize(
    "template", sorted(TEMPLATES.rglob("*.html")), ids=lambda path: str(path.relative_to(ROOT))
)
def test_every_word_a_template_shows_is_marked_for_translation(template):
    assert unmarked_words(template) == []


def extracted_messages() -> set[tuple[str | None, str]]:
    """(context, msgid) of every word marked in the code, as `make messages` finds them."""
    with (ROOT / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config)
    found = set()
    for _file, _line, message, _comments, context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=KEYWORDS
    ):
        msgid = message[0] if isinstance(message, tuple | list) else message
        found.add((context, msgid))
    return found


@pytest.fixture(scope="module")
def extracted():
    return extracted_messages()


@pytest.mark.parametrize("language", [code for code in i18n.LANGUAGES if code != "en"])
def test_every_marked_word_has_a_settled_translation(extracted, language):
    with (i18n.CATALOGUES / language / "LC_MESSAGES" / "messages.po").open("rb") as file:
        catalogue = read_po(file, locale=language)
    missing, fuzzy = [], []
    for context, msgid in sorted(extracted, key=lambda item: (item[0] or "", item[1])):
        message = catalogue.get(msgid, context=context)
        strings = (
            message.string if message and isinstance(message.string, tuple) else
            (message.string,) if message else ("",)
        )  # fmt: skip
        if not all(strings):
            missing.append(msgid)
        elif message.fuzzy:
            fuzzy.append(msgid)
    assert missing == [], f"{len(missing)} words have no {language} translation: run make messages"
    assert fuzzy == []
    problems = [(message.id, errors) for message, errors in catalogue.check()]
    assert problems == []


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_numbers_of_any_size_are_written_the_readers_way(language):
    """A message may quote back a number an editor typed: forty digits must not fail."""
    with i18n.speaking(language):
        written = i18n.number(10**40)
    assert written.replace(",", "").replace("\u00a0", "").replace("\u202f", "") == str(10**40)
