"""Loading a dossier from a human-edited YAML file in seeds/, idempotently.

The file is read by `formats.seed_yaml` and loaded by the import pipeline
(`services.interchange.imports`), so a seed accepts what the forms and the API accept.
Running it twice changes nothing; editing the file and running it again updates the rows,
each change a revision. Every entry is checked before the caller commits, and an error names
the file, the entry and the field; the caller commits only when the whole file loaded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from services.interchange import imports
from services.interchange.formats import seed_yaml
from services.interchange.formats.seed_yaml import SeedError
from services.interchange.import_report import ImportReport

__all__ = ["SeedError", "SeedReport", "load_file", "seed_files"]


@dataclass
class SeedReport:
    """What loading one file created and updated, by kind of row."""

    dossier: str
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    def __str__(self) -> str:
        def describe(counts: dict[str, int]) -> str:
            return ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items())) or "nothing"

        return f"{self.dossier}: created {describe(self.created)}; updated {describe(self.updated)}"


def load_file(session: Session, path: Path) -> SeedReport:
    """Create or update the dossier described by the file at `path`. Flushes, never commits;
    raises SeedError, after which the caller must roll back."""
    slug, document = seed_yaml.read(path)
    try:
        report = imports.run(session, document, slug, user=None)
    except imports.ImportRefused as error:
        raise SeedError(path, "dossier", "slug", str(error)) from None
    if report.rejections:
        raise _refusal(path, report)
    return SeedReport(dossier=slug, created=dict(report.created), updated=dict(report.updated))


def _refusal(path: Path, report: ImportReport) -> SeedError:
    """The first refused entry, one line per wrong field. Later refusals are only counted:
    they often follow from the first (claims citing a source that was refused)."""
    first = report.rejections[0]
    lines = [
        str(SeedError(path, rejection.where, rejection.field, rejection.reason))
        for rejection in report.rejections
        if rejection.where == first.where
    ]
    others = {rejection.where for rejection in report.rejections} - {first.where}
    if others:
        lines.append(f"({len(others)} more entries were refused, perhaps because of this one.)")
    error = SeedError(path, first.where, first.field, first.reason)
    error.args = ("\n".join(lines),)
    return error


def seed_files(directory: Path) -> list[Path]:
    """The seed files of `directory`, in name order."""
    return sorted(directory.glob("*.yaml"))
