"""The reading view in a real browser (Debian's chromium driven by Playwright): the outline as a
tree that works by keyboard, the essay beside it, deep links, the overview legible at 1440 px, pan
and zoom on the full diagram, print, and no axe-core violation at 1440 and 390 px."""

from __future__ import annotations

import json
import os

import pytest
from conftest import ROOT, write_map
from test_browser import ARGS, ARTIFACTS, CHROMIUM, page_labels, wait_until, write_report
from test_outline import SMALL

GREITENS = ROOT / "maps" / "greitens-2022-xi-jinpings-quest-for-order.yaml"
MAAN = ROOT / "maps" / "maan-2024-chinas-total-national-security-paradigm.yaml"
AXE = ROOT / "build" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}

sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def greitens(tmp_path_factory) -> str:
    return write_report(GREITENS, tmp_path_factory.mktemp("g") / "greitens.html")


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("small")
    return write_report(write_map(folder, SMALL), folder / "small.html")


class Page:
    """A page at a viewport size, with its errors and requests recorded."""

    def __init__(self, browser, url: str, viewport=DESKTOP, **context):
        self.context = browser.new_context(viewport=viewport, **context)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(f"{m.type}: {m.text}"))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(url)
        self.page.wait_for_load_state("load")
        wait_until(self.page, "document.body.getAttribute('data-reading-ready') === '1'")
        self.base = url

    def js(self, expression: str):
        return self.page.evaluate(expression)

    def close(self) -> None:
        assert self.errors == []
        assert all(u.split("#")[0] == self.base.split("#")[0] for u in self.requests), self.requests
        self.context.close()


MEDIAN = """() => {
  const svg = [...document.querySelectorAll('svg.gv')].find(s => s.getBoundingClientRect().height > 0);
  const heights = [...svg.querySelectorAll('g.node.claim text')].map(t => t.getBoundingClientRect().height)
    .sort((a, b) => a - b);
  return {section: svg.closest('section').id, count: heights.length, median: heights[Math.floor(heights.length / 2)]};
}"""


def axe_violations(page) -> list[dict]:
    if not AXE.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{AXE} is missing: .ci/run runs 'make axe'", pytrace=False)
        pytest.skip(f"axe-core is not installed at {AXE} (run 'make axe')")
    page.evaluate(AXE.read_text(encoding="utf-8"))  # run from outside the page: its CSP allows no script
    return page.evaluate(
        "axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map(v => "
        "({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))})))"
    )


@pytest.mark.parametrize(
    "viewport, scheme", [(DESKTOP, "light"), (PHONE, "light"), (DESKTOP, "dark")], ids=["1440x900", "390x844", "dark"]
)
def test_greitens_has_a_tree_a_legible_overview_and_no_axe_violation(browser, greitens, viewport, scheme):
    w = Page(browser, greitens, viewport, color_scheme=scheme)
    page = w.page
    assert page.locator("[role=tree]").count() == 1 and page.locator("[role=tree]").is_visible()
    assert page.locator("[role=treeitem]").first.is_visible()
    first = w.js(MEDIAN)
    assert first["section"] == "am_overview" and first["count"] > 20  # the first diagram shown is the overview
    if viewport == DESKTOP:
        assert first["median"] >= 9, first
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"reading-{viewport['width']}-{scheme}.png"))
    assert axe_violations(page) == []
    # opened up and with a claim selected, too
    page.click("#am_expand_all")
    page.locator("#t--gsi-extends-concept").click()
    assert axe_violations(page) == []
    w.close()


@pytest.mark.parametrize("path", [GREITENS, MAAN], ids=lambda p: p.stem)
def test_the_first_diagram_is_legible_at_1440(browser, path, tmp_path):
    w = Page(browser, write_report(path, tmp_path / "r.html"))
    first = w.js(MEDIAN)
    assert first["section"] == "am_overview" and first["median"] >= 9, first
    w.close()


def state(w: Page) -> dict:
    return w.js(
        """({focused: document.activeElement.id.replace(/^t--/, '') || document.activeElement.dataset.ref || '',
        selected: [...document.querySelectorAll('[role=treeitem][aria-selected=true]')]
          .map(e => e.id.replace(/^t--/, '') || e.dataset.ref || ''),
        tabbable: [...document.querySelectorAll('[role=treeitem][tabindex="0"]')].length,
        hash: location.hash})"""
    )


