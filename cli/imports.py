"""`flask import FILE --dossier SLUG`: bring a Claimline JSON, CSV or TimelineJS file in."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext

from db import get_session
from services.interchange import formats, imports
from services.interchange.formats import FormatError
from services.interchange.import_report import ImportReport
from services.interchange.imports import ImportRefused


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dossier", "slug", required=True, help="The dossier to import into; created "
              "when missing (so another dossier's export makes a copy).")  # fmt: skip
@click.option("--dry-run", is_flag=True, help="Show what would change, and change nothing.")
@click.option(
    "--format",
    "format_name",
    type=click.Choice(formats.FORMATS),
    default=None,
    help="json (a Claimline export), csv (its columns) or timelinejs (a TimelineJS sheet "
    "as CSV, or TimelineJS JSON). Default: told from the file's name and content.",
)
@with_appcontext
def import_command(file: Path, slug: str, dry_run: bool, format_name: str | None) -> None:
    """Import FILE into a dossier: every row checked, all or nothing; importing the same
    file again changes nothing."""
    session = get_session()
    try:
        # Open for the whole import: a JSON file's claims are read as they are imported.
        with file.open("rb") as stream:
            document = formats.read(stream, file.name, format_name)
            report = imports.run(session, document, slug, user=None)
    except (FormatError, ImportRefused) as error:
        session.rollback()
        raise click.ClickException(f"{error} Nothing was imported.") from None
    if dry_run or not report.ok:
        session.rollback()
    else:
        session.commit()
    for line in report_lines(report, dry_run):
        click.echo(line)
    if not report.ok:
        raise click.ClickException(
            f"Nothing was imported: {len(report.rejections)} problem"
            f"{'' if len(report.rejections) == 1 else 's'} to fix first (listed above)."
        )


def report_lines(report: ImportReport, dry_run: bool) -> list[str]:
    """The report as the console shows it."""
    would = "would be " if dry_run or not report.ok else ""
    lines = [
        f"{'Dry run, nothing saved. ' if dry_run else ''}{report.format} file into dossier "
        f"{report.dossier!r}:",
        f"  {would}created: {report.describe(report.created)}",
        f"  {would}updated: {report.describe(report.updated)}",
        f"  unchanged: {report.describe(report.unchanged)}",
    ]
    if report.rejections:
        lines.append(f"Rejected ({len(report.rejections)}):")
        lines.extend(f"  {rejection}" for rejection in report.rejections)
    if report.skipped:
        lines.append(f"Skipped ({len(report.skipped)}):")
        lines.extend(f"  {where}: {reason}" for where, reason in report.skipped)
    lines.extend(f"Note: {note}" for note in report.notes)
    return lines
