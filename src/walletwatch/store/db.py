"""Opening the state store: where it lives, owner-only permissions, transactions.

The store is one SQLite file, by default ``<user data dir>/walletwatch/state.sqlite``
(platformdirs); ``$WALLETWATCH_HOME`` replaces the base directory (tests use it) and
``--state PATH`` names the file. The directory is created ``0700`` and the file ``0600``
before SQLite opens it, so a statement history is never readable by other users, not even
for a moment. The file carries our ``PRAGMA application_id`` and a ``user_version`` equal to
the number of migrations applied, so another application's database or a newer store is
recognised, and refused, before anything is written to it.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from walletwatch.errors import ConfigError, StateError
from walletwatch.store import migrations

STATE_FILE = "state.sqlite"
SQLITE_HEADER = b"SQLite format 3\x00"


def default_home() -> Path:
    """``$WALLETWATCH_HOME`` or the platform's user data directory for walletwatch."""
    home = os.environ.get("WALLETWATCH_HOME")
    if home:
        return Path(home)
    from platformdirs import user_data_dir

    return Path(user_data_dir("walletwatch"))


def default_state_path() -> Path:
    return default_home() / STATE_FILE


def utc_now() -> str:
    """Wall-clock time for bookkeeping columns (never written into reports or alerts)."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


class StoreError(StateError):
    """A state store we refuse: the file is left exactly as it was (exit code 4)."""

    code = "bad-state-store"


class Store:
    """An open state store. Use ``open_store``; close with ``close()`` or ``with``."""

    def __init__(self, path: Path, conn: sqlite3.Connection):
        self.path = path
        self.conn = conn

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic write: everything inside commits together or not at all."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def applied_migrations(self) -> list[str]:
        return migrations.applied(self.conn)


def _refuse(path: Path, message: str, hint: str = "pass another file with --state") -> StoreError:
    return StoreError(message, hint, str(path))


def _check_writable(path: Path) -> None:
    """A read-only file or folder is the owner's "do not write": refuse it (even as root)
    instead of changing its mode. SQLite writes its journal next to the file."""
    folder = path.parent
    if not (folder.stat().st_mode & stat.S_IWUSR) or not os.access(folder, os.W_OK | os.X_OK):
        raise _refuse(path, f"the folder {folder} is read-only",
                      "make it writable or pass another file with --state")
    if path.exists() and (not (path.stat().st_mode & stat.S_IWUSR)
                          or not os.access(path, os.R_OK | os.W_OK)):
        raise _refuse(path, "the state file is read-only",
                      "make it writable (chmod u+rw) or pass another file with --state")


def _inspect(path: Path) -> None:
    """Look at an existing file without changing a byte: ours, intact and not newer?"""
    if path.stat().st_size == 0:
        return  # created by us and killed before SQLite wrote a page, or a fresh touch
    with open(path, "rb") as handle:
        if handle.read(16) != SQLITE_HEADER:
            raise _refuse(path, "not a walletwatch state store (not an SQLite file)")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
    except sqlite3.Error as exc:
        raise _refuse(path, f"cannot open the state store: {exc}") from exc
    try:
        _inspect_open(path, conn)
    except sqlite3.OperationalError as exc:
        if "locked" not in str(exc) and "busy" not in str(exc):
            raise _refuse(path, f"the state store is damaged ({exc})",
                          "restore a backup or pass another file with --state") from exc
        raise _refuse(path, "the state store is busy: another walletwatch kept it locked",
                      "try again later") from exc
    except sqlite3.DatabaseError as exc:
        raise _refuse(path, f"the state store is damaged ({exc})",
                      "restore a backup or pass another file with --state") from exc
    finally:
        conn.close()


def _inspect_open(path: Path, conn: sqlite3.Connection) -> None:
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    if app_id not in (0, migrations.APPLICATION_ID):
        raise _refuse(path, f"this SQLite file belongs to another application "
                            f"(application_id {app_id:#x}); it was not changed")
    problems = [r[0] for r in conn.execute("PRAGMA quick_check(5)").fetchall()]
    if problems != ["ok"]:
        lines = [ln for p in problems for ln in p.splitlines() if not ln.startswith("***")]
        raise _refuse(path, f"the state store is damaged (quick_check: {(lines or problems)[0]})",
                      "restore a backup or pass another file with --state")
    tables = {r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")}
    names = migrations.recorded(conn) if "_sqlite_migrations" in tables else []
    if app_id == 0 and tables - {"_sqlite_migrations"} and not names:
        raise _refuse(path, "this SQLite file belongs to another application "
                            f"(tables {', '.join(sorted(tables)[:3])}); it was not changed")
    unknown = [n for n in names if n not in migrations.KNOWN]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if unknown or version > migrations.SCHEMA_VERSION:
        what = f"migration {unknown[0]}" if unknown else f"schema version {version}"
        raise _refuse(path, f"made by a newer walletwatch ({what}); this version knows "
                            f"schema version {migrations.SCHEMA_VERSION}",
                      "upgrade walletwatch; the store was not changed")


def _prepare_file(path: Path) -> None:
    """Create the directory (0700) and the file (0600) with owner-only permissions, or check
    an existing file before touching it (``_inspect``) and only then make it owner-only."""
    parent = path.parent
    if not parent.exists():
        try:
            parent.mkdir(parents=True, mode=0o700)
        except OSError as exc:
            raise _refuse(path, f"cannot create the folder {parent}: {exc.strerror or exc}",
                          "create it or pass another file with --state") from exc
        os.chmod(parent, 0o700)  # mkdir's mode is filtered by the umask
    if not parent.is_dir():
        raise _refuse(path, f"{parent} is not a folder", "pass another file with --state")
    _check_writable(path)
    if path.exists():
        _inspect(path)
    else:
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)
    _owner_only(path)


def _owner_only(path: Path) -> None:
    """Take away group and other permissions; never add one (a read-only file stays so)."""
    info = path.stat()
    if info.st_uid == os.getuid() and stat.S_IMODE(info.st_mode) & 0o077:
        os.chmod(path, stat.S_IMODE(info.st_mode) & 0o700)


def open_store(path: str | Path | None = None, *, migrate: bool = True) -> Store:
    """Open (creating if needed) and migrate the state store.

    An existing file is checked before anything is written to it: an SQLite file of another
    application (its ``application_id``, or tables without our migrations), one with damaged
    pages (``PRAGMA quick_check``), a read-only file or folder, or a store made by a newer
    walletwatch (an unknown migration, a higher ``user_version``) is refused unchanged.

    Args:
        path: the SQLite file; None means ``default_state_path()``.
        migrate: apply pending migrations (turn off only to inspect an old store).

    Raises:
        ConfigError: the path is a directory.
        StoreError: the file is refused (exit code 4).
    """
    if path is None:
        path = default_state_path()
        if path.parent.is_dir():  # walletwatch's own folder (the allowlist may have made it)
            _owner_only(path.parent)
    path = Path(path)
    if path.is_dir():
        raise ConfigError("--state must name a file, not a directory", "e.g. --state state.sqlite",
                          str(path))
    if path.exists() and not path.is_file():
        raise _refuse(path, "the state must be a regular file")
    _prepare_file(path)
    conn = sqlite3.connect(path, isolation_level=None, timeout=30)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = FULL")  # a killed check must not lose a commit
        if migrate:
            migrations.migrate(conn, utc_now())
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise _refuse(path, f"not a usable walletwatch state store: {exc}") from exc
    return Store(path, conn)
