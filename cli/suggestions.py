"""`flask --app app suggestions evaluate SEED`: the claim suggester against a seeded dossier
whose claims are the answer key (issue #21), printed and written into the README."""

from __future__ import annotations

import re
import time
from pathlib import Path

import click

import fuzzy_date
from fuzzy_date import FuzzyDate, FuzzyDateError
from models.vocabulary import EntityKind
from services.interchange.formats.document import Document, Row
from services.interchange.formats.seed_yaml import SeedError
from services.interchange.formats.seed_yaml import read as read_seed
from services.reading import paragraphs as paragraph_rule
from services.suggesting import evaluation
from services.suggesting.names import KnownName
from services.suggesting.suggester import Outlet, Reading, outlet_names, suggest

README_START = "<!-- suggestions-evaluation:start -->"
README_END = "<!-- suggestions-evaluation:end -->"


@click.group("suggestions")
def suggestion_commands() -> None:
    """Claim suggestions: measure them against a seeded dossier."""


@suggestion_commands.command("evaluate")
@click.argument("seed", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--readme",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("README.md"),
    show_default=True,
    help="The file whose evaluation section is rewritten; --no-readme to leave it.",
)
@click.option("--no-readme", is_flag=True, help="Print the figures only.")
def evaluate_command(seed: Path, readme: Path, no_readme: bool) -> None:
    """Suggest claims for the seed's source text and score them against its claims."""
    try:
        _, document = read_seed(seed)
    except SeedError as error:
        raise click.ClickException(str(error)) from None
    source = next((row for row in document.sources if row.data.get("text")), None)
    if source is None:
        raise click.ClickException(f"{seed.name}: no source carries a text to read.")
    reading = _reading(document, source)
    started = time.perf_counter()
    suggestions = suggest(reading)
    seconds = time.perf_counter() - started
    key = _answer_key(document, source, reading.published)
    scores = evaluation.evaluate(reading.paragraphs, suggestions, key)
    table = evaluation.table(scores)
    from_phrases = sum(1 for item in suggestions if item.event_phrase)
    summary = (
        f"`{seed.as_posix()}`: {len(reading.paragraphs)} paragraphs, {len(key)} claims in the "
        f"dossier, {len(suggestions)} suggestions in {seconds:.2f} s. Event dates: "
        f'{from_phrases} read from a date phrase in the sentence, the others "by the '
        'publication date".'
    )
    click.echo(summary)
    click.echo(table)
    if not no_readme:
        _write_readme(readme, f"{summary}\n\n{table}")
        click.echo(f"Written to {readme}.")


def _reading(document: Document, source: Row) -> Reading:
    published = _date(source.data.get("published"), None)
    known = [
        KnownName(
            str(row.data["slug"]),
            EntityKind(row.data.get("kind", "person")),
            (str(row.data["name"]), *(str(alias) for alias in row.data.get("aliases") or [])),
        )
        for row in document.entities
    ]
    outlets = [
        Outlet(str(row.data["key"]), outlet_names(str(row.data.get("outlet") or "")))
        for row in document.sources
        if row is not source and row.data.get("outlet")
    ]
    return Reading(
        paragraphs=paragraph_rule.split(str(source.data["text"])),
        title=str(source.data.get("title") or ""),
        language=source.data.get("language"),
        published=published,
        known=known,
        outlets=outlets,
    )


def _answer_key(
    document: Document, source: Row, published: FuzzyDate | None
) -> list[evaluation.KeyClaim]:
    return [
        evaluation.KeyClaim(
            locator=int(row.data["locator"]),
            quote=str(row.data.get("quote") or ""),
            attribution=str(row.data.get("attribution")),
            speaker=row.data.get("speaker"),
            speaker_description=row.data.get("speaker_description"),
            event_date=_date(row.data.get("event_date"), published),
        )
        for row in document.claims
        if row.data.get("source") == source.data.get("key") and row.data.get("locator")
    ]


def _date(text: object, reference: FuzzyDate | None) -> FuzzyDate | None:
    if not isinstance(text, str) or not text.strip():
        return None
    try:
        return fuzzy_date.parse(text, reference)
    except FuzzyDateError:
        return None


def _write_readme(readme: Path, body: str) -> None:
    """Replace the text between the README's evaluation markers (which must be there)."""
    try:
        text = readme.read_text(encoding="utf-8")
    except OSError as error:
        raise click.ClickException(f"Cannot read {readme}: {error}") from None
    pattern = re.compile(re.escape(README_START) + ".*?" + re.escape(README_END), re.DOTALL)
    if not pattern.search(text):
        raise click.ClickException(
            f"{readme} has no evaluation section: add the lines {README_START} and "
            f"{README_END} where the figures belong."
        )
    replaced = pattern.sub(lambda _: f"{README_START}\n{body}\n{README_END}", text)
    readme.write_text(replaced, encoding="utf-8")
