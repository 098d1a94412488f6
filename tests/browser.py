"""Debian's chromium driven by playwright, for the review site's tests and the
README screenshot. The browser is the system's (make installs it), never one
that playwright downloads."""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
# No network: nothing the browser does by itself (updates, sync, field trials).
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


def missing_reason() -> str | None:
    """Why the browser cannot run here, or None."""
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "playwright is not installed (run `make test`)"
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (`make test` installs it)"
    return None


@contextmanager
def chromium_page(width: int = 1280, height: int = 800):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        try:
            yield browser.new_page(viewport={"width": width, "height": height})
        finally:
            browser.close()


def in_ci() -> bool:
    return bool(os.environ.get("CI"))
