"""`argmap serve`: pages served on 127.0.0.1 follow the map as it is edited, broken and mended."""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request

import pytest
from conftest import ROOT

MAAN = "maan-2024-chinas-total-national-security-paradigm"


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        assert response.headers["Content-Type"].startswith("text/html")
        return response.read().decode("utf-8")


def wait_for(url: str, needle: str, timeout: float = 15.0) -> str:
    deadline = time.monotonic() + timeout
    page = ""
    while time.monotonic() < deadline:
        page = get(url)
        if needle in page:
            return page
        time.sleep(0.2)
    raise AssertionError(f"{needle!r} did not appear at {url} within {timeout} s")


@pytest.fixture
def project(tmp_path):
    (tmp_path / "maps").mkdir()
    (tmp_path / "seeds").mkdir()
    shutil.copy(ROOT / "maps" / f"{MAAN}.yaml", tmp_path / "maps")
    shutil.copy(ROOT / "seeds" / f"{MAAN}.txt", tmp_path / "seeds")
    return tmp_path


def test_serve_rebuilds_on_save_shows_problems_and_recovers(project):
    proc = subprocess.Popen(
        [sys.executable, "-m", "argmap", "serve", str(project / "maps"), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=project,
    )
    try:
        base = None
        deadline = time.monotonic() + 30
        while base is None and time.monotonic() < deadline:
            line = proc.stdout.readline()
            match = re.search(r"Serving (http://127\.0\.0\.1:\d+/)", line)
            if match:
                base = match.group(1)
        assert base, "the server did not say where it listens"
        report = base + f"{MAAN}.html"
        index = get(base)
        assert f'href="{MAAN}.html"' in index and 'data-live="/__events"' in index
        page = get(report)
        assert "Taiwan must focus on deterrence" in page
        assert "connect-src &#39;self&#39;" in page  # a served page may listen to its server

        with urllib.request.urlopen(base + "__events", timeout=10) as events:
            assert events.headers["Content-Type"] == "text/event-stream"
            assert events.readline().decode().startswith("data: ")

        map_file = project / "maps" / f"{MAAN}.yaml"
        text = map_file.read_text()
        map_file.write_text(text.replace("Taiwan must focus on deterrence", "Taiwan should above all build deterrence"))
        wait_for(report, "Taiwan should above all build deterrence")

        map_file.write_text(text.replace("thesis: [", "thesis: [[", 1))  # a YAML syntax error
        broken = wait_for(report, "This map could not be read")
        assert re.search(
            r"maan-2024-chinas-total-national-security-paradigm\.yaml:\d+:\d+</code>\s*"
            r"<span class=\"code\">E001</span>",
            broken,
        )

        map_file.write_text(text)
        wait_for(report, "Taiwan must focus on deterrence")
    except AssertionError:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=10)
        raise AssertionError(f"server output:\n{out}\n{err}")
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
        try:
            out, err = proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
    assert proc.returncode == 0, err
    assert out.rstrip().endswith("stopped")
    assert "Traceback" not in err
