"""What an import did, row by row: created, updated, unchanged, refused and skipped, in the
file's order, for the CLI's report and the import form's preview."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from i18n import _, ngettext

KINDS = ("dossier", "source", "entity", "claim")


@dataclass
class Rejection:
    where: str
    field: str | None
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.field + ' ' if self.field else ''}{self.reason}"


@dataclass
class ImportReport:
    dossier: str
    format: str
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)
    rejections: list[Rejection] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # (what happens, kind, label) for each row written, in file order, for a preview.
    changes: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.rejections

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def count(self, action: str, kind: str, label: str) -> None:
        counts = {"created": self.created, "updated": self.updated}.get(action, self.unchanged)
        counts[kind] = counts.get(kind, 0) + 1
        if action != "unchanged":
            self.changes.append((action, kind, label))

    def reject(self, where: str, errors: Mapping[str, str] | str) -> None:
        if isinstance(errors, str):
            self.rejections.append(Rejection(where, None, errors))
            return
        for name, message in errors.items():
            self.rejections.append(Rejection(where, name, message))

    def describe(self, counts: dict[str, int]) -> str:
        """ "2 claims, 1 source", in the reader's language."""
        parts = [_counted(kind, counts[kind]) for kind in KINDS if kind in counts]
        return ", ".join(parts) or _("nothing")


def _counted(kind: str, count: int) -> str:
    if kind == "dossier":
        return ngettext("%(total)s dossier", "%(total)s dossiers", count, total=count)
    if kind == "source":
        return ngettext("%(total)s source", "%(total)s sources", count, total=count)
    if kind == "entity":
        return ngettext("%(total)s entity", "%(total)s entities", count, total=count)
    return ngettext("%(total)s claim", "%(total)s claims", count, total=count)
