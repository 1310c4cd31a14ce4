"""The reports in a real browser (Debian's chromium driven by Playwright): nothing fetched, nothing
broken, the diagram clickable, the search working, and hostile map text inert."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT
from test_report import PAYLOADS, hostile_map

from argmap.cli import main
from argmap.pdf import QUIET_FLAGS

CHROMIUM = os.environ.get("ARGMAP_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
ARGS = ["--no-sandbox", *QUIET_FLAGS]

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium", pytrace=False)
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)", allow_module_level=True)

sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Watched:
    """A page that records console messages, page errors, dialogs and every request."""

    def __init__(self, browser, url: str):
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.console, self.errors, self.dialogs, self.requests = [], [], [], []
        self.page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(url)
        self.page.wait_for_load_state("load")
        self.url = url

    def network(self) -> list[str]:
        """Requests other than the page itself."""
        return [u for u in self.requests if u != self.url]


def wait_until(page, expression: str, timeout: float = 5.0) -> None:
    """Poll a JavaScript expression from outside the page (the page's CSP forbids eval inside it)."""
    import time

    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout} s: {expression}")
        page.wait_for_timeout(50)


def write_report(map_path: Path, out: Path) -> str:
    result = CliRunner().invoke(main, ["report", str(map_path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out.as_uri()


def test_seed_report_in_chromium(browser, tmp_path):
    url = write_report(ROOT / "maps" / "greitens-2022-xi-jinpings-quest-for-order.yaml", tmp_path / "g.html")
    w = Watched(browser, url)
    page = w.page
    assert page.title() == "Xi Jinping's Quest for Order"

    # clicking a node of the diagram scrolls to its card and highlights it
    page.locator("#am_viewport g#gsi-extends-concept").click()
    card = page.locator("#card--gsi-extends-concept")
    wait_until(page, "document.querySelector('#card--gsi-extends-concept').classList.contains('flash')")
    wait_until(page, "Math.abs(document.querySelector('#card--gsi-extends-concept').getBoundingClientRect().top) < 200")
    assert card.is_visible()

    # the card's button highlights its node in the diagram
    page.locator("#card--transnational-repression-likely button.show").click()
    assert page.locator("#am_viewport g#transnational-repression-likely").get_attribute("class").endswith(" hl")

    # keyboard: a focused node opens its card with Enter
    page.locator("#am_viewport g#us-should-not-underestimate").focus()
    page.keyboard.press("Enter")
    wait_until(page, "document.activeElement.id === 'card--us-should-not-underestimate'")

    # the search box filters the cards
    total = page.locator(".card").count()
    page.fill("#am_search", "transnational repression")
    shown = page.locator(".card:not([hidden])")
    assert 0 < shown.count() < total
    texts = [shown.nth(i).get_attribute("data-search") or "" for i in range(shown.count())]
    assert all("transnational" in t and "repression" in t for t in texts)
    assert any("transnational repression" in t for t in texts)
    assert "cards shown" in page.locator("#am_count").inner_text()
    page.fill("#am_search", "")
    assert page.locator(".card:not([hidden])").count() == total

    # zoom buttons change the view
    before = page.locator("#am_viewport svg").get_attribute("viewBox")
    page.click("[data-zoom=in]")
    assert page.locator("#am_viewport svg").get_attribute("viewBox") != before

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "greitens-report.png"), full_page=False)
    assert w.errors == [] and w.console == [] and w.dialogs == []
    assert w.network() == []
    w.context.close()


def test_tag_filter(browser, tmp_path):
    from conftest import VALID, write_map

    text = VALID.replace("    type: fact\n", "    type: fact\n    tags: [transport]\n")
    url = write_report(write_map(tmp_path, text), tmp_path / "r.html")
    w = Watched(browser, url)
    w.page.select_option("#am_tag", "transport")
    assert [
        w.page.locator(".card:not([hidden])").nth(i).get_attribute("id")
        for i in range(w.page.locator(".card:not([hidden])").count())
    ] == ["card--faster"]
    assert w.errors == [] and w.network() == []
    w.context.close()


def test_hostile_map_text_stays_inert(browser, tmp_path):
    url = write_report(hostile_map(tmp_path), tmp_path / "hostile.html")
    w = Watched(browser, url)
    page = w.page
    assert page.evaluate("typeof window.pwned") == "undefined"
    body = page.locator("body").inner_text()
    assert PAYLOADS["script"] + " title" in page.title() + body
    assert PAYLOADS["img"] in body and PAYLOADS["svg"] in body and PAYLOADS["close"] in body
    assert PAYLOADS["css"] in body and PAYLOADS["dot"] in body
    assert page.evaluate("getComputedStyle(document.body).display") == "block"
    node_titles = page.evaluate("[...document.querySelectorAll('#am_viewport g.node')].map(g => g.id)")
    assert "x" not in node_titles and "y" not in node_titles
    assert page.locator("img").count() == 0
    assert page.locator("b").count() == 0
    for link in page.locator("a").all():
        assert not (link.get_attribute("href") or "").lower().startswith("javascript:")
    # clicking everything a reader can click still runs nothing of the map's
    for link in page.locator("a.q:visible, .card a:visible").all()[:20]:
        link.click()
    page.locator("#am_viewport g.node.claim").first.click()
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert w.dialogs == [] and w.errors == [] and w.network() == []
    w.context.close()


def test_site_index_in_chromium(browser, tmp_path):
    out = tmp_path / "site"
    result = CliRunner().invoke(main, ["build", str(ROOT / "maps"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    w = Watched(browser, (out / "index.html").as_uri())
    w.page.click("text=Xi Jinping's Quest for Order")
    w.page.wait_for_load_state("load")
    assert w.page.title() == "Xi Jinping's Quest for Order"
    assert w.errors == [] and w.console == []
    assert all(u.startswith("file://") for u in w.requests)
    w.context.close()


@pytest.mark.parametrize(
    "name, reject",
    [
        ("greitens-2022-xi-jinpings-quest-for-order", ["political-security-primacy-in-police", "gsi-extends-concept"]),
        ("maan-2024-chinas-total-national-security-paradigm", ["taiwan-pressure-intensified"]),
    ],
)
def test_what_if_in_the_page_matches_the_analysis(browser, tmp_path, name, reject):
    from argmap.load import load
    from argmap.semantics import evaluate

    path = ROOT / "maps" / f"{name}.yaml"
    m = load(path).map
    w = Watched(browser, write_report(path, tmp_path / "r.html"))
    page = w.page
    wait_until(page, "document.body.getAttribute('data-status-ready') === '1'")

    assert page_labels(page) == {k: v.value for k, v in evaluate(m).labels.items()}
    for node in reject:
        page.click(f'button[data-reject="{node}"]')
    expected = {k: v.value for k, v in evaluate(m, reject=reject).labels.items()}
    assert page_labels(page) == expected
    out_nodes = page.evaluate("[...document.querySelectorAll('#am_viewport g.node.st-out')].map(g => g.id)")
    assert sorted(out_nodes) == sorted(k for k, v in expected.items() if v == "out")
    assert "Rejected: " + ", ".join(reject) in page.locator("#am_whatif_state").inner_text()
    page.click("#am_whatif_reset")
    assert page_labels(page) == {k: v.value for k, v in evaluate(m).labels.items()}
    assert w.errors == [] and w.console == [] and w.network() == []
    w.context.close()


def page_labels(page) -> dict[str, str]:
    """Every status badge's label, by node id (a thesis has two badges: they must agree)."""
    pairs = page.evaluate(
        "[...document.querySelectorAll('[data-status-for]')]"
        ".map(b => [b.getAttribute('data-status-for'), b.textContent])"
    )
    found: dict[str, str] = {}
    for node, label in pairs:
        assert found.setdefault(node, label) == label, node
    return found


CARNEADES_EXAMPLES = [
    "tandem",
    "jogging2",
    "prakken-sartor-murder",
    "mandatory-sentences",
    "dung-reinstatement",
    "sherlock",
]


@pytest.mark.parametrize("name", CARNEADES_EXAMPLES)
def test_carneades_what_if_in_the_page_matches_python_for_every_single_rejection(browser, tmp_path, name):
    """The page's CAES evaluator and argmap.semantics.carneades agree on Carneades' own examples,
    with nothing rejected and with each claim and argument rejected in turn."""
    from argmap.load import load
    from argmap.semantics import evaluate

    path = tmp_path / f"{name}.yaml"
    source = ROOT / "tests" / "data" / "carneades-4" / f"{name}.yml"
    assert CliRunner().invoke(main, ["import", "carneades", str(source), "-o", str(path)]).exit_code == 0
    m = load(path).map
    w = Watched(browser, write_report(path, tmp_path / "r.html"))
    page = w.page
    wait_until(page, "document.body.getAttribute('data-status-ready') === '1'")
    assert page_labels(page) == {k: v.value for k, v in evaluate(m).labels.items()}
    for node in [*m.claims, *m.arguments]:
        button = page.locator(f'button[data-reject="{node}"]')
        button.click()
        assert page_labels(page) == {k: v.value for k, v in evaluate(m, reject=[node]).labels.items()}, node
        button.click()
    assert w.errors == [] and w.console == [] and w.network() == []
    w.context.close()
