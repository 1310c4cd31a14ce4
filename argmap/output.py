"""The one place that writes files: whole or not at all (a temporary file renamed into place)."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path


class OutputError(OSError):
    """A file or folder cannot be written; the message says which and why, in one line.

    It is an OSError, so callers that already treat failed writes as a nuisance (the render cache)
    keep doing so.
    """


def _blocking_file(path: Path) -> Path | None:
    """The nearest existing ancestor of path that is not a folder (a file where a folder is needed)."""
    for ancestor in path.parents:
        if ancestor.exists():
            return None if ancestor.is_dir() else ancestor
        if ancestor.is_symlink():  # a dangling link: nothing can be created through it
            return ancestor
    return None


def _existing_folder(path: Path) -> Path:
    """The nearest ancestor of path that exists (the folder a new file or folder would be made in)."""
    for ancestor in path.parents:
        if ancestor.is_dir():
            return ancestor
    return Path(".")


def _reason(exc: OSError, path: Path, folder: Path) -> str:
    """Why writing path failed, in words a user acts on."""
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"no permission to write in {folder}"
    if exc.errno == errno.EROFS:
        return f"{folder} is on a read-only file system"
    if exc.errno == errno.ENOSPC:
        return "no space left on the device"
    if exc.errno == errno.EISDIR:
        return f"{path} is a folder"
    if exc.errno == errno.ENAMETOOLONG:
        return "the name is too long"
    return (exc.strerror or str(exc)).lower()


def check_writable(path: str | Path, *, folder: bool = False) -> None:
    """Raise OutputError now if path (a file, or with folder=True a folder to write into) could
    clearly not be written later: checked before long work, so a user waits for nothing.

    Missing folders are fine (they are created); a file where a folder is needed, an existing folder
    where a file is needed, and a folder that cannot be written are not.
    """
    path = Path(path)
    blocking = _blocking_file(path)
    if blocking is None and folder and path.exists() and not path.is_dir():
        blocking = path
    if blocking is not None:
        raise OutputError(f"cannot write {path}: {blocking} is a file, not a folder")
    if not folder and path.is_dir():
        raise OutputError(f"cannot write {path}: it is a folder; give the name of a file in it")
    target = path if folder and path.is_dir() else _existing_folder(path)
    _check_folder(path, target)


def _check_folder(path: Path, folder: Path) -> None:
    if not os.access(folder, os.W_OK | os.X_OK):
        reason = _reason(OSError(errno.EROFS if _read_only(folder) else errno.EACCES, ""), path, folder)
        raise OutputError(f"cannot write {path}: {reason}")


def _read_only(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:  # pragma: no cover - statvfs exists on every POSIX system
        return False


def make_folder(folder: str | Path) -> None:
    """Create folder and any missing parents, or raise OutputError saying why it cannot be."""
    folder = Path(folder)
    if folder.is_dir():
        return
    blocking = folder if folder.exists() else _blocking_file(folder)
    if blocking is not None:
        raise OutputError(f"cannot create the folder {folder}: {blocking} is a file")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(
            f"cannot create the folder {folder}: {_reason(exc, folder, _existing_folder(folder))}"
        ) from None


def write_atomic(path: str | Path, data: str | bytes) -> None:
    """Write data to path so that readers see the old file or the new one, never a part.

    Missing parent folders are created. The data goes to a temporary file in the same folder, is
    flushed to disk, and is renamed over path; on any failure (including KeyboardInterrupt) the
    temporary file is removed and the old file is left as it was. A path that cannot be written
    raises OutputError, whose message names the path and the cause.
    """
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise OutputError(f"cannot write {path}: it is a folder; give the name of a file in it")
    make_folder(folder)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {_reason(exc, path, folder)}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(exc, OSError) and not isinstance(exc, OutputError):
            raise OutputError(f"cannot write {path}: {_reason(exc, path, folder)}") from None
        raise
