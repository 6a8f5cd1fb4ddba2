"""Rendered files kept on disk for the next reader who asks for the same one: PDFs and
exports (issues #17 and #18).

A file's name says which dossier it shows and the dossier's last change, then a digest of
everything else that shapes it (the filters the code recognised, the paper, whether the
reader is signed in, the build of the code and the database). A write to a dossier moves its
last change, so its older files are never served again; they are deleted the next time a
file of that dossier is asked for or made, and the oldest files go first whenever the
folder grows past its budget (`RENDERED_FILES_MB`).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from flask import Flask, current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from db import engine_of
from models import Dossier
from services.reading.freshness import last_change


def register_file_cache(app: Flask) -> None:
    app.config.setdefault("RENDERED_FILES_DIR", os.path.join(app.instance_path, "rendered"))
    app.config.setdefault("RENDERED_FILES_MB", 256)


class FileCache:
    """A folder of files by name, bounded in bytes, oldest (least recently read) out."""

    def __init__(self, folder: str | Path, budget_bytes: int) -> None:
        self.folder = Path(folder)
        self.budget_bytes = budget_bytes

    def get(self, name: str) -> Path | None:
        path = self.folder / name
        try:
            os.utime(path)  # read now: the last to be thrown out
        except FileNotFoundError:
            return None
        return path

    def store(self, name: str, data: bytes) -> Path:
        return self._finish(name, self._write(lambda file: file.write(data)))

    def store_while_sending(self, name: str, chunks: Iterable[bytes]) -> Iterator[bytes]:
        """Pass `chunks` on while writing them to the file; it is kept only when complete."""
        self.folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".part")
        complete = False
        try:
            with os.fdopen(handle, "wb") as file:
                for chunk in chunks:
                    file.write(chunk)
                    yield chunk
            complete = True
        finally:
            if complete:
                self._finish(name, Path(temporary))
            else:
                Path(temporary).unlink(missing_ok=True)

    def forget_older(self, dossier_prefix: str, current_prefix: str) -> None:
        """Delete a dossier's files made before its last change."""
        for path in self.files():
            if path.name.startswith(dossier_prefix) and not path.name.startswith(current_prefix):
                path.unlink(missing_ok=True)

    def _write(self, write) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".part")
        with os.fdopen(handle, "wb") as file:
            write(file)
        return Path(temporary)

    def _finish(self, name: str, temporary: Path) -> Path:
        path = self.folder / name
        os.replace(temporary, path)  # atomic: a reader sees the whole file or none
        self._keep_within_budget()
        return path

    def files(self) -> list[Path]:
        if not self.folder.is_dir():
            return []
        return [path for path in self.folder.iterdir() if path.suffix != ".part"]

    def _keep_within_budget(self) -> None:
        files = []
        for path in self.files():
            try:
                files.append((path.stat(), path))
            except FileNotFoundError:
                continue
        total = sum(stat.st_size for stat, _ in files)
        for stat, path in sorted(files, key=lambda item: item[0].st_mtime):
            if total <= self.budget_bytes:
                break
            path.unlink(missing_ok=True)
            total -= stat.st_size


def rendered_files() -> FileCache:
    config = current_app.config
    return FileCache(config["RENDERED_FILES_DIR"], config["RENDERED_FILES_MB"] * 1024 * 1024)


def dossier_prefix(dossier: Dossier) -> str:
    return f"d{dossier.id}-"


def file_name(
    session: Session, dossier: Dossier, extension: str, shaped_by: dict[str, object]
) -> str:
    """The name of the file showing `dossier` now, as shaped by `shaped_by` (the recognised
    filters, the paper, whether the reader is signed in): nothing else varies it."""
    varies = repr(
        (
            current_app.config["BUILD_ID"],
            str(engine_of(current_app).url),
            dossier.visibility.value,
            sorted(shaped_by.items()),
        )
    )
    digest = hashlib.sha256(varies.encode()).hexdigest()[:24]
    return f"{current_prefix(session, dossier)}{digest}.{extension}"


def current_prefix(session: Session, dossier: Dossier) -> str:
    """The start of the name of every file showing the dossier as it is now."""
    return f"{dossier_prefix(dossier)}{last_change(session, dossier).strftime('%Y%m%d%H%M%S%f')}-"


def forget_stale_files(session: Session) -> None:
    """Delete every file made before its dossier's last change, or of a dossier gone: a
    claim since deleted or a dossier since made private stays on disk no longer than this
    takes to run again (the PDF worker runs it every minute, and after each PDF)."""
    current = {
        dossier_prefix(dossier): current_prefix(session, dossier)
        for dossier in session.scalars(select(Dossier))
    }
    cache = rendered_files()
    for path in cache.files():
        dossier_part = path.name.split("-", 1)[0] + "-"
        if not path.name.startswith(current.get(dossier_part, "\0")):
            path.unlink(missing_ok=True)
