"""Rendered files kept on disk for the next reader who asks for the same one: PDFs and
exports (issues #17 and #18).

A file's name says which dossier it shows and the dossier's last change, then a digest of
everything else that shapes it (the filters the code recognised, the paper, the language a
PDF prints in, whether the reader is signed in, the build of the code and the database). A
write to a dossier moves its last change, so its older files are never served again; they
are deleted the next time a file of that dossier is asked for or made, and the oldest files
go first whenever the folder grows past its budget (`RENDERED_FILES_MB`).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from flask import Flask, Response, current_app, request, send_file
from sqlalchemy import select
from sqlalchemy.orm import Session

from db import engine_of, get_session
from models import Dossier
from services.reading.freshness import last_change
from web.access import signed_in
from web.heavy_requests import hold_heavy_slot


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

    def store_chunks(self, name: str, chunks: Iterable[bytes]) -> Path:
        """Write `chunks` as they come (never the whole file in memory); kept when complete."""

        def write(file) -> None:
            for chunk in chunks:
                file.write(chunk)

        return self._finish(name, self._write(write))

    def forget_older(self, dossier_prefix: str, current_prefix: str) -> None:
        """Delete a dossier's files made before its last change."""
        for path in self.files():
            if path.name.startswith(dossier_prefix) and not path.name.startswith(current_prefix):
                path.unlink(missing_ok=True)

    def _write(self, write) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".part")
        try:
            with os.fdopen(handle, "wb") as file:
                write(file)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return Path(temporary)

    def _finish(self, name: str, temporary: Path) -> Path:
        path = self.folder / name
        os.replace(temporary, path)  # atomic: a reader sees the whole file or none
        self._keep_within_budget(keep=path)
        return path

    def files(self) -> list[Path]:
        if not self.folder.is_dir():
            return []
        return [path for path in self.folder.iterdir() if path.suffix != ".part"]

    def _keep_within_budget(self, keep: Path) -> None:
        files = []
        for path in self.files():
            if path == keep:  # the file just made, even when larger than the budget
                continue
            try:
                files.append((path.stat(), path))
            except FileNotFoundError:
                continue
        total = keep.stat().st_size + sum(stat.st_size for stat, _ in files)
        for stat, path in sorted(files, key=lambda item: item[0].st_mtime):
            if total <= self.budget_bytes:
                break
            path.unlink(missing_ok=True)
            total -= stat.st_size


def dossier_file_response(
    dossier: Dossier,
    extension: str,
    mimetype: str,
    shaped_by: dict[str, object],
    make_chunks: Callable[[], Iterable[str]],
) -> Response:
    """The file as kept for an earlier reader, or made now by `make_chunks` while it is
    kept (the request then holds a heavy slot and counts as an export); sent from disk.
    304 when the client holds this version already."""
    session, cache = get_session(), rendered_files()
    cache.forget_older(dossier_prefix(dossier), current_prefix(session, dossier))
    name = file_name(session, dossier, extension, shaped_by)
    etag = name.rsplit(".", 1)[0]
    if request.if_none_match.contains(etag):
        response = Response(status=304)
    else:
        if (path := cache.get(name)) is None:
            hold_heavy_slot("export")
            path = cache.store_chunks(name, (chunk.encode() for chunk in make_chunks()))
        response = kept_file_response(path, mimetype)
    response.set_etag(etag)
    response.headers["Cache-Control"] = "private, no-store" if signed_in() else "public, no-cache"
    return response


def kept_file_response(path: Path, mimetype: str) -> Response:
    """A kept file, sent as it is (not compressed again: web/caching.py). Under a WSGI server
    that offers it, by the kernel (gunicorn's sendfile): a 30 MB export costs the worker
    next to nothing. Elsewhere (the test client, which does not close what it is given)
    a chunk at a time from a file opened only while it is read."""
    if "wsgi.file_wrapper" in request.environ:
        response = send_file(path, mimetype=mimetype, conditional=False, etag=False)
    else:
        response = Response(_read_in_chunks(path), mimetype=mimetype)
    response.direct_passthrough = True
    return response


def _read_in_chunks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as file:
        while chunk := file.read(64 * 1024):
            yield chunk


def rendered_files() -> FileCache:
    config = current_app.config
    return FileCache(config["RENDERED_FILES_DIR"], config["RENDERED_FILES_MB"] * 1024 * 1024)


def dossier_prefix(dossier: Dossier) -> str:
    return f"d{dossier.id}-"


def file_name(
    session: Session, dossier: Dossier, extension: str, shaped_by: dict[str, object]
) -> str:
    """The name of the file showing `dossier` now, as shaped by `shaped_by` (the recognised
    filters, the paper, whether the reader is signed in, a PDF's language): nothing else
    varies it."""
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