def expanded(w: Page, item_id: str) -> str | None:
    return w.page.get_attribute(f"#t--{item_id}", "aria-expanded")


def test_the_tree_by_keyboard(browser, small):
    w = Page(browser, small)
    page = w.page
    levels = w.js(
        "[...document.querySelectorAll('[role=treeitem]')].slice(0, 4).map(e => "
        "[e.getAttribute('aria-level'), e.getAttribute('aria-posinset'), e.getAttribute('aria-setsize')])"
    )
    assert levels == [["1", "1", "2"], ["2", "1", "3"], ["3", "1", "2"], ["4", "1", "1"]]
    page.focus("#t--extend")

    def press(key: str, focused: str) -> None:
        page.keyboard.press(key)
        now = state(w)
        assert now["focused"] == focused, (key, now)
        assert now["selected"] == [focused] and now["tabbable"] == 1  # selection follows focus; one tab stop

    press("ArrowDown", "policy")
    assert state(w)["hash"] == "#policy"  # the address follows the selection
    press("ArrowDown", "gains")
    assert expanded(w, "gains") == "false"
    press("ArrowRight", "gains")
    assert expanded(w, "gains") == "true"
    press("ArrowRight", "benefit")
    press("ArrowLeft", "gains")  # a closed node: up to its parent
    press("ArrowLeft", "gains")  # an open node: closed
    assert expanded(w, "gains") == "false"
    press("ArrowLeft", "policy")
    press("ArrowUp", "extend")
    press("ArrowUp", "extend")  # the first stays first
    press("End", "")  # the last visible row: the claims no thesis reaches
    assert w.js("document.activeElement.classList.contains('group')")
    press("Home", "extend")
    page.keyboard.type("wh")  # type-ahead, by the claim's first letters
    assert state(w)["focused"] == "worth-it"
    page.keyboard.type("s")
    assert state(w)["focused"] == "worth-it"  # "whs" begins no claim
    page.wait_for_timeout(800)  # a pause starts a new search
    page.keyboard.type("s")
    assert state(w)["focused"] == "happier"  # the reference to it (under 'mood')
    press("Enter", "happier")  # a reference leads to the claim in full
    assert w.js("document.activeElement.id") == "t--happier" and expanded(w, "gains") == "true"
    press("ArrowUp", "faster")
    page.locator("#am_collapse_all").click()
    page.locator("#t--extend").click()
    page.keyboard.press("ArrowRight")
    page.locator("#t--mood").click()
    page.keyboard.press("ArrowRight")
    page.locator('[data-ref="happier"] .note').click()  # "(shown in full above)" leads there too
    assert state(w)["focused"] == "happier" and w.js("document.activeElement.id") == "t--happier"
    page.focus("#t--worth-it")
    page.keyboard.press("*")  # opens every sibling
    assert expanded(w, "gains") == "true"
    page.keyboard.press("Tab")  # one tab stop: Tab leaves the tree
    assert not w.js("!!document.activeElement.closest('[role=tree]')")
    w.close()


def in_pane(w: Page, selector: str, pane: str = "#am_essay") -> bool:
    return w.js(
        f"""(() => {{ const a = document.querySelector('{selector}').getBoundingClientRect(),
        p = document.querySelector('{pane}').getBoundingClientRect();
        return a.top >= p.top && a.bottom <= p.bottom; }})()"""
    )


def test_the_essay_follows_the_outline_and_the_outline_the_essay(browser, greitens):
    w = Page(browser, greitens)
    page = w.page
    page.click("#am_expand_all")
    page.locator("#t--transnational-repression-likely").click()
    quote = 'a.q.hl[data-claims~="transnational-repression-likely"]'
    assert page.locator(quote).count() == 1
    wait_until(page, f"document.querySelector('#am_essay').scrollTop > 0 && !!document.querySelector('{quote}')")
    assert in_pane(w, quote)
    # an argument's own words are highlighted in their own style
    page.locator("#t--signs-point-to-gsi").click()
    assert w.js("[...document.querySelectorAll('#am_essay .hl-inf')].map(a => a.textContent)") == [
        "This effort appears to center on"
    ]
    assert w.js("getComputedStyle(document.querySelector('#am_essay .hl-inf')).backgroundColor") != w.js(
        "getComputedStyle(document.querySelector('#am_essay a.q:not(.hl):not(.hl-inf)')).backgroundColor"
    )
    # a passage selects its claim; again, the next thing these words stand for
    passage = page.locator('#am_essay a.q[data-claims="gsi-extends-concept"][data-arguments]')
    passage.click()
    assert state(w)["selected"] == ["gsi-extends-concept"] and state(w)["hash"] == "#gsi-extends-concept"
    assert in_pane(w, "#t--gsi-extends-concept", "#am_outline")
    passage.click()
    assert state(w)["selected"] == ["signs-point-to-gsi"]
    w.close()


