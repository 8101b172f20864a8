"""The ``runs`` table: one row per scheduled check, what it read and what it alerted."""

from __future__ import annotations

import sqlite3
from typing import Any

COLUMNS = ("id", "started_at", "as_of", "files", "new_rows", "duplicate_rows", "new_findings")


def latest(conn: sqlite3.Connection, limit: int = 10) -> list[dict[str, Any]]:
    """The ``limit`` latest runs, newest first, as dicts keyed by ``COLUMNS``."""
    rows = conn.execute(f"SELECT {', '.join(COLUMNS)} FROM runs ORDER BY id DESC LIMIT ?",
                        (limit,)).fetchall()
    return [dict(zip(COLUMNS, row, strict=True)) for row in rows]
