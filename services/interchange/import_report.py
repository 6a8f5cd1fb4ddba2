"""What an import did, row by row: created, updated, unchanged, refused and skipped, in the
file's order, for the CLI's report and the import form's preview."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

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
        parts = [
            f"{counts[kind]} {_plural(kind, counts[kind])}" for kind in KINDS if kind in counts
        ]
        return ", ".join(parts) or "nothing"


def _plural(kind: str, count: int) -> str:
    if count == 1:
        return kind
    return "entities" if kind == "entity" else kind + "s"
