"""What the server knows beyond one document: the essays (read again only when their file changes) and
the workspace's maps (for links, references, rename and workspace symbols)."""

from __future__ import annotations

import os
import time
from pathlib import Path

from ..files import skipped_folder
from ..source import SourceError, SourceText, read_source
from .document import Document

SourceResult = tuple[SourceText | None, SourceError | None, str | None]

MAX_FILES = 2_000
"""Most YAML files of the workspace looked at for maps (the rest are left out of cross-map features)."""
MAX_DIRS = 20_000
"""Most folders walked to find them (a workspace opened at a home folder stays quick)."""
RESCAN_SECONDS = 30.0
"""Without file-watching events from the client, the list of map files is refreshed this often."""


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except (OSError, ValueError):
        return None
    return st.st_mtime_ns, st.st_size, st.st_ino


class EssayCache:
    """`read_source` with a memory: an essay is read and indexed again only when its file's modification
    time, size or inode changed (one stat per check, no read)."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, str], tuple[tuple[int, int, int], SourceResult]] = {}
        self.reads = 0
        """How many times an essay was actually read (for tests and benchmarks)."""

    def read(self, map_path: Path, relative: str) -> SourceResult:
        stamp = _stamp(map_path.parent / relative)
        key = (str(map_path.parent), relative)
        hit = self._cache.get(key)
        if stamp is not None and hit is not None and hit[0] == stamp:
            return hit[1]
        result = read_source(map_path, relative)
        self.reads += 1
        if stamp is not None:
            self._cache[key] = (stamp, result)
        else:
            self._cache.pop(key, None)
        return result

    def source(self, doc: Document) -> SourceText | None:
        """The essay of a map, or None (no source, or one that cannot be read)."""
        if doc.source_path is None:
            return None
        return self.read(doc.path, doc.source_path)[0]


class World:
    """The open documents, the last version of each that parsed, the workspace's map files and the essays."""

    def __init__(self, roots: list[Path] | None = None, encoding: str = "utf-16") -> None:
        self.roots = list(roots or [])
        self.encoding = encoding
        self.essays = EssayCache()
        self.open: dict[str, Document] = {}
        self.last_good: dict[str, Document] = {}
        self._disk: dict[Path, tuple[tuple[int, int, int], Document | None]] = {}
        self._files: list[Path] | None = None
        self._resolved: dict[Path, Path] = {}
        self._scanned = 0.0
        self.watching = False
        """True when the client reports file changes (then the file list is refreshed on its events)."""

    # -- open documents -------------------------------------------------------------------------
    def update(self, doc: Document) -> None:
        self.open[doc.uri] = doc
        if doc.data is not None:
            self.last_good[doc.uri] = doc

    def close(self, uri: str) -> None:
        self.open.pop(uri, None)
        self.last_good.pop(uri, None)

    def good(self, uri: str) -> Document | None:
        """The last version of a document whose YAML parsed (for completion while a line is half typed)."""
        return self.last_good.get(uri)

    # -- the workspace's maps -------------------------------------------------------------------
    def rescan(self) -> None:
        """Forget the list of map files (a file was created or deleted)."""
        self._files = None

    def map_files(self) -> list[Path]:
        """Every *.yaml and *.yml under the workspace folders (folders left out as `argmap check` leaves them out)."""
        stale = not self.watching and time.monotonic() - self._scanned > RESCAN_SECONDS
        if self._files is None or stale:
            self._files = self._scan()
            self._resolved.clear()
            self._scanned = time.monotonic()
        return self._files

    def _scan(self) -> list[Path]:
        found: list[Path] = []
        dirs = 0
        for root in self.roots:
            for folder, subdirs, files in os.walk(root):
                dirs += 1
                subdirs[:] = sorted(d for d in subdirs if not skipped_folder(Path(folder) / d))
                found.extend(Path(folder) / f for f in sorted(files) if f.endswith((".yaml", ".yml")))
                if len(found) >= MAX_FILES or dirs >= MAX_DIRS:
                    return found[:MAX_FILES]
        return found

    def maps(self) -> list[Document]:
        """Every map of the workspace: open ones as edited, the others as saved."""
        result = [doc for doc in self.open.values() if doc.is_map]
        open_paths = {doc.real_path for doc in result}
        for path in self.map_files():
            if self._real(path) in open_paths:
                continue
            doc = self._from_disk(path)
            if doc is not None:
                result.append(doc)
        return result

    def _real(self, path: Path) -> Path:
        real = self._resolved.get(path)
        if real is None:
            real = self._resolved[path] = _real(path)
        return real

    def _from_disk(self, path: Path) -> Document | None:
        stamp = _stamp(path)
        if stamp is None:
            self._disk.pop(path, None)
            return None
        hit = self._disk.get(path)
        if hit is not None and hit[0] == stamp:
            return hit[1]
        doc = Document.from_disk(path, self.encoding)
        self._disk[path] = (stamp, doc)
        return doc

    def by_id(self, map_id: str) -> Document | None:
        """The workspace's map with this id (an open one first)."""
        for doc in self.maps():
            if doc.map_id == map_id:
                return doc
        return None

    def using_essay(self, path: Path) -> list[Document]:
        """The open maps whose source is this file."""
        target = _real(path)
        return [doc for doc in self.open.values() if doc.essay_file is not None and doc.essay_file == target]


def _real(path: Path) -> Path:
    """The path with links resolved (as given when it cannot be)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path
