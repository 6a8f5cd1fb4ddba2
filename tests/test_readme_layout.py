"""The README's layout table names every top-level folder and file of the project, and every
package of services/: a newcomer reads the tree from it, so it must not drift."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _layout_table() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme.split("## Layout", 1)[1].split("\n## ", 1)[0]


def _tracked_top_level() -> set[str]:
    files = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    if not files:  # not a git checkout (an unpacked archive): read the folder instead
        return {path.name for path in ROOT.iterdir() if not path.name.startswith(".")}
    return {name.split("/", 1)[0] + ("/" if "/" in name else "") for name in files}


def test_every_top_level_entry_is_in_the_layout_table():
    named = set(re.findall(r"`([^`]+)`", _layout_table()))
    skip = {"README.md", "SECURITY.md", "Makefile", ".gitignore", ".ci/"}
    missing = sorted(entry for entry in _tracked_top_level() - skip if entry not in named)
    assert missing == [], f"README layout table lacks {missing}"


def test_every_services_package_is_named_in_the_layout_table():
    table = _layout_table()
    packages = sorted(
        path.name for path in (ROOT / "services").iterdir() if (path / "__init__.py").exists()
    )
    assert packages and all(f"`{name}/`" in table for name in packages), packages


def test_every_services_package_says_what_it_owns():
    for init in (ROOT / "services").glob("*/__init__.py"):
        docstring = init.read_text(encoding="utf-8").strip()
        assert docstring.startswith('"""') and len(docstring) > 60, init


def test_no_module_outside_tests_and_migrations_is_over_400_lines():
    """Files that fit in a head (STYLE.md): a module past 400 lines holds more than one thing."""
    long = {
        str(path.relative_to(ROOT)): lines
        for path in ROOT.rglob("*.py")
        if not {"tests", "migrations", ".venv", ".venv-bench", "node_modules"}
        & set(path.relative_to(ROOT).parts)
        and (lines := len(path.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert long == {}
