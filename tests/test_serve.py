"""`argmap serve`: pages served on 127.0.0.1 follow the map as it is edited, broken and mended."""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
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


@contextlib.contextmanager
def serving(project, target="maps"):
    """`argmap serve TARGET` (the maps' folder unless told) on a free port: yields its base URL;
    stops it with Ctrl-C and checks it stopped cleanly."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "argmap", "serve", str(project / target), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=project,
    )
    failure = None
    try:
        base = None
        deadline = time.monotonic() + 30
        while base is None and time.monotonic() < deadline:
            line = proc.stdout.readline()
            match = re.search(r"Serving (http://127\.0\.0\.1:\d+/)", line)
            if match:
                base = match.group(1)
        assert base, "the server did not say where it listens"
        yield base
    except AssertionError as error:
        failure = error
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
        try:
            out, err = proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
    if failure is not None:
        raise AssertionError(f"{failure}\nserver output:\n{out}\n{err}") from failure
    assert proc.returncode == 0, err
    assert out.rstrip().endswith("stopped")
    assert "Traceback" not in err


def test_serve_rebuilds_on_save_shows_problems_and_recovers(project):
    with serving(project) as base:
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


def fetch_as(url: str, host: str) -> tuple[int, str, str]:
    """(status, Content-Type, body) of a GET of url sent with the given Host header."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.putrequest("GET", parts.path or "/", skip_host=True)
        connection.putheader("Host", host)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.getheader("Content-Type"), response.read().decode("utf-8")
    finally:
        connection.close()


def test_serve_answers_only_requests_addressed_to_it(project):
    with serving(project) as base:
        port = urllib.parse.urlsplit(base).port
        refusal = f"argmap serve answers only requests for 127.0.0.1:{port} or localhost:{port}\n"
        for path in ("/", f"/{MAAN}.html", "/__events", "/no-such-page.html"):
            for host in ("attacker.example", f"attacker.example:{port}", f"127.0.0.1:{port + 1}", "127.0.0.1", ""):
                assert fetch_as(base + path.lstrip("/"), host) == (403, "text/plain; charset=utf-8", refusal), (
                    path,
                    host,
                )
        for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"LOCALHOST:{port}"):
            status, content_type, body = fetch_as(base, host)
            assert (status, content_type) == (200, "text/html; charset=utf-8")
            assert f'href="{MAAN}.html"' in body
        assert get(base).startswith("<!DOCTYPE html>")  # a plain request (urllib sends Host: 127.0.0.1:PORT)
        with urllib.request.urlopen(base + "__events", timeout=10) as events:
            assert events.readline().decode().startswith("data: ")


def replace_file(path, text):
    """Save as vim, sed -i and many editors do: write a new file beside it, then rename it over the old
    one (the file gets a new inode)."""
    fresh = path.with_name(path.name + ".new")
    fresh.write_text(text, encoding="utf-8")
    os.replace(fresh, path)


@pytest.mark.parametrize("target", [f"maps/{MAAN}.yaml", "maps"])
def test_serve_sees_every_save_that_replaces_the_map_or_its_essay(project, target):
    map_file = project / "maps" / f"{MAAN}.yaml"
    essay = project / "seeds" / f"{MAAN}.txt"
    text, essay_text = map_file.read_text(encoding="utf-8"), essay.read_text(encoding="utf-8")
    assert "Ashu Maan" in essay_text
    with serving(project, target) as base:
        report = base + f"{MAAN}.html"
        wait_for(report, "Taiwan must focus on deterrence")
        for n in (1, 2, 3):
            replace_file(map_file, text.replace("Taiwan must focus on deterrence", f"Taiwan must focus on plan {n}"))
            wait_for(report, f"Taiwan must focus on plan {n}")
        for n in (1, 2):
            replace_file(essay, essay_text.replace("Ashu Maan", f"Ashu Maan{n}"))
            wait_for(report, f"Ashu Maan{n}")
        assert not list(project.glob("**/*.new"))


def test_the_watch_covers_the_folders_of_maps_and_essays_and_admits_only_what_matters(project):
    from argmap.serve import LiveSite

    (project / "maps" / "more").mkdir()
    (project / "maps" / "node_modules" / "x").mkdir(parents=True)
    (project / "maps" / ".git").mkdir()
    site = LiveSite(project / "maps")
    try:
        plan = site.watched()
    finally:
        site.close()
    root = project.resolve()
    maps, seeds = root / "maps", root / "seeds"
    assert plan.folders == {maps, maps / "more", seeds}
    assert plan.files == {maps / f"{MAAN}.yaml", seeds / f"{MAAN}.txt"}
    admitted = [maps / f"{MAAN}.yaml", seeds / f"{MAAN}.txt", maps / "more" / "new.yml", maps / "more"]
    refused = [
        maps / f"{MAAN}.yaml.swp",
        maps / ".git" / "index.yaml",
        maps / "node_modules" / "x" / "a.yaml",
        seeds / "other.txt",
        root / "elsewhere.yaml",
    ]
    assert [plan.concerns(p) for p in admitted] == [True] * 4
    assert [plan.concerns(p) for p in refused] == [False] * 5
