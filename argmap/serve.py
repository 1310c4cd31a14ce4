"""`argmap serve`: the reports of a map or a folder on 127.0.0.1, rebuilt on every save, reloaded in
the browser by themselves.

The site is built (incrementally, as `argmap build` does) into a temporary folder; watchfiles
watches the folders of the maps and their essays (so that a save that replaces a file is seen too);
after each rebuild the pages hear of it through server-sent events (`/__events`) and reload. A map
that breaks shows its problems, with their positions, in place of its report until it is mended.

The server answers only requests addressed to it by name (`Host: 127.0.0.1:PORT` or
`localhost:PORT`): a web page the user visits cannot reach the preview by pointing a name of its own
at 127.0.0.1 (DNS rebinding), since the browser then sends that name.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

EVENTS = "/__events"
HOST = "127.0.0.1"


def allowed_hosts(port: int) -> frozenset[str]:
    """The Host headers the preview answers on port: its own address and localhost (lower case)."""
    names = (HOST, "localhost")
    hosts = {f"{name}:{port}" for name in names}
    if port == 80:  # a client leaves the default port out of the Host header
        hosts.update(names)
    return frozenset(hosts)


@dataclass(frozen=True)
class Watch:
    """The folders watched for one site (each without its subfolders) and the changes that concern it."""

    folders: frozenset[Path]
    files: frozenset[Path]
    """The maps and their essays."""
    tree: Path | None = None
    """The maps' folder, when a folder is served: a new map or folder anywhere under it counts too."""

    def admits(self, _change: object, path: str) -> bool:
        """watchfiles' filter: concerns, for a path as the watcher reports it."""
        return self.concerns(Path(path))

    def concerns(self, path: Path) -> bool:
        """Whether a change at path (as the watcher reports it) may change the site."""
        if path in self.files or path in self.folders:
            return True
        if self.tree is None or not path.is_relative_to(self.tree):
            return False
        from .files import DEPENDENCY_FOLDERS, MAP_SUFFIXES

        parts = path.relative_to(self.tree).parts
        if any(part.startswith(".") or part in DEPENDENCY_FOLDERS for part in parts):
            return False
        return path.suffix in MAP_SUFFIXES or path.is_dir()


class LiveSite:
    """A site kept up to date with its maps, and a version number that pages watch."""

    def __init__(self, target: Path, templates: Path | None = None) -> None:
        self.target = target
        self.templates = templates
        try:
            self.folder = Path(tempfile.mkdtemp(prefix="argmap-serve-"))
        except OSError as exc:
            from .output import OutputError

            raise OutputError(
                f"cannot create the preview's folder in {tempfile.gettempdir()}: {exc.strerror or exc}"
            ) from None
        self.version = 0
        self.changed = threading.Condition()
        self.lock = threading.Lock()
        self.last_summary = ""

    def maps(self) -> list[Path]:
        from .api import find_maps

        return find_maps([self.target])

    def rebuild(self) -> str:
        """Bring the site up to date; tell waiting pages; return a one-line summary."""
        from .site import build_site

        with self.lock:
            if self.target.is_dir():
                result = build_site(self.target, self.folder, templates=self.templates, jobs=1, live=EVENTS)
            else:
                result = build_site(
                    self.target.parent, self.folder, templates=self.templates, jobs=1, live=EVENTS, only=[self.target]
                )
            self.last_summary = time.strftime("%H:%M:%S ") + result.summary(where=False)
        with self.changed:
            self.version += 1
            self.changed.notify_all()
        return self.last_summary

    def watched(self) -> Watch:
        """What to watch: the folders that hold the maps and the essays they name, each on its own (not
        recursively), and the files among them that matter.

        Folders, not files: an editor that saves by writing a new file and renaming it over the old
        one (vim, `sed -i`, os.replace) gives the file a new inode, and a watch on the old one would
        hear of no later save.
        """
        from .files import walk_folders
        from .site import _source_path

        files: set[Path] = set()
        folders: set[Path] = set()

        def add(path: Path) -> None:
            for form in (path.parent.resolve() / path.name, path.resolve()):  # as named, and a link's target
                files.add(form)
                folders.add(form.parent)

        if self.target.is_dir():
            folders.update(folder.resolve() for folder, _ in walk_folders(self.target))
        for path in self.maps():
            add(path)
            source = _source_path(path)
            if source is not None and source.exists():
                add(source)
        return Watch(frozenset(folders), frozenset(files), self.target.resolve() if self.target.is_dir() else None)

    def page(self, url_path: str) -> Path | None:
        """The file for a URL path, only among the site's own pages."""
        name = unquote(url_path).lstrip("/") or self.start_page()
        candidate = self.folder / name
        if "/" in name or "\\" in name or name.startswith(".") or not candidate.is_file():
            return None
        return candidate

    def start_page(self) -> str:
        if self.target.is_dir():
            return "index.html"
        return self.target.stem + ".html"

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


