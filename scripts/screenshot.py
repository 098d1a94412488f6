"""The README's screenshot of the review site: a document page with one record
clicked. Usage: screenshot.py OUT_DIR PNG (`make screenshot`)."""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from browser import CHROMIUM, FLAGS  # noqa: E402  (one launch configuration for tests and this)


def main(out_dir: Path, png: Path) -> None:
    page_path = (out_dir / "review" / "doc" / "00000.html").resolve()
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        page.goto(page_path.as_uri())
        page.locator("mark[data-record]").nth(4).click()
        page.locator("mark.active").first.scroll_into_view_if_needed()
        page.evaluate("window.scrollBy(0, -220)")
        png.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(png))
        browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