def test_deep_links_open_the_outline_there(browser, greitens):
    w = Page(browser, greitens + "#police-activity-expanding")
    now = state(w)
    assert now["focused"] == "police-activity-expanding" and now["selected"] == ["police-activity-expanding"]
    assert w.js("document.querySelector('#t--police-activity-expanding').checkVisibility()")  # ancestors opened
    assert in_pane(w, "#t--police-activity-expanding", "#am_outline")
    assert in_pane(w, 'a.q.hl[data-claims~="police-activity-expanding"]')
    assert abs(w.js("document.querySelector('#am_reading').getBoundingClientRect().top")) < 5
    w.close()
    w = Page(browser, greitens + "#signs-point-to-gsi")  # an argument
    assert state(w)["selected"] == ["signs-point-to-gsi"]
    assert in_pane(w, "#am_essay .hl-inf")
    w.page.goto(greitens + "#card--gsi-bridge")  # the old anchors still lead where they did
    wait_until(w.page, "Math.abs(document.querySelector('#card--gsi-bridge').getBoundingClientRect().top) < 50")
    w.page.goto(greitens + "#q--gsi-bridge--0")
    wait_until(w.page, "document.querySelector('#t--gsi-bridge').getAttribute('aria-selected') === 'true'")
    assert in_pane(w, "#q--gsi-bridge--0")
    w.close()


def test_the_overview_opens_a_folded_claim_and_goes_back(browser, greitens):
    w = Page(browser, greitens)
    page = w.page
    page.locator("#am_overview").scroll_into_view_if_needed()
    assert w.js("[...document.querySelectorAll('.ov-view')].filter(v => !v.hidden).map(v => v.dataset.key)") == ["_top"]
    page.locator("#ov0--concept-is-regime-security").click()
    shown = w.js("[...document.querySelectorAll('.ov-view')].filter(v => !v.hidden).map(v => v.dataset.key)")
    assert shown == ["concept-is-regime-security"]
    assert page.locator("#am_ov_path li").all_inner_texts() == [
        "The theses",
        "The comprehensive national security concept…",
    ]
    assert state(w)["selected"] == ["concept-is-regime-security"]  # and the outline shows where it is
    number = w.js("document.querySelector('.ov-view:not([hidden])').id.split('--')[1]")
    page.locator(f"#ov{number}--political-security-defined").click()  # a box with nothing folded: selected
    assert state(w)["selected"] == ["political-security-defined"]
    page.keyboard.press("Escape")
    assert w.js("document.querySelector('.ov-view:not([hidden])').dataset.key") == "_top"
    page.locator("#ov0--_more").focus()
    page.keyboard.press("Enter")
    assert w.js("document.querySelector('.ov-view:not([hidden])').dataset.key") == "_more"
    page.locator("#am_ov_path button").click()
    assert w.js("document.querySelector('.ov-view:not([hidden])').dataset.key") == "_top"
    w.close()


def view_box(w: Page) -> list[float]:
    return [float(x) for x in w.page.get_attribute("#am_viewport svg", "viewBox").split()]


