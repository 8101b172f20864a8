"""The case tables: cases, the findings and transactions they cover, and the communication log.

Pure persistence for ``walletwatch.cases.log``, which decides what is written (case ids,
channels, clocks, follow-up dates). Every write runs in the caller's transaction.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any

CASE_COLUMNS = ("id, status, provider, channel, opened_on, reference, remind_days, remind_on,"
                " clock_channel, clock_start, closed_on")
LOG_COLUMNS = ("date", "kind", "channel", "agent", "ticket", "summary", "attachment",
               "attachment_sha256")


def exists(conn: sqlite3.Connection, case_id: str) -> bool:
    return conn.execute("SELECT 1 FROM cases WHERE id = ?", (case_id,)).fetchone() is not None


def count(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM cases").fetchone()[0])


def open_cases_with(conn: sqlite3.Connection, txn_key: str) -> list[str]:
    """Ids of the open cases covering one transaction."""
    return [case_id for (case_id,) in conn.execute(
        "SELECT ct.case_id FROM case_transactions ct JOIN cases c ON c.id = ct.case_id"
        " WHERE ct.txn_key = ? AND c.status = 'open'", (txn_key,))]


def insert_case(conn: sqlite3.Connection, case_id: str, *, provider: str | None, channel: str,
                opened_on: date, reference: str | None, remind_days: int | None,
                remind_on: date | None, now: str) -> None:
    """A new open case whose clock starts on ``opened_on`` on ``channel``."""
    conn.execute(
        "INSERT INTO cases (id, status, provider, channel, opened_on, reference, remind_days,"
        " remind_on, clock_channel, clock_start, created_at)"
        " VALUES (?, 'open', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (case_id, provider, channel, opened_on.isoformat(), reference, remind_days,
         remind_on.isoformat() if remind_on else None, channel, opened_on.isoformat(), now))


def cover(conn: sqlite3.Connection, case_id: str, finding_ids: list[str],
          txn_keys: list[str]) -> None:
    """Record the findings and transactions a case covers (again: no change)."""
    conn.executemany("INSERT OR IGNORE INTO case_findings VALUES (?, ?)",
                     [(case_id, finding_id) for finding_id in finding_ids])
    conn.executemany("INSERT OR IGNORE INTO case_transactions VALUES (?, ?)",
                     [(case_id, key) for key in txn_keys])


def insert_log(conn: sqlite3.Connection, case_id: str, *, day: date, kind: str,
               channel: str | None, agent: str | None, ticket: str | None,
               summary: str | None, attachment: str | None, digest: str | None,
               now: str) -> int:
    cursor = conn.execute(
        "INSERT INTO case_log (case_id, date, kind, channel, agent, ticket, summary, attachment,"
        " attachment_sha256, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (case_id, day.isoformat(), kind, channel, agent, ticket, summary, attachment, digest,
         now))
    return int(cursor.lastrowid)


def restart_clock(conn: sqlite3.Connection, case_id: str, channel: str, day: date) -> None:
    """The clock now runs on ``channel`` from ``day``; an earlier own reminder no longer holds."""
    conn.execute("UPDATE cases SET clock_channel = ?, clock_start = ?, remind_on = NULL"
                 " WHERE id = ?", (channel, day.isoformat(), case_id))


def set_remind_on(conn: sqlite3.Connection, case_id: str, day: date) -> None:
    conn.execute("UPDATE cases SET remind_on = ? WHERE id = ?", (day.isoformat(), case_id))


def close(conn: sqlite3.Connection, case_id: str, day: date, note: str | None) -> None:
    conn.execute("UPDATE cases SET status = 'closed', closed_on = ?, close_note = ? WHERE id = ?",
                 (day.isoformat(), note, case_id))


def case_row(conn: sqlite3.Connection, case_id: str) -> tuple[Any, ...]:
    """The ``CASE_COLUMNS`` of one case."""
    return conn.execute(f"SELECT {CASE_COLUMNS} FROM cases WHERE id = ?", (case_id,)).fetchone()


def log_rows(conn: sqlite3.Connection, case_id: str) -> list[dict[str, Any]]:
    """A case's communication log, oldest first (``LOG_COLUMNS``)."""
    return [dict(zip(LOG_COLUMNS, r, strict=True)) for r in conn.execute(
        f"SELECT {', '.join(LOG_COLUMNS)} FROM case_log WHERE case_id = ? ORDER BY date, id",
        (case_id,))]


def finding_ids(conn: sqlite3.Connection, case_id: str) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT finding_id FROM case_findings WHERE case_id = ? ORDER BY finding_id", (case_id,))]


def case_ids(conn: sqlite3.Connection, status: str | None = None) -> list[str]:
    """Case ids in order, all or those with ``status``."""
    where, params = ("WHERE status = ?", (status,)) if status else ("", ())
    return [r[0] for r in conn.execute(f"SELECT id FROM cases {where} ORDER BY id", params)]
