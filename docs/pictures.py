"""The screenshots in docs/ of the seed maps' reports (`make pictures`): the overview, the outline, and
the outline beside the essay, each at 1440 x 900 in headless Chromium (Debian's, through Playwright;
$ARGMAP_CHROMIUM names another).

    python docs/pictures.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from argmap.pdf import QUIET_FLAGS
from argmap.site import build_report

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
CHROMIUM = os.environ.get("ARGMAP_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", *QUIET_FLAGS]
MAPS = {
    # short name: (map file, the claim selected in the outline, the claims opened around it)
    "greitens": (
        "greitens-2022-xi-jinpings-quest-for-order.yaml",
        "transnational-repression-likely",
        ["gsi-amplifies-police-outreach"],
    ),
    "maan": (
        "maan-2024-chinas-total-national-security-paradigm.yaml",
        "taiwan-raises-spectre",
        ["miscalculation-risk"],
    ),
}


def settle(page: Page, selector: str) -> None:
    """Scroll selector to the top of the window, at once, and let the page draw."""
    page.evaluate(f"document.querySelector('{selector}').scrollIntoView({{block: 'start', behavior: 'instant'}})")
    page.wait_for_timeout(200)


def shoot(page: Page, url: str, name: str, selected: str, opened: list[str]) -> None:
    page.goto(f"{url}#{selected}")
    page.wait_for_function("document.body.getAttribute('data-reading-ready') === '1'")
    for claim in opened:
        page.evaluate(f"document.querySelector('#t--{claim}').setAttribute('aria-expanded', 'true')")
    settle(page, "#am_reading")
    page.screenshot(path=str(DOCS / f"{name}-side-by-side.png"))
    page.click("#am_essay_toggle")
    page.click("#am_collapse_all")
    page.focus("#am_tree [role=treeitem]")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("*")  # the thesis's arguments, each open
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("*")
    page.mouse.move(0, 0)
    settle(page, "#am_reading")
    page.screenshot(path=str(DOCS / f"{name}-outline.png"))
    page.goto(url)  # the overview as it opens, nothing selected
    page.wait_for_function("document.body.getAttribute('data-reading-ready') === '1'")
    settle(page, "#am_overview")
    page.screenshot(path=str(DOCS / f"{name}-overview.png"))


def main() -> None:
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        for name, (map_file, selected, opened) in MAPS.items():
            html, _ = build_report(ROOT / "maps" / map_file)
            out = Path(folder) / f"{name}.html"
            out.write_text(html, encoding="utf-8")
            shoot(page, out.as_uri(), name, selected, opened)
            print(f"wrote docs/{name}-side-by-side.png, docs/{name}-outline.png, docs/{name}-overview.png")
        browser.close()


if __name__ == "__main__":
    sys.exit(main())
