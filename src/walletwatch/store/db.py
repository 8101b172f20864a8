"""Opening the state store: where it lives, owner-only permissions, transactions.

The store is one SQLite file, by default ``<user data dir>/walletwatch/state.sqlite``
(platformdirs); ``$WALLETWATCH_HOME`` replaces the base directory (tests use it) and
``--state PATH`` names the file. The directory is created ``0700`` and the file ``0600``
before SQLite opens it, so a statement history is never readable by other users, not even
for a moment.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from walletwatch.errors import ConfigError, InputError
from walletwatch.store import migrations

STATE_FILE = "state.sqlite"


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


class StoreError(InputError):
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


def _prepare_file(path: Path) -> None:
    """Create the directory (0700) and the file (0600) with owner-only permissions."""
    parent = path.parent
    if not parent.exists():
        parent.mkdir(parents=True, mode=0o700)
        os.chmod(parent, 0o700)  # mkdir's mode is filtered by the umask
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)
    os.chmod(path, 0o600)


def open_store(path: str | Path | None = None, *, migrate: bool = True) -> Store:
    """Open (creating if needed) and migrate the state store.

    Args:
        path: the SQLite file; None means ``default_state_path()``.
        migrate: apply pending migrations (turn off only to inspect an old store).

    Raises:
        ConfigError: the path is a directory.
        StoreError: the file is not a walletwatch SQLite store.
    """
    if path is None:
        path = default_state_path()
        if path.parent.is_dir():  # walletwatch's own folder (the allowlist may have made it)
            os.chmod(path.parent, 0o700)
    path = Path(path)
    if path.is_dir():
        raise ConfigError("--state must name a file, not a directory", "e.g. --state state.sqlite",
                          str(path))
    _prepare_file(path)
    conn = sqlite3.connect(path, isolation_level=None, timeout=30)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = FULL")  # a killed check must not lose a commit
        if migrate:
            migrations.migrate(conn, utc_now())
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"not a walletwatch state store: {exc}",
                         "pass another file with --state", str(path)) from exc
    return Store(path, conn)
