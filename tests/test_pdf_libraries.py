"""A server without WeasyPrint's system libraries serves everything but the PDF, and says why."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Makes importing WeasyPrint fail as it does when Pango is not installed.
WITHOUT_PANGO = """
import sys

class NoPango:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0'")

sys.meta_path.insert(0, NoPango())
import app
print("app imported")
import services.printing.pdf
"""


def test_a_missing_pango_fails_only_the_pdf_and_names_the_debian_packages():
    result = subprocess.run(
        [sys.executable, "-c", WITHOUT_PANGO], cwd=ROOT, capture_output=True, text=True
    )
    assert result.stdout.strip() == "app imported"
    assert result.returncode != 0
    assert "ImportError: PDF printing needs Pango and HarfBuzz" in result.stderr
    assert "libpango-1.0-0, libpangoft2-1.0-0 and libharfbuzz-subset0" in result.stderr
