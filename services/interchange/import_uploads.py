"""Uploaded import files kept between the dry-run preview and the editor's confirmation.

The file waits in a folder of the instance under a random name tied to the editor who sent
it; confirming takes it (once: a second confirmation finds nothing), and files left
unconfirmed are removed after a day.
"""

from __future__ import annotations

import json
import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{32}$")
KEPT_FOR_SECONDS = 24 * 3600


@dataclass
class Upload:
    content: bytes
    filename: str
    format: str | None


def _paths(folder: Path, user_id: int, token: str) -> tuple[Path, Path]:
    stem = folder / f"{user_id}-{token}"
    return stem.with_suffix(".upload"), stem.with_suffix(".json")


def keep(folder: Path, user_id: int, upload: Upload) -> str:
    """Store an upload for `user_id`; returns the token that names it."""
    folder.mkdir(parents=True, exist_ok=True)
    _forget_old(folder)
    token = secrets.token_urlsafe(24)
    data_path, meta_path = _paths(folder, user_id, token)
    data_path.write_bytes(upload.content)
    meta_path.write_text(json.dumps({"filename": upload.filename, "format": upload.format}))
    return token


def take(folder: Path, user_id: int, token: str) -> Upload | None:
    """The upload `user_id` stored under `token`, removed from the folder; None if there is
    none (already imported, expired, or someone else's)."""
    if not TOKEN_PATTERN.match(token or ""):
        return None
    data_path, meta_path = _paths(folder, user_id, token)
    try:
        content = data_path.read_bytes()
        meta = json.loads(meta_path.read_text())
    except (OSError, ValueError):
        return None
    data_path.unlink(missing_ok=True)
    meta_path.unlink(missing_ok=True)
    return Upload(content, meta.get("filename") or "", meta.get("format"))


def _forget_old(folder: Path) -> None:
    limit = time.time() - KEPT_FOR_SECONDS
    for path in folder.glob("*-*.*"):
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
        except OSError:
            pass
