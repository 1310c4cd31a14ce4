"""A report printed to PDF by a Chromium installed on this machine (headless, offline): `argmap report --pdf`.

The report's print style sheet does the layout (the outline opened whole, the essay after it, the
diagrams on pages of their own, no buttons); Chromium only prints. It runs with a fresh profile in a
temporary folder, with the flags that keep it off the network (no background networking, component
updates, sync or first-run fetches, and every host name resolving to nothing), on a page whose
Content-Security-Policy forbids every load anyway. Nothing is ever downloaded: without a Chromium
the command says how to install one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
"""The programs looked for on PATH, in this order (then /usr/bin/chromium)."""
FALLBACK = Path("/usr/bin/chromium")
TIMEOUT = 180
"""Seconds Chromium may take to print (a big map's report prints in a few)."""

INSTALL_HINT = (
    "install Chromium (Debian/Ubuntu: 'apt-get install chromium'; Fedora: 'dnf install chromium'; "
    "macOS: 'brew install --cask chromium'; Windows: 'winget install Hibbiki.Chromium') "
    "or Google Chrome, or name its program in ARGMAP_CHROMIUM"
)

QUIET_FLAGS = (
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-features=Translate,OptimizationHints,MediaRouter",
)
"""Chromium without its own traffic (updates, sync, translation, first-run pages): for printing here,
and for the browser tests, the benchmarks and the screenshots, which load pages from 127.0.0.1."""
OFFLINE_FLAGS = (*QUIET_FLAGS, "--host-resolver-rules=MAP * ~NOTFOUND")
"""QUIET_FLAGS, and no host name resolves: printing a report needs nothing from any network."""


class PdfError(Exception):
    """No PDF could be printed; the message says why and what to do."""


def find_chromium() -> str | None:
    """The Chromium to print with: $ARGMAP_CHROMIUM, else the first of NAMES on PATH, else
    /usr/bin/chromium when it exists."""
    named = os.environ.get("ARGMAP_CHROMIUM")
    if named:
        return shutil.which(named) or (named if Path(named).is_file() else None)
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found
    return str(FALLBACK) if FALLBACK.is_file() else None


def print_pdf(html: str) -> bytes:
    """The PDF of a report's HTML, as Chromium prints it with the report's print style sheet."""
    chromium = find_chromium()
    if chromium is None:
        where = os.environ.get("ARGMAP_CHROMIUM") or ", ".join(NAMES) + f" on PATH or {FALLBACK}"
        raise PdfError(f"printing to PDF needs Chromium, and none was found ({where}): {INSTALL_HINT}")
    with tempfile.TemporaryDirectory(prefix="argmap-pdf-") as folder:
        page = Path(folder) / "report.html"
        page.write_text(html, encoding="utf-8")
        pdf = Path(folder) / "report.pdf"
        command = [
            chromium,
            "--headless",
            *OFFLINE_FLAGS,
            # Chromium will not start its sandbox as root (in a container, say)
            *(["--no-sandbox"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []),
            f"--user-data-dir={Path(folder) / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ]
        try:
            proc = subprocess.run(command, capture_output=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise PdfError(f"{chromium} did not print the report within {TIMEOUT} seconds") from None
        except OSError as exc:
            raise PdfError(f"{chromium} could not be started ({exc.strerror or exc}): {INSTALL_HINT}") from None
        data = pdf.read_bytes() if pdf.is_file() else b""
        if not data.startswith(b"%PDF"):
            lines = [line for line in proc.stderr.decode("utf-8", "replace").splitlines() if line.strip()]
            why = lines[-1] if lines else f"exit status {proc.returncode}"
            raise PdfError(f"{chromium} printed no PDF ({why})")
        return data