def test_the_full_diagram_pans_and_zooms_by_mouse_touch_and_keyboard(browser, greitens):
    w = Page(browser, greitens, has_touch=True)
    page = w.page
    viewport = page.locator("#am_viewport")
    viewport.scroll_into_view_if_needed()
    box = viewport.bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    start = view_box(w)
    page.mouse.move(cx, cy)
    page.mouse.wheel(0, -200)  # the wheel zooms in
    wheeled = view_box(w)
    assert wheeled[2] < start[2]
    page.mouse.down()
    page.mouse.move(cx + 120, cy + 60, steps=5)
    page.mouse.up()
    dragged = view_box(w)
    assert dragged[2] == wheeled[2] and dragged[0] < wheeled[0] and dragged[1] < wheeled[1]  # a drag pans
    viewport.focus()
    page.keyboard.press("0")
    assert view_box(w) == start  # 0 fits
    page.keyboard.press("+")
    assert view_box(w)[2] < start[2]
    page.keyboard.press("ArrowRight")
    assert view_box(w)[0] > start[0]
    page.keyboard.press("0")
    # two fingers moving apart zoom in (touch events, as a phone sends them)
    cdp = w.context.new_cdp_session(page)

    def touch(kind: str, points: list[tuple[float, float]]) -> None:
        cdp.send(
            "Input.dispatchTouchEvent",
            {"type": kind, "touchPoints": [{"x": x, "y": y, "id": i} for i, (x, y) in enumerate(points)]},
        )

    touch("touchStart", [(cx - 30, cy), (cx + 30, cy)])
    for spread in (50, 80, 110, 140):
        touch("touchMove", [(cx - spread, cy), (cx + spread, cy)])
    touch("touchEnd", [])
    pinched = view_box(w)
    assert pinched[2] < start[2] / 3, (pinched, start)
    w.close()


def test_on_a_phone_the_essay_is_stacked_under_the_outline_behind_a_toggle(browser, greitens):
    w = Page(browser, greitens, PHONE)
    page = w.page
    toggle = page.locator("#am_essay_toggle")
    assert toggle.get_attribute("aria-pressed") == "false" and not page.locator("#am_essay").is_visible()
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true" and page.locator("#am_essay").is_visible()
    outline, essay = page.locator("#am_outline").bounding_box(), page.locator("#am_essay").bounding_box()
    assert essay["y"] >= outline["y"] + outline["height"]  # stacked
    assert outline["width"] <= 390 and essay["width"] <= 390
    assert w.js("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone
    page.locator("#t--xi-applies-framework-abroad").click()
    assert in_pane(w, 'a.q.hl[data-claims~="xi-applies-framework-abroad"]')
    w.close()


def test_the_what_if_reaches_the_outline(browser, greitens):
    from argmap.load import load
    from argmap.semantics import evaluate

    m = load(GREITENS).map
    w = Page(browser, greitens)
    page = w.page
    page.locator("#t--gsi-extends-concept").click()
    page.click("#am_sel_reject")
    assert page.get_attribute("#am_sel_reject", "aria-pressed") == "true"
    expected = {k: v.value for k, v in evaluate(m, reject=["gsi-extends-concept"]).labels.items()}
    assert page_labels(page) == expected
    outline = w.js(
        "Object.fromEntries([...document.querySelectorAll('[role=treeitem][id]')].map(e => "
        "[e.id.slice(3), e.querySelector('.badge.status').textContent]))"
    )
    assert outline == expected
    assert w.js("document.querySelector('#t--xi-applies-framework-abroad').classList.contains('changed')") == (
        expected["xi-applies-framework-abroad"] != evaluate(m).labels["xi-applies-framework-abroad"].value
    )
    w.close()


def test_print_opens_the_whole_outline_and_hides_the_controls(browser, greitens):
    w = Page(browser, greitens)
    page = w.page
    page.emulate_media(media="print")
    hidden_groups = w.js(
        "[...document.querySelectorAll('#am_tree [role=group]')].filter(g => !g.checkVisibility()).length"
    )
    assert hidden_groups == 0
    for control in ("#am_expand_all", "#am_essay_toggle", ".ov-bar", "[data-zoom]", "#am_search"):
        assert not page.locator(control).first.is_visible(), control
    assert page.locator("#am_essay").is_visible()
    views = w.js("[...document.querySelectorAll('.ov-view')].filter(v => v.checkVisibility()).length")
    assert views == w.js("document.querySelectorAll('.ov-view').length")
    w.close()


def test_the_data_for_the_overview_names_its_views(browser, small):
    w = Page(browser, small)
    data = json.loads(w.js("document.getElementById('am_data').textContent"))
    assert data["views"] == [
        {"key": "_top", "parent": None, "opens": {"_more": "_more"}},
        {"key": "_more", "parent": "_top", "opens": {}},
    ]
    w.close()
