"""gunicorn.conf.py, which gunicorn reads from the working directory."""

from __future__ import annotations

import gc
import runpy
from pathlib import Path

CONFIG = Path(__file__).resolve().parent.parent / "gunicorn.conf.py"


def test_a_started_worker_freezes_the_app_out_of_garbage_collection():
    hooks = runpy.run_path(str(CONFIG))
    gc.unfreeze()
    try:
        hooks["post_worker_init"](worker=None)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