class _Handler(BaseHTTPRequestHandler):
    """Answers GET requests for the site's pages and its event stream; `_handler` binds it to a site."""

    server_version = "argmap"
    site: LiveSite
    stop: threading.Event

    def log_message(self, format: str, *args: Any) -> None:  # quiet: the terminal shows rebuilds only
        pass

    def do_GET(self) -> None:  # (the name is http.server's)
        if not self.host_allowed():
            return
        path = urlsplit(self.path).path
        if path == EVENTS:
            return self.events()
        page = self.site.page(path)
        if page is None:
            self.send_error(HTTPStatus.NOT_FOUND, "no such page")
            return
        self.send_body(HTTPStatus.OK, "text/html; charset=utf-8", page.read_bytes())

    def send_body(self, status: HTTPStatus, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def host_allowed(self) -> bool:
        """True for a request addressed to this server; any other gets 403 and a one-line reason."""
        address = self.server.server_address
        port = int(address[1]) if isinstance(address, tuple) else 0
        host = (self.headers.get("Host") or "").strip().lower()
        if host in allowed_hosts(port):
            return True
        reason = f"argmap serve answers only requests for {HOST}:{port} or localhost:{port}\n"
        self.send_body(HTTPStatus.FORBIDDEN, "text/plain; charset=utf-8", reason.encode())
        return False

    def events(self) -> None:
        """Server-sent events: the site's version now and after every rebuild, a comment meanwhile."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        site, seen = self.site, -1
        try:
            while not self.stop.is_set():
                with site.changed:
                    if site.version == seen:
                        site.changed.wait(timeout=10)
                    version = site.version
                if version != seen:
                    self.wfile.write(f"data: {version}\n\n".encode())
                    seen = version
                else:
                    self.wfile.write(b": still here\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return


def _handler(site: LiveSite, stop: threading.Event) -> type[_Handler]:
    """The request handler class of one live site (http.server makes one handler per request)."""
    return type("Handler", (_Handler,), {"site": site, "stop": stop})


def serve(
    target: Path, *, port: int = 8000, templates: Path | None = None, echo: Callable[[str], None] = print
) -> None:
    """Serve until interrupted (Ctrl-C): build, watch, rebuild, tell the pages."""
    import watchfiles

    site = LiveSite(target, templates)
    stop = threading.Event()
    watching = threading.Event()

    def watch() -> None:
        catch_up = False
        while not stop.is_set():
            plan = site.watched()
            try:
                for changes in watchfiles.watch(
                    *sorted(plan.folders),
                    watch_filter=plan.admits,
                    recursive=False,
                    stop_event=stop,
                    debounce=200,
                    step=30,
                    rust_timeout=200,
                    yield_on_timeout=True,
                ):
                    watching.set()  # the first (empty) yield says the watcher is live
                    if catch_up or changes:
                        catch_up = False
                        echo(site.rebuild())
                        if site.watched() != plan:
                            # a map now names another essay (or none, while it is broken), or a map or
                            # folder came or went: watch anew, then rebuild once more for any save made
                            # in between
                            catch_up = True
                            break
            except FileNotFoundError:
                stop.wait(0.5)

    watcher = threading.Thread(target=watch, name="argmap-watch", daemon=True)
    watcher.start()
    watching.wait(timeout=10)  # edits from now on are seen, including those made during the first build
    echo(site.rebuild())
    server = ThreadingHTTPServer((HOST, port), _handler(site, stop))
    server.daemon_threads = True
    echo(f"Serving http://{HOST}:{server.server_address[1]}/ (Ctrl-C to stop)")
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        with site.changed:
            site.changed.notify_all()
        server.server_close()
        watcher.join(timeout=2)
        site.close()
        echo("stopped")
