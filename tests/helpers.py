"""Helpers shared by the tests: parsed pages and API credentials."""

from __future__ import annotations

from bs4 import BeautifulSoup


def soup(response, status: int = 200) -> BeautifulSoup:
    """The response's HTML, parsed; fails unless the response has `status` (200 by default)."""
    assert response.status_code == status, (response.status_code, response.request.path)
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def bearer(token: str) -> dict[str, str]:
    """The Authorization header that presents an API token."""
    return {"Authorization": f"Bearer {token}"}
