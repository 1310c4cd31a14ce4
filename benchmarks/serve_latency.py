"""Save -> page reloaded with `argmap serve`, measured in a real browser (Debian's chromium, Playwright).

The map and its essay are copied into a temporary folder; `argmap serve MAP` runs there; chromium opens
the page; then the map is saved with one claim's text changed, and the clock runs until the reloaded
page has fired its load event (and it shows the new text). Prints one figure per save, in
milliseconds, and how much of it the browser spent loading the new page.

    python benchmarks/serve_latency.py maps/greitens-2022-xi-jinpings-quest-for-order.yaml 7
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from argmap.pdf import QUIET_FLAGS

CHROMIUM = os.environ.get("ARGMAP_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", *QUIET_FLAGS]


def latencies(map_path: Path, saves: int) -> tuple[list[float], list[float], int]:
    """Seconds from each save of the map to its page showing the change, in a running `argmap serve`;
    the seconds of each of these that the browser spent loading the new page (from its request to
    its load event); and the page's size in bytes."""
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="argmap-serve-bench-"))
    (work / ".argmap-root").write_text("")
    maps, seeds = work / "maps", work / "seeds"
    maps.mkdir()
    seeds.mkdir()
    target = maps / map_path.name
    text = map_path.read_text(encoding="utf-8")
    target.write_text(text, encoding="utf-8")
    for essay in (map_path.parent.parent / "seeds").glob(map_path.stem + ".*"):
        shutil.copy(essay, seeds / essay.name)
    first_text = re.search(r"^    text: (.+)$", text, re.M)
    assert first_text, "the map has no claim text to change"
    argmap = Path(sys.executable).with_name("argmap")
    server = subprocess.Popen(
        [str(argmap), "serve", str(target), "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        url = None
        for line in server.stdout:  # type: ignore[union-attr]
            found = re.search(r"Serving (http://127\.0\.0\.1:\d+/)", line)
            if found:
                url = found.group(1)
                break
        assert url, "argmap serve did not start"
        times: list[float] = []
        loading: list[float] = []
        size = 0
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page()
            page.goto(url)
            page.wait_for_load_state("load")
            time.sleep(0.5)  # the page's event stream is open
            for n in range(saves):
                marker = f"Changed {n} {time.time_ns()}"
                new = text.replace(first_text.group(0), f"    text: {marker}", 1)
                start = time.perf_counter()
                with page.expect_event("load", timeout=10_000):
                    target.write_text(new, encoding="utf-8")
                times.append(time.perf_counter() - start)
                html = page.content()
                assert marker in html, "the reloaded page does not show the change"
                size = len(html.encode("utf-8"))
                navigation = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
                loading.append(navigation / 1000)
                time.sleep(0.3)
            browser.close()
        return times, loading, size
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    results, loads, size = latencies(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 5)
    print("save -> reloaded:", " ".join(f"{t * 1000:.0f}" for t in results), "ms")
    print(f"of which the browser loading the page ({size:,} bytes):", " ".join(f"{t * 1000:.0f}" for t in loads), "ms")
