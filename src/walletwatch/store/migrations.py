"""Named, ordered schema migrations recorded in the database (sqlite-utils style).

Each migration runs inside its own transaction together with the row that records it in
``_sqlite_migrations`` (``migration_set``, ``name``, ``applied_at``), so a store is never left
half-migrated. Migrations are append-only: never edit or reorder a released one; add a new one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from walletwatch.store.schema_sql import (
    V1_INITIAL,
    V2_CASES,
    V3_OUTBOX,
    V4_CONTEXT_INDEXES,
    V5_CLAIMS_AND_FILE_STATUS,
    V6_RECURRING_MARKS,
)

MIGRATION_SET = "walletwatch"
# PRAGMA application_id of a walletwatch store: "WWST" (see sqlite.org/fileformat.html).
APPLICATION_ID = 0x57575354


@dataclass(frozen=True)
class Migration:
    name: str
    apply: Callable[[sqlite3.Connection], None]


def _script(sql: str) -> Callable[[sqlite3.Connection], None]:
    def run(conn: sqlite3.Connection) -> None:
        for statement in sql.split(";"):
            if statement.strip():
                conn.execute(statement)

    return run


def _m003(conn: sqlite3.Connection) -> None:
    """Outbox, alert events, and fingerprints for the alerts recorded before them.

    Existing alerts get the fingerprint they had at the store's last as-of time, so a
    finding that changes after the upgrade is alerted again, and one that did not is not.
    """
    import json
    from datetime import datetime

    from walletwatch.findings import Finding
    from walletwatch.store.alerts import fingerprint

    _script(V3_OUTBOX)(conn)
    row = conn.execute("SELECT value FROM meta WHERE key = 'as_of'").fetchone()
    as_of = datetime.fromisoformat(row[0]) if row else None
    for finding_id, body in conn.execute("SELECT finding_id, finding FROM alerts").fetchall():
        print_ = fingerprint(Finding.from_dict(json.loads(body)), as_of)
        conn.execute("UPDATE alerts SET fingerprint = ? WHERE finding_id = ?", (print_, finding_id))


MIGRATIONS: tuple[Migration, ...] = (
    Migration("m001_initial", _script(V1_INITIAL)),
    Migration("m002_cases", _script(V2_CASES)),
    Migration("m003_outbox_and_fingerprints", _m003),
    Migration("m004_context_indexes", _script(V4_CONTEXT_INDEXES)),
    Migration("m005_outbox_claims_and_file_status", _script(V5_CLAIMS_AND_FILE_STATUS)),
    Migration("m006_recurring_marks", _script(V6_RECURRING_MARKS)),
)


KNOWN = frozenset(m.name for m in MIGRATIONS)
SCHEMA_VERSION = len(MIGRATIONS)  # PRAGMA user_version of a fully migrated store


def recorded(conn: sqlite3.Connection) -> list[str]:
    """Our migrations recorded in a store, read without creating anything."""
    rows = conn.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = ?"
                        " ORDER BY rowid", (MIGRATION_SET,)).fetchall()
    return [r[0] for r in rows]


def _ensure_table(conn: sqlite3.Connection) -> None:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS _sqlite_migrations ("
        " migration_set TEXT NOT NULL, name TEXT NOT NULL, applied_at TEXT NOT NULL,"
        " PRIMARY KEY (migration_set, name))"
    )


def applied(conn: sqlite3.Connection) -> list[str]:
    """Names of the migrations already applied, in the order they were applied."""
    _ensure_table(conn)
    rows = conn.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
        (MIGRATION_SET,),
    ).fetchall()
    return [r[0] for r in rows]


def pending(conn: sqlite3.Connection) -> list[Migration]:
    done = set(applied(conn))
    return [m for m in MIGRATIONS if m.name not in done]


def migrate(conn: sqlite3.Connection, now: str) -> list[str]:
    """Apply every pending migration in order; return the names applied.

    ``conn`` must be in autocommit mode (``isolation_level=None``): each migration gets an
    explicit ``BEGIN IMMEDIATE`` so two processes never migrate at once.
    """
    # Claim the file first, before any table exists: a check starting meanwhile on the same
    # new file must see a walletwatch store being created, not a foreign database.
    if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    done: list[str] = []
    for migration in pending(conn):
        conn.execute("BEGIN IMMEDIATE")
        try:
            recorded = conn.execute(
                "SELECT 1 FROM _sqlite_migrations WHERE migration_set = ? AND name = ?",
                (MIGRATION_SET, migration.name),
            ).fetchone()
            if recorded is None:  # another process may have applied it meanwhile
                migration.apply(conn)
                conn.execute(
                    "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
                    " VALUES (?, ?, ?)",
                    (MIGRATION_SET, migration.name, now),
                )
                done.append(migration.name)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    _stamp(conn)
    return done


def _stamp(conn: sqlite3.Connection) -> None:
    """Mark the file as a walletwatch store of this schema version (header fields only)."""
    version = len(applied(conn))
    if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    if conn.execute("PRAGMA user_version").fetchone()[0] != version:
        conn.execute(f"PRAGMA user_version = {version}")
