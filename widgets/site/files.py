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
import itertools
import os
import secrets
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
_CREATE: Final = (
    os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
)


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
        self.written: list[str] = []  # paths, as strings: a build makes thousands
        self.unchanged: list[str] = []
        self._root = os.fspath(root)
        self._folders: set[str] = set()  # made already: one mkdir per folder, not per file
        # made by this writer: no file there is older than the build, so none is compared
        self._fresh: set[str] = set()
        # temporary names: this process, a random part, then a count
        self._tag = f"{os.getpid()}-{secrets.token_hex(4)}-"
        self._count = itertools.count()

    def write(self, relative: str, data: str | bytes) -> None:
        """Write ``data`` (text as UTF-8) to ``root/relative`` unless it holds those bytes."""
        payload = data.encode("utf-8") if isinstance(data, str) else data
        name = os.path.join(self._root, relative)
        folder = os.path.dirname(name)
        if folder not in self._folders:
            try:
                os.makedirs(folder)
                self._fresh.add(folder)
            except FileExistsError:
                if not os.path.isdir(folder):
                    raise
            self._folders.add(folder)
        mode: int | None = None
        if folder not in self._fresh:
            try:
                mode = os.stat(name).st_mode & 0o777
            except OSError:
                mode = None
            if mode is not None and _holds(name, payload):
                self.unchanged.append(name)
                return
        _replace(
            name,
            payload,
            _FILE_MODE if mode is None else mode,
            durable=self.durable,
            unique=f"{self._tag}{next(self._count)}",
        )
        self.written.append(name)


def _holds(name: str, payload: bytes) -> bool:
    """Whether the file ``name`` holds exactly ``payload``."""
    try:
        with open(name, "rb") as stream:
            return stream.read(len(payload) + 1) == payload
    except OSError:
        return False


def _replace(name: str, payload: bytes, mode: int, *, durable: bool, unique: str = "") -> None:
    """Write ``payload`` to a new temporary file beside ``name``, then rename it over ``name``.

    The temporary name holds ``unique``, by default the process id and a
    random part; ``O_EXCL`` makes sure no other file is overwritten. Plain
    ``os`` calls: a build writes thousands of small files, and ``tempfile``
    and buffered streams cost more than the writing itself on a RAM disk.
    """
    folder, base = os.path.split(name)
    unique = unique or f"{os.getpid()}-{secrets.token_hex(4)}"
    temporary = os.path.join(folder, f".{base}{_TEMPORARY}{unique}.tmp")
    handle = os.open(temporary, _CREATE, 0o600)
    try:
        try:
            view = memoryview(payload)
            while view:
                view = view[os.write(handle, view) :]
            if hasattr(os, "fchmod"):
                os.fchmod(handle, mode)
            if durable:
                os.fsync(handle)
        finally:
            os.close(handle)
        if not hasattr(os, "fchmod"):  # pragma: no cover - Windows
            os.chmod(temporary, mode)
        os.replace(temporary, name)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


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
    _replace(os.fspath(path), payload, mode, durable=durable)
