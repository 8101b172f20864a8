"""The owner's marks on recurring series, kept in the state store (table ``recurring_marks``).

``walletwatch recurring cancel PAYEE --date D`` records that the owner cancelled the payee's
series on ``D``: a later charge from it is ``charge-after-cancel``. ``walletwatch recurring
unwanted PAYEE`` records that the owner does not want it: the scheduled check reminds before
its next expected charge. The latest mark of a payee is the one that counts.

``read(path)`` is the public way to read them: it opens an existing store read-only and never
creates one (a scan without a store has no marks).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from walletwatch.errors import ConfigError

KINDS = ("cancelled", "unwanted")


@dataclass(frozen=True)
class Mark:
    payee: str  # as the owner typed it
    payee_key: str  # normalised (walletwatch.allowlist.normalise)
    kind: str  # "cancelled" or "unwanted"
    on_date: str  # YYYY-MM-DD


def parse_date(text: str) -> str:
    """``YYYY-MM-DD`` checked; a bad date is a usage error (exit code 2)."""
    try:
        return dt.date.fromisoformat(text.strip()).isoformat()
    except ValueError as exc:
        raise ConfigError(f"--date {text!r} is not a date", "write it as YYYY-MM-DD") from exc


def add(payee: str, kind: str, on_date: str, state: str | Path | None = None) -> Mark:
    """Record a mark (creating the store if needed) and return it."""
    from walletwatch.allowlist import normalise
    from walletwatch.store.db import open_store, utc_now

    if not payee.strip():
        raise ConfigError("an empty payee cannot be marked", "give the payee's name")
    if kind not in KINDS:
        raise ConfigError(f"unknown mark {kind!r}", f"use one of: {', '.join(KINDS)}")
    mark = Mark(payee.strip(), normalise(payee), kind, parse_date(on_date))
    with open_store(state) as store, store.transaction() as conn:
        conn.execute("INSERT INTO recurring_marks (payee, payee_key, kind, on_date, created_at)"
                     " VALUES (?, ?, ?, ?, ?)",
                     (mark.payee, mark.payee_key, mark.kind, mark.on_date, utc_now()))
    return mark


def from_conn(conn: sqlite3.Connection) -> list[Mark]:
    """The latest mark per payee, from an open store."""
    rows = conn.execute("SELECT payee, payee_key, kind, on_date FROM recurring_marks"
                        " ORDER BY id").fetchall()
    latest: dict[str, Mark] = {}
    for payee, key, kind, on_date in rows:
        latest[key] = Mark(payee, key, kind, on_date)
    return sorted(latest.values(), key=lambda m: (m.payee_key, m.on_date))


def read(state: str | Path | None = None) -> list[Mark]:
    """The marks of the store at ``state`` (default: the default store); none when the file
    does not exist or predates the marks. Opened read-only: nothing is created or migrated."""
    from walletwatch.store.db import StoreError, default_state_path

    path = Path(state) if state is not None else default_state_path()
    if not path.is_file() or path.stat().st_size == 0:
        return []
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
        try:
            known = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table'"
                                 " AND name = 'recurring_marks'").fetchone()
            return from_conn(conn) if known else []
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"cannot read the recurring marks: {exc}",
                         "restore a backup or pass another file with --state", str(path)) from exc
