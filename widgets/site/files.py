"""Files of a static build: one build per folder, atomic writes, no stale leftovers.

Every file is written to a temporary file beside it and renamed over it, so
a reader (a web server, a CDN sync) sees the old file or the new one, never
a part. A file whose bytes are unchanged is not rewritten, so its
modification time (and a server's ``Last-Modified``) stays.

A build holds an exclusive lock on the output folder itself (``flock`` on
the folder, so no lock file is left among the site's files) while it
writes; a second build into the same folder is refused at once with a
clear error. Holding the lock, a build removes the temporary files that an
interrupted build (``kill -9``, a full disk) left behind.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Final

import widgets

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: builds are not locked against each other
    fcntl = None  # type: ignore[assignment]

__all__ = ["BuildLockedError", "FileWriter", "locked_folder"]

_TEMPORARY: Final = ".pnw-"
"""Marks our temporary files: ``.<name>.pnw-<random>.tmp`` beside ``<name>``."""
_FILE_MODE: Final = 0o644


class BuildLockedError(widgets.WidgetsError, OSError):
    """Another build is writing to the same output folder."""


@contextlib.contextmanager
def locked_folder(root: Path) -> Iterator[Path]:
    """Make ``root``, hold its build lock, clear stale temporary files; yield ``root``.

    Raises :class:`BuildLockedError` when another build holds the folder, and
    :class:`~widgets.errors.InvalidInputError` when ``root`` is a file.
    """
    if root.exists() and not root.is_dir():
        raise widgets.InvalidInputError(
            "out", str(root), "a folder (or a path where one can be made)"
        )
    root.mkdir(parents=True, exist_ok=True)
    folder = os.open(root, os.O_RDONLY)
    try:
        if fcntl is not None:
            try:
                fcntl.flock(folder, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise BuildLockedError(
                    f"another build is writing to {root}; wait for it to finish"
                ) from None
        for stale in root.rglob(f".*{_TEMPORARY}*.tmp"):
            with contextlib.suppress(OSError):
                stale.unlink()
        yield root
    finally:
        os.close(folder)


class FileWriter:
    """Writes files under ``root`` atomically and records which changed.

    With ``durable`` (the default) each file's bytes reach the disk
    (``fsync``) before it is renamed into place, so a power cut leaves the
    old file or the new one; without it a build is faster on a real disk
    and still atomic for readers and against a killed process.
    """

    def __init__(self, root: Path, *, durable: bool = True) -> None:
        self.root = root
        self.durable = durable
        self.written: list[Path] = []
        self.unchanged: list[Path] = []
        self._folders: set[Path] = set()  # made already: one mkdir per folder, not per file

    def write(self, relative: str, data: str | bytes) -> Path:
        """Write ``data`` (text as UTF-8) to ``root/relative`` unless it holds those bytes."""
        payload = data.encode("utf-8") if isinstance(data, str) else data
        path = self.root / relative
        try:
            same = path.stat().st_size == len(payload) and path.read_bytes() == payload
        except OSError:
            same = False
        if same:
            self.unchanged.append(path)
        else:
            if path.parent not in self._folders:
                path.parent.mkdir(parents=True, exist_ok=True)
                self._folders.add(path.parent)
            write_atomic(path, payload, durable=self.durable, folder_made=True)
            self.written.append(path)
        return path


def write_atomic(
    path: Path, payload: bytes, *, durable: bool = True, folder_made: bool = False
) -> None:
    """Write ``payload`` to a temporary file beside ``path``, then rename it over ``path``.

    Readers see the old file or the new one, never a part. The file gets the
    mode of the file it replaces, or ``rw-r--r--``. ``folder_made`` skips
    making ``path``'s folder.
    """
    if not folder_made:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = path.stat().st_mode & 0o777
    except OSError:
        mode = _FILE_MODE
    handle, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}{_TEMPORARY}", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
