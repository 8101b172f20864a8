"""Files walletwatch writes for the owner: reports, ``--scores``, case templates.

They hold statement facts, so they are owner-only (0600), like the state store. A folder
that does not exist is not created: a typo in ``--out`` should not scatter private files
around the disk, so it is one clear line (exit code 5) instead.
"""

from __future__ import annotations

import os
from pathlib import Path

from walletwatch.errors import OutputError

PRIVATE = 0o600


def check_output(path: str | Path, option: str = "--out") -> Path:
    """Refuse, before any work, an output whose folder is missing or not writable.

    An existing file the owner asked us to overwrite is made owner-only first, so the new
    content is never readable by others, not even while it is written.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"folder {folder} does not exist",
                          f"create it first or choose another {option}", str(path))
    if path.is_dir():
        raise OutputError("is a folder", f"{option} must name a file", str(path))
    if not os.access(folder, os.W_OK | os.X_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise OutputError("no permission to write here", f"choose another {option}", str(path))
    if path.is_file():
        os.chmod(path, PRIVATE)
    return path


def open_private(path: str | Path, mode: str = "w", **kwargs):
    """``open()`` that creates the file 0600 (whatever the umask) and truncates it."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE)
    try:
        os.fchmod(fd, PRIVATE)  # an existing file keeps its mode through O_CREAT
    except OSError:
        pass  # e.g. a file system without modes; the umask still applied
    return os.fdopen(fd, mode, **kwargs)


def write_private_text(path: str | Path, text: str, encoding: str = "utf-8") -> None:
    try:
        with open_private(path, "w", encoding=encoding, newline="") as handle:
            handle.write(text)
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror or exc}", "", str(path)) from exc
